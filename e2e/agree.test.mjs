// End to end: agreeing a plan with drawn signatures, saving the signed PDF,
// recording who has a copy, and checking a plan by code and by file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScreen, closeApp, errorsFor, expectNoAxe, h1, openApp, screenshot, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

function hasTool(name) {
  try {
    execFileSync('which', [name]);
    return true;
  } catch {
    return false;
  }
}

describe('agreeing the plan', () => {
  let app, page, problems, saveDir, code;
  before(async () => {
    saveDir = mkdtempSync(join(tmpdir(), 'whatmatters-save-'));
    ({ app, page, problems } = await openApp(env, { env: { WHATMATTERS_SAVE_DIR: saveDir }, examples: true }));
  });
  after(() => closeApp(page, app));

  test('signatures are required, then drawn and recorded', async () => {
    await visit(page, app.url + '#/people/1/plan', /Care and support plan/);
    await page.getByRole('link', { name: 'Agree the plan' }).click();
    await h1(page, /Agree the plan/);
    assert.deepEqual(await errorsFor(page, 'Agree the plan'), [
      'Sign in the box, or choose another way to record agreement',
      'Sign in the box, or choose another way to record agreement',
    ]);
    await expectNoAxe(page, 'agree the plan (errors)');

    // The person draws a signature with the pointer.
    const pad = page.locator('#sig0strokes');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    await page.mouse.move(box.x + 30, box.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 15, box.y + 100 - Math.sin(i / 2) * 40, { steps: 2 });
    await page.mouse.up();
    await page.mouse.move(box.x + 120, box.y + 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 130, { steps: 8 });
    await page.mouse.up();
    // The coordinator records verbal agreement instead.
    await page.locator('#sig1method-verbal').check();
    await page.getByLabel('Name of the witness').fill('Ola Wiśniewska');
    await screenshot(page, 'e2e-agree-signed');
    await page.getByRole('button', { name: 'Agree the plan' }).click();
    await h1(page, /Agreed versions/);
    const banner = await page.getByText(/Version 3 agreed\. Check code/).textContent();
    code = banner.match(/[0-9A-Z]{4}-[0-9A-Z]{4}/)[0];
    const v3 = page.locator('#version-3');
    await v3.getByText('Sam Okafor (agreed verbally, witnessed by Ola Wiśniewska)').waitFor();
    await v3.getByText('Gosia Wiśniewska (signed)').waitFor();
  });

  test('the signed PDF is saved, and who has a copy is recorded', async () => {
    await page.locator('#version-3').getByRole('button', { name: 'Save the signed PDF' }).click();
    await page.getByText(/^Saved to /).waitFor();
    const files = readdirSync(saveDir);
    assert.deepEqual(files, ['Gosia Wiśniewska care plan v3 large-print.pdf']);
    const file = join(saveDir, files[0]);
    if (hasTool('pdftotext')) {
      const text = execFileSync('pdftotext', [file, '-']).toString();
      assert.match(text, /My care and support plan/);
      assert.match(text, new RegExp(`Check code ${code}`));
      assert.match(text, /Agreed verbally, witnessed by Ola Wiśniewska/);
    }
    if (hasTool('pdfsig') && hasTool('certutil')) {
      const nss = join(saveDir, 'nss');
      mkdirSync(nss);
      execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
      let out = '';
      try {
        out = execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, file]).toString();
      } catch (e) {
        out = String(e.stdout);
      }
      assert.match(out, /Signature is Valid\./);
      assert.match(out, /Total document signed/);
    }
    copyFileSync(file, join(saveDir, 'check.pdf'));
    // The dev build's pretend printers (print_dev.go) copy what they get into saveDir.
    const v3 = page.locator('#version-3');
    assert.equal(await v3.getByLabel('Printer', { exact: true }).inputValue(), 'Test_printer');
    await v3.getByLabel('Printer', { exact: true }).selectOption('Ward_office');
    await v3.getByRole('button', { name: 'Print' }).click();
    await v3.getByText('Sent to printer Ward_office').waitFor();
    await v3.getByText(/Printed for the person: Large print, \d+ \w+ \d{4}/).waitFor();
    assert.ok(existsSync(join(saveDir, 'printed-Ward_office.pdf')));
    await v3.getByLabel('Open in my PDF viewer to print').check();
    await v3.getByRole('button', { name: 'Open in my PDF viewer' }).click();
    await v3.getByText(/^Opened in your PDF viewer\./).waitFor();
    assert.ok(existsSync(join(saveDir, 'opened.pdf')));
    if (process.env.KEEP_PDF) copyFileSync(file, process.env.KEEP_PDF);

    await page.locator('#holder-3').fill('Gosia');
    await v3.getByRole('button', { name: 'Record the copy' }).click();
    await page.getByText(/Gosia: Large print, \d+ \w+ \d{4}/).waitFor();
    await checkScreen(page, 'agreed versions', 'e2e-versions');
  });

  test('a review draft is agreed as the next version, with what changed', async () => {
    await visit(page, app.url + '#/people/1/list/goals/new', 'Add a goal');
    await page.getByLabel("Goal, in the person's words").fill('Cook pierogi for the street party');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Gosia Wiśniewska');
    await visit(page, app.url + '#/people/1/agree', /Agree the plan/);
    await page.locator('#sig0method-verbal').check();
    await page.locator('#sig0witness').fill('Sam Okafor');
    await page.locator('#sig1method-unable').check();
    await page.locator('#sig1reason').fill('Broken wrist');
    await page.getByRole('button', { name: 'Agree the plan' }).click();
    await h1(page, /Agreed versions/);
    await page.getByRole('heading', { name: 'Version 4 (current)' }).waitFor();
    await page.getByRole('heading', { name: 'Version 3 (superseded)' }).waitFor();
    await page.locator('#version-4').getByText('My goals: Goal added: Cook pierogi for the street party').waitFor();
    // Any two versions can be compared.
    await page.getByLabel('From', { exact: true }).selectOption('1');
    await page.getByLabel('To', { exact: true }).selectOption('4');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.locator('#compared').getByText(/Goal achieved: Staying in my own flat/).waitFor();
    await expectNoAxe(page, 'compare versions');
  });

  test('check a plan by its code, and by its file', async () => {
    await visit(page, app.url + '#/check', 'Check a plan');
    await page.getByLabel('Check code').fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Check the code' }).click();
    await page.locator('#code-error').getByText(/No agreed plan has the check code ZZZZ-ZZZZ/).waitFor();
    await page.getByLabel('Check code').fill(code.toLowerCase().replace('-', ''));
    await page.getByRole('button', { name: 'Check the code' }).click();
    await page.getByText('This plan has been replaced by a later version').waitFor();
    await page.getByRole('button', { name: 'Open a PDF file' }).click();
    await page.locator('#check-result').getByText(/Gosia Wiśniewska, version 3/).waitFor();
    await expectNoAxe(page, 'check a plan');

    // Forged and malformed files are refused, each with its reason, and
    // the page is always answered.
    const genuine = readFileSync(join(saveDir, 'check.pdf'));
    const forgeries = [
      [Buffer.concat([genuine, Buffer.from('\n4 0 obj\n<< /Length 2 >>\nstream\nBT\nendstream\nendobj\n')]), /no signature made by What Matters/],
      [Buffer.from(genuine.toString('latin1').replace(/\/ByteRange \[0 \d+ \d+ \d+\]/, '/ByteRange [0 1 2 9223372036854775807]'), 'latin1'), /not a genuine signed plan/],
      [Buffer.from('%PDF-1.7\n' + '['.repeat(200000)), /not a genuine signed plan/],
    ];
    for (const [bytes, reason] of forgeries) {
      writeFileSync(join(saveDir, 'check.pdf'), bytes);
      await page.getByRole('button', { name: 'Open a PDF file' }).click();
      await page.locator('#file-problem').getByText(reason).waitFor();
      assert.equal(await page.locator('#check-result').count(), 0);
    }
    truncateSync(join(saveDir, 'check.pdf'), 60 << 20);
    await page.getByRole('button', { name: 'Open a PDF file' }).click();
    await page.locator('#file-problem').getByText(/larger than any plan/).waitFor();
    await expectNoAxe(page, 'check a plan, a forged file');
    writeFileSync(join(saveDir, 'check.pdf'), genuine);
    await page.getByRole('button', { name: 'Save the plan-signing certificate' }).click();
    await page.getByText(/^Saved to .*What Matters plan signing root\.pem$/).waitFor();
    assert.ok(existsSync(join(saveDir, 'What Matters plan signing root.pem')));
    // No certificate file chosen here: the form says so beside the password.
    await page.getByLabel("The certificate file's password").fill('secret');
    await page.getByRole('button', { name: 'Choose the certificate file' }).click();
    await page.locator('#password-error').getByText('Cannot read that file').waitFor();
    await expectNoAxe(page, 'check a plan, certificate error');
  });

  testNoProblems(() => problems);
});
