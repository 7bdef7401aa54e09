// End to end: the meeting after it ends. A short meeting is run and ended;
// its page then shows everything said, by whom and under which agenda item,
// the shared decision, the goal made from it and who came; the minutes are
// saved in large print, marked on every page as notes and not the agreed
// plan; and the coordinator corrects what they recorded, the original kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPerson, checkScreen, closeApp, h1, openApp, summaryErrors, tempDB, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();
const soon = new Date(Date.now() + 3 * 864e5);

describe('the meeting after it ends', () => {
  let app, page, problems, base, saveDir;
  before(async () => {
    saveDir = mkdtempSync(join(tmpdir(), 'whatmatters-minutes-'));
    ({ app, page, problems } = await openApp(env, { dbPath: tempDB('minutes'), env: { WHATMATTERS_SAVE_DIR: saveDir } }));
    await addPerson(page, app.url, { given: 'Gosia', family: 'Wiśniewska', day: '2', month: '5', year: '1944' });
    base = page.url().replace(/#.*/, '') + '#/people/1';
    await page.goto(`${base}/list/contacts/new`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Ola Wiśniewska');
    await page.getByLabel('Family', { exact: true }).check();
    await page.getByLabel('Relationship to the person (optional)').fill('daughter');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Gosia Wiśniewska');
  });
  after(() => closeApp(page, app));

  test('a short meeting, run and ended', async () => {
    await visit(page, `${base}/meetings/new`, 'Gosia Wiśniewska Schedule a meeting');
    await page.getByLabel('Day').fill(String(soon.getDate()));
    await page.getByLabel('Month').fill(String(soon.getMonth() + 1));
    await page.getByLabel('Year').fill(String(soon.getFullYear()));
    await page.getByLabel('Time').fill('10:00');
    await page.getByLabel('Place', { exact: true }).fill('At home');
    await page.getByLabel('First plan').check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await h1(page, 'Gosia Wiśniewska First plan meeting');
    await page.getByRole('button', { name: 'Add Ola Wiśniewska' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ravi Shah');
    await page.getByLabel('Role (optional)').fill('Advocate');
    await page.getByRole('button', { name: 'Add to the meeting' }).click();
    await page.getByRole('cell', { name: /Ravi Shah/ }).first().waitFor();
    await page.getByLabel('Attendance of Gosia Wiśniewska').selectOption({ label: 'Present' });
    await page.getByLabel('Attendance of Ola Wiśniewska').selectOption({ label: 'Present' });
    await page.getByLabel('Attendance of Ravi Shah').selectOption({ label: 'Sent apologies' });
    await page.waitForFunction(() => document.querySelector('#attendance-3')?.value === 'apologies');

    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await h1(page, /What matters to you/);
    const said = page.getByLabel('What was said');
    await page.getByLabel('1. Gosia Wiśniewska').check();
    await said.fill('Chcę znowu śpiewać w chórze — I want to sing in the choir again 🎶');
    await page.getByLabel(/These are Gosia Wiśniewska's own words/).check();
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await page.locator('.app-contribution q').getByText(/I want to sing in the choir again/).waitFor();
    await page.getByLabel('2. Ola Wiśniewska').check();
    await said.fill('Mum gets tired after 3pm.');
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await page.getByText('Mum gets tired after 3pm.').waitFor();

    await page.locator('.app-contribution', { hasText: 'sing in the choir' }).getByRole('button', { name: 'Make this a goal' }).click();
    await h1(page, 'Add a goal');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, /What matters to you/);

    await page.getByRole('link', { name: 'Record a shared decision' }).click();
    await h1(page, 'Record a shared decision');
    await page.getByLabel('What was decided').fill('Try the choir on Wednesday mornings');
    await page.locator('#option0').fill('Wednesday mornings');
    await page.locator('#benefits0').fill('Not tired yet');
    await page.getByLabel('Reservations (optional)').fill('Ola worries about the bus');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await h1(page, /What matters to you/);

    await visit(page, `${base}/meetings/1/end`, 'End the meeting');
    await page.getByLabel('Summary of the meeting (optional)').fill('Gosia wants to sing again.');
    await page.getByRole('button', { name: 'End the meeting' }).click();
    await h1(page, /Care and support plan/);
  });

  test('afterwards the meeting page shows who came, everything said, the decision and the goal', async () => {
    await visit(page, `${base}/meetings/1`, 'Gosia Wiśniewska First plan meeting');
    await page.getByRole('heading', { name: 'What happened in the meeting' }).waitFor();
    const who = page.locator('.nhsuk-summary-list', { hasText: 'Taking part' });
    assert.match(await who.innerText(), /Taking part\s+Gosia Wiśniewska, Ola Wiśniewska \(daughter\)/);
    assert.match(await who.innerText(), /Sent apologies\s+Ravi Shah \(Advocate\)/);
    const item = page.getByRole('region', { name: 'What matters to you' });
    await item.getByText("In Gosia Wiśniewska's own words").waitFor();
    await item.getByText('“Chcę znowu śpiewać w chórze — I want to sing in the choir again 🎶”').waitFor();
    await item.getByText('Mum gets tired after 3pm.').waitFor();
    await page.getByText('Try the choir on Wednesday mornings').waitFor();
    await page.getByText('Ola worries about the bus').waitFor();
    assert.match(await page.locator('li', { hasText: 'Goal:' }).innerText(), /I want to sing in the choir again/);
    await checkScreen(page, 'the meeting after it ends', 'e2e-minutes');
  });

  test('the minutes saved in large print, marked on every page', async () => {
    await page.getByLabel('Format').selectOption('large-print');
    await page.getByRole('button', { name: 'Save the minutes' }).click();
    await page.getByText(/^Saved the minutes to .*meeting notes .* large-print\.pdf/).waitFor();
    const [file] = readdirSync(saveDir).filter((f) => f.includes('meeting notes'));
    assert.ok(file, 'no minutes saved');
    const text = execFileSync('pdftotext', [join(saveDir, file), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const want of ['Notes of the meeting — not the agreed plan', 'Gosia Wiśniewska, in their own words', 'I want to sing in the choir again',
      'Mum gets tired after 3pm.', 'Try the choir on Wednesday mornings', 'Sent apologies', 'Ravi Shah']) {
      assert.ok(text.includes(want), `the minutes lack ${want}`);
    }
    execFileSync('qpdf', ['--check', join(saveDir, file)]);
  });

  test('the coordinator corrects what they recorded; the original is kept', async () => {
    const item = page.getByRole('region', { name: 'What matters to you' });
    await item.getByRole('button', { name: /^Correct this \(Ola Wiśniewska/ }).click();
    const words = page.getByLabel('The corrected words');
    assert.equal(await words.inputValue(), 'Mum gets tired after 3pm.');
    await words.fill('');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    assert.deepEqual(await summaryErrors(page), ['Type the corrected words, or strike it through instead']);
    await checkScreen(page, 'correcting a contribution (errors)', 'e2e-minutes-correct');
    await words.fill('Mum gets tired after 4pm.');
    await page.getByLabel('Why it is corrected (optional)').fill('I wrote the wrong time');
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await item.getByText('Mum gets tired after 4pm.').waitFor();
    await item.getByText(/^Corrected on .* by Sam Okafor: I wrote the wrong time$/).waitFor();
    await item.getByText('Earlier words').click();
    await item.getByText('Mum gets tired after 3pm.').waitFor();
    // After reloading, the correction and the original are both still there.
    await page.reload();
    await page.getByRole('heading', { name: 'What happened in the meeting' }).waitFor();
    await page.getByRole('region', { name: 'What matters to you' }).getByText('Mum gets tired after 4pm.').waitFor();
  });

  testNoProblems(() => problems);
});
