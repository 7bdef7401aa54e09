// End to end: two laptops (two databases, two app instances) and the FHIR
// test server (e2e/fhirserver.mjs: @medplum/fhir-router's in-memory
// repository). Each edits offline, syncs and sees the other's changes; the
// same field changed on both is a conflict, settled field by field; agreed
// versions from both arrive once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  OUT,
  ROOT,
  addPerson,
  checkScreen,
  closeApp,
  expectNoAxe,
  h1,
  openApp,
  signIn,
  summaryErrors,
  testNoProblems,
  useBrowser,
  visit,
} from './harness.mjs';

const env = useBrowser();

/** Starts the FHIR test server on a free port; resolves to { base, stop }. */
function startFHIRServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--experimental-websocket', join(ROOT, 'e2e/fhirserver.mjs'), '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`the FHIR test server exited ${code}: ${err}`)));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\d+)/.exec(out);
      if (m) {
        resolve({
          root: `http://127.0.0.1:${m[1]}`,
          base: `http://127.0.0.1:${m[1]}/fhir`,
          stop: () => new Promise((r) => (proc.exitCode !== null ? r() : (proc.once('exit', r), proc.kill('SIGTERM')))),
        });
      }
    });
  });
}

/**
 * How many resources of type the server holds (read through FHIR search,
 * every page), failing if two of them share an identifier: a copy too many.
 */
async function count(server, type) {
  const seen = new Map();
  let total = 0;
  for (let url = `${server.base}/${type}?_count=500`; url; ) {
    const res = await fetch(url, { headers: { accept: 'application/fhir+json' } });
    assert.equal(res.status, 200, `${type} search`);
    const bundle = await res.json();
    for (const { resource } of bundle.entry ?? []) {
      total++;
      for (const id of [resource.identifier ?? []].flat()) {
        const k = `${id.system}|${id.value}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
    }
    url = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  const twice = [...seen].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], `${type}: an identifier on more than one resource`);
  return total;
}

/** Makes the test server fail every request in mode ("down": dropped), or work again (""). */
async function fault(server, mode) {
  const res = await fetch(`${server.root}/__fault`, { method: 'POST', body: JSON.stringify({ mode }) });
  assert.equal(res.status, 200, '/__fault');
}

/** Waits until no sync is running on the laptop. */
async function idle(page) {
  await page.locator('#sync-bar').getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 60000 });
}

/**
 * Sets the laptop to sync with the test server; saving starts a sync at
 * once, in the background: waits for it to end, and returns the header's line.
 */
async function setUpSync(page, url, base) {
  await visit(page, url + '#/sync', 'Sync settings');
  await page.getByLabel('FHIR server address').fill(base);
  await page.getByLabel('No sign-in (a test server on this computer)').check();
  await page.getByRole('button', { name: 'Save sync settings' }).click();
  await page.getByText('Sync settings saved').waitFor();
  await page.locator('#sync-status').getByText(/last synced/).waitFor({ timeout: 60000 });
  await idle(page);
  return noProblem(page);
}

/** Fails if the header shows a sync problem; returns the header's line. */
async function noProblem(page) {
  const problem = page.locator('#sync-problem');
  assert.equal(await problem.count(), 0, `sync failed: ${(await problem.count()) ? await problem.textContent() : ''}`);
  return (await page.locator('#sync-status').textContent()).trim();
}

/** Presses "Sync now" and waits for it to finish; returns the header's line. */
async function syncNow(page) {
  await idle(page);
  const bar = page.locator('#sync-bar');
  await bar.getByRole('button', { name: 'Sync now' }).click();
  await bar.getByText(/Sync finished/).waitFor({ timeout: 60000 });
  await idle(page);
  return noProblem(page);
}

/**
 * Waits for the record of the person named name: a heading that starts
 * with it (their pronouns may follow), since a form's heading ("About me,
 * in Anna Nowak's words") names them too.
 */
function record(page, name) {
  return page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) }).waitFor();
}

/** Opens the person named name through the search. */
async function openPerson(page, url, name) {
  await visit(page, url + '#/', 'Find a person');
  await page.getByLabel('Search by name or NHS number').fill(name);
  await page.getByRole('link', { name }).first().click();
  await record(page, name);
}

/** Writes words into About me's field label, on the person's record open on page. */
async function writeAboutMe(page, name, label, words) {
  await page.getByRole('link', { name: "Edit the person's words" }).click();
  await h1(page, `About me, in ${name}'s words`);
  await page.getByLabel(`${label} (optional)`, { exact: true }).fill(words);
  await page.getByRole('button', { name: 'Save' }).click();
  await record(page, name);
}

/** Agrees the plan of the person open on page (everyone's agreement recorded verbally), returns the version's heading. */
async function agree(page, witness) {
  await page.getByRole('link', { name: 'Care and support plan' }).click();
  await h1(page, /Care and support plan/);
  await page.getByRole('link', { name: 'Agree the plan' }).click();
  await h1(page, /Agree the plan/);
  for (const id of await page.locator('input[id$="method-verbal"]').evaluateAll((els) => els.map((e) => e.id))) {
    await page.locator(`#${id}`).check();
    await page.locator(`#${id.replace('method-verbal', 'witness')}`).fill(witness);
  }
  await page.getByRole('button', { name: 'Agree the plan' }).click();
  await h1(page, /Agreed versions/);
}

describe('two laptops and a FHIR server', () => {
  let server, a, b;
  const ANNA = 'Anna Nowak';
  const GOSIA = 'Gosia Wiśniewska';
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFHIRServer();
    // Each laptop syncs when the test says (and once when its settings are saved), never on its own.
    const quiet = { WHATMATTERS_SYNC_EVERY: '1h' };
    a = await openApp(env, { examples: true, env: quiet });
    b = await openApp(env, { signedIn: false, env: quiet });
    await signIn(b.page, 'Priya Shah', 'Care coordinator');
  });
  after(async () => {
    await closeApp(a?.page, a?.app);
    await closeApp(b?.page, b?.app);
    await server?.stop();
  });

  test('the first laptop sends its records', async () => {
    await addPerson(a.page, a.app.url, { given: 'Anna', family: 'Nowak', day: '14', month: '3', year: '1946' });
    await writeAboutMe(a.page, ANNA, 'What is most important to me', 'My allotment 🌱');
    assert.match(await setUpSync(a.page, a.app.url, server.base), /^No changes waiting to sync, last synced \d+ \w+ \d{4} at \d\d:\d\d$/);
    await checkScreen(a.page, 'sync settings (saved), with the header', 'e2e-sync-settings');
    assert.equal(await count(server, 'Patient'), 6, 'the six people are on the server, once each');
    // Each agreed version's DocumentReference carries the signed PDF, as well as the snapshot.
    const docs = await (await fetch(`${server.base}/DocumentReference?_count=500`)).json();
    assert.ok(docs.entry.length > 0);
    for (const { resource } of docs.entry) {
      const types = resource.content.map((c) => c.attachment.contentType);
      assert.ok(types.includes('application/pdf'), `a DocumentReference with ${types}`);
    }
    // Nothing new: a sync sends nothing.
    assert.match(await syncNow(a.page), /^No changes waiting to sync, last synced/);
    await a.page.locator('#sync-bar').getByText('Sync finished: 0 changes received, 0 changes sent').waitFor();
  });

  test('the second laptop receives them, and shows what came from the server', async () => {
    await setUpSync(b.page, b.app.url, server.base);
    await openPerson(b.page, b.app.url, ANNA);
    await b.page.locator('#about-me').getByText('My allotment 🌱').waitFor();
    // Who changed it on the other laptop travels with the resource.
    await b.page
      .locator('#from-server')
      .getByText(/Last changed on the FHIR server 127\.0\.0\.1:\d+\sby\sSam Okafor \(Care coordinator\)/)
      .waitFor();
    await expectNoAxe(b.page, 'a record from the server');
    await b.page.screenshot({ path: join(OUT, 'e2e-sync-record.png'), clip: { x: 0, y: 0, width: 1100, height: 520 } });
    await b.page.getByRole('link', { name: 'View the history of changes to this record' }).click();
    await h1(b.page, 'History of changes');
    await b.page.getByText('From the server').first().waitFor();
    await b.page.getByText(/Changed on the FHIR server: About me, What is most important to me/).waitFor();
  });

  test('each edits offline, syncs, and sees the other’s changes', async () => {
    // Laptop A changes About me; laptop B adds a contact: different things.
    await openPerson(a.page, a.app.url, ANNA);
    await writeAboutMe(a.page, ANNA, 'My wellness', 'Walking to the park.');
    await a.page.locator('#sync-status').getByText(/^1 change waiting to sync, last synced [^.]*$/).waitFor();
    await expectNoAxe(a.page, 'the header with a change waiting');
    await a.page.screenshot({ path: join(OUT, 'e2e-sync-header.png'), clip: { x: 0, y: 0, width: 1100, height: 420 } });

    await openPerson(b.page, b.app.url, ANNA);
    await b.page.getByRole('link', { name: 'Add a contact' }).click();
    await h1(b.page, 'Add a contact');
    await b.page.getByLabel('Name', { exact: true }).fill('Ola Nowak');
    await b.page.getByLabel('Family', { exact: true }).check();
    await b.page.getByRole('button', { name: 'Save' }).click();
    await record(b.page, ANNA);

    // The server is out of reach: a plain message, and the change waits.
    await fault(server, 'down');
    await idle(a.page);
    await a.page.locator('#sync-bar').getByRole('button', { name: 'Sync now' }).click();
    await a.page.locator('#sync-problem').getByText(/Could not reach the FHIR server at 127\.0\.0\.1:\d+\. Your 1 change is kept and will be sent next time/).waitFor({ timeout: 60000 });
    await a.page.locator('#sync-status').getByText(/^1 change waiting to sync/).waitFor();
    await expectNoAxe(a.page, 'the header when the server is out of reach');
    await a.page.screenshot({ path: join(OUT, 'e2e-sync-offline.png'), clip: { x: 0, y: 0, width: 1100, height: 300 } });
    await fault(server, '');

    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    await openPerson(a.page, a.app.url, ANNA);
    await a.page.getByText('Ola Nowak').first().waitFor();
    await openPerson(b.page, b.app.url, ANNA);
    await b.page.locator('#about-me').getByText('Walking to the park.').waitFor();
  });

  test('the same field changed on both is a conflict, settled field by field', async () => {
    await openPerson(a.page, a.app.url, ANNA);
    await writeAboutMe(a.page, ANNA, 'What is most important to me', 'My allotment, and my cat Mruczek');
    await openPerson(b.page, b.app.url, ANNA);
    await writeAboutMe(b.page, ANNA, 'What is most important to me', 'Sunday dinner with my grandchildren \u202Eok\u202C');
    await syncNow(a.page);
    await syncNow(b.page);
    const link = b.page.locator('#sync-conflicts');
    await link.getByText('1 conflict to settle').waitFor();
    await link.click();
    await h1(b.page, 'Settle sync conflicts');
    await b.page.getByRole('heading', { level: 2, name: `${ANNA}: About me` }).waitFor();
    const field = b.page.getByRole('group', { name: 'What is most important to me' });
    await field.getByText('Before: My allotment 🌱').waitFor();
    const mine = field.getByLabel(/On this laptop: Sunday dinner with my grandchildren/);
    const theirs = field.getByLabel(/On the server: My allotment, and my cat Mruczek/);
    assert.equal(await mine.isChecked(), false);
    assert.equal(await theirs.isChecked(), false);
    await checkScreen(b.page, 'settle sync conflicts', 'e2e-sync-conflicts');
    // Nothing is chosen for the coordinator.
    await b.page.getByRole('button', { name: 'Settle this conflict' }).click();
    assert.deepEqual(await summaryErrors(b.page), [
      'Select which “What is most important to me” to keep: the one on this laptop or the one on the server',
    ]);
    await expectNoAxe(b.page, 'settle sync conflicts (errors)');
    await mine.check();
    await b.page.getByRole('button', { name: 'Settle this conflict' }).click();
    await b.page.getByText(`The conflict in About me for ${ANNA} is settled`).waitFor();
    await b.page.getByText('There are no conflicts to settle.').waitFor();

    await syncNow(b.page);
    await syncNow(a.page);
    await openPerson(a.page, a.app.url, ANNA);
    await a.page.locator('#about-me').getByText(/Sunday dinner with my grandchildren/).waitFor();
    assert.equal(await a.page.locator('#sync-conflicts').count(), 0);
  });

  test('agreed versions from both laptops arrive once', async () => {
    const plans = await count(server, 'CarePlan');
    await openPerson(a.page, a.app.url, GOSIA);
    await agree(a.page, 'Sam Okafor');
    await openPerson(b.page, b.app.url, GOSIA);
    await agree(b.page, 'Sam Okafor');
    for (const p of [a.page, b.page, a.page, b.page]) await syncNow(p);
    assert.equal(await count(server, 'CarePlan'), plans + 2, 'one CarePlan for each version agreed');
    // Syncing again sends nothing twice.
    for (const p of [a.page, b.page]) await syncNow(p);
    assert.equal(await count(server, 'CarePlan'), plans + 2);
    for (const [p, url] of [
      [a.page, a.app.url],
      [b.page, b.app.url],
    ]) {
      await openPerson(p, url, GOSIA);
      await p.getByRole('link', { name: 'Care and support plan' }).click();
      await h1(p, /Care and support plan/);
      await p.getByRole('link', { name: 'Agreed versions and signed PDFs' }).click();
      await h1(p, /Agreed versions/);
      // Both new versions are here (the two agreed before, and the one each laptop agreed).
      await p.getByRole('heading', { name: /^Version \d+/ }).nth(3).waitFor();
      const versions = await p.getByRole('heading', { name: /^Version \d+/ }).allTextContents();
      assert.equal(new Set(versions).size, versions.length, `no version twice: ${versions}`);
      assert.ok(versions.length >= 4, `both new versions are here: ${versions}`);
    }
  });

  testNoProblems(() => [...(a?.problems ?? []), ...(b?.problems ?? [])]);
});
