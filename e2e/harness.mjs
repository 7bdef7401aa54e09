// Starts the real app (dev-tag build: the real Go backend, serving the built
// frontend over a local dev server) under Xvfb on a temporary database, and
// Debian's Chromium driven by Playwright. No browser is downloaded.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../frontend/package.json'));
const { chromium } = require('playwright-core');

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'test-output');
const BINARY = process.env.WHATMATTERS_DEV_BINARY ?? join(ROOT, 'build/bin/whatmatters-dev');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Starts an Xvfb server on a free display; resolves to { display, stop }. */
export function startXvfb() {
  if (process.env.DISPLAY) return Promise.resolve({ display: process.env.DISPLAY, stop() {} });
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`Xvfb exited ${code}: ${err}`)));
    proc.stdio[3].on('data', (d) => {
      const n = String(d).trim();
      if (n) resolve({ display: `:${n}`, stop: () => proc.kill('SIGTERM') });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHTTP(url, proc, ms = 20000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`app exited with ${proc.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`app did not answer at ${url}`);
}

/**
 * Starts the app on dbPath (a new temporary file by default; a given path is
 * never removed) and resolves to
 * { url, dbPath, log(), stop(signal) }.
 */
export async function startApp({ display, dbPath, env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'whatmatters-e2e-'));
  dbPath ??= join(dir, 'test.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const proc = spawn(BINARY, ['-devserver', `127.0.0.1:${port}`, '-assetdir', join(ROOT, 'frontend/dist')], {
    cwd: ROOT,
    env: { ...process.env, ...env, DISPLAY: display, WHATMATTERS_DB: dbPath, NO_AT_BRIDGE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  await waitForHTTP(url, proc);
  return {
    url,
    dbPath,
    log: () => output,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill(signal);
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless, as root, with the network closed. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a page that records console errors, page errors and CSP violations.
 * Wails' own dev-mode overlay (/wails/ipc.js) injects a style element; that
 * script exists only in development builds, so its violation is ignored.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 850 } });
  const problems = [];
  await page.exposeFunction('__reportCSP', (v) => {
    if (!String(v.sourceFile).endsWith('/wails/ipc.js')) problems.push(`CSP ${v.directive} ${v.sourceFile}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__reportCSP({ directive: e.violatedDirective, sourceFile: e.sourceFile }),
    );
  });
  page.on('pageerror', (e) => {
    if (!String(e.stack).includes('/wails/ipc.js')) problems.push(`page error: ${e.message}`);
  });
  page.on('console', (m) => {
    // The dev server's IPC websocket reports a refused reconnect while a test restarts the app.
    const devReconnect = /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/wails\/ipc' failed/.test(m.text());
    if (m.type() === 'error' && !m.text().includes('Content Security Policy') && !devReconnect) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(url);
  return { page, problems };
}

/** Runs axe-core in the page (evaluated, so the page's CSP still applies to the app) and returns violations. */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }),
  );
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a screenshot into test-output/. */
export async function screenshot(page, name) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

/** The passphrase of the account signIn makes. */
export const PASSPHRASE = 'correct horse battery staple';

/**
 * Gets past the first screens as a coordinator would: on a new database it
 * makes the first account (and continues past its recovery code), on a
 * database with accounts it signs in; if already signed in it does nothing.
 * It leaves the page on the screen its address names.
 */
export async function signIn(page, name = 'Sam Okafor', role = 'Care coordinator', passphrase = PASSPHRASE) {
  const setUp = page.getByRole('heading', { level: 1, name: 'Set up What Matters' });
  const signInHeading = page.getByRole('heading', { level: 1, name: 'Sign in to What Matters' });
  const home = page.getByRole('heading', { level: 1, name: 'Find a person' });
  await Promise.race([setUp.waitFor(), signInHeading.waitFor(), home.waitFor()]);
  if (await setUp.isVisible()) {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Your role').fill(role);
    await page.getByLabel('Choose a passphrase').fill(passphrase);
    await page.getByLabel('Type the passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Make the account' }).click();
    await page.locator('#recovery-code').waitFor();
    await page.getByRole('button', { name: 'I have kept the code safe, continue' }).click();
    await page.locator('#recovery-code').waitFor({ state: 'detached' });
  } else if (await signInHeading.isVisible()) {
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInHeading.waitFor({ state: 'detached' });
  }
}

/** Fails the test if axe finds any violation on the page. */
export async function expectNoAxe(page, where) {
  assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
}

/** Fails the test if axe finds any violation on the screen (where names it), then saves its screenshot as name. */
export async function checkScreen(page, where, name) {
  await expectNoAxe(page, where);
  await screenshot(page, name);
}

/** Waits for the error summary and returns its messages, in order. */
export async function summaryErrors(page) {
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  return summary.locator('li').allTextContents();
}

/** Waits for the screen whose heading is name. */
export function h1(page, name) {
  return page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * Starts one Xvfb and one browser for a test file, stopped after it. The
 * returned object's display and browser are set once the file's tests run.
 */
export function useBrowser() {
  const env = { display: '', browser: null };
  let xvfb;
  before(async () => {
    xvfb = await startXvfb();
    env.display = xvfb.display;
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    xvfb?.stop();
  });
  return env;
}

/** Adds a person through the form and waits for their record to open. */
export async function addPerson(page, appUrl, { given, family, day, month, year }) {
  await visit(page, appUrl.replace(/\/?$/, '/') + '#/people/new', 'Add a person');
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByLabel('Day').fill(day);
  await page.getByLabel('Month').fill(month);
  await page.getByLabel('Year').fill(year);
  await page.getByRole('button', { name: 'Save person' }).click();
  await h1(page, `${given} ${family}`);
}

/**
 * Starts the app (options as startApp's, on the file's display) and opens a
 * page on it; then signs in unless signedIn is false, and loads the example
 * people if examples. With clock, Playwright's clock is installed first.
 * Resolves to { app, page, problems }.
 */
export async function openApp(env, { signedIn = true, examples = false, clock = false, ...options } = {}) {
  const app = await startApp({ display: env.display, ...options });
  const { page, problems } = await openPage(env.browser, app.url);
  if (clock) {
    await page.clock.install();
    await page.reload();
  }
  if (signedIn) await signIn(page);
  if (examples) await loadExamples(page);
  return { app, page, problems };
}

/** Closes the page and stops the app, those of them that were made. */
export async function closeApp(page, app) {
  await page?.close();
  await app?.stop();
}

/** Loads the example people from the empty home screen. */
export async function loadExamples(page) {
  await page.getByRole('button', { name: 'Try it with example people' }).click();
  await page.getByText('5 people found').waitFor();
}

/** The path of a new database file called name.db, in a new temporary folder. */
export function tempDB(name) {
  return join(mkdtempSync(join(tmpdir(), `whatmatters-${name}-`)), `${name}.db`);
}

/** Goes to url and waits for the screen whose heading is heading. */
export async function visit(page, url, heading) {
  await page.goto(url);
  await h1(page, heading);
}

/**
 * Fills the fields ({ label: value }, each found by its label; by the whole
 * label with exact, where one label is part of another).
 */
export async function fillFields(page, fields, { exact = false } = {}) {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, exact ? { exact } : undefined).fill(value);
}

/**
 * Fills the fields as fillFields does, presses the button named button and
 * returns the messages of the error summary that must follow, in order.
 */
export async function errorsFor(page, button, fields = {}, options = {}) {
  await fillFields(page, fields, options);
  await page.getByRole('button', { name: button }).click();
  return summaryErrors(page);
}

/**
 * The test, last in a describe, that nothing went wrong in its page: no
 * console error, page error or CSP violation. problems returns the list
 * openPage made.
 */
export function testNoProblems(problems) {
  test('no console errors, page errors or CSP violations', () => {
    assert.deepEqual(problems(), []);
  });
}
