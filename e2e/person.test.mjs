// End to end: the real Go backend and the built frontend in Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScreen, closeApp, errorsFor, expectNoAxe, h1, openApp, signIn, summaryErrors, tempDB, testNoProblems, useBrowser, visit } from './harness.mjs';

const ZOE = { given: 'Zoë', family: "Ó'Brien-Łukasiewicz" };

const env = useBrowser();

async function fillPerson(page, p) {
  await page.getByLabel('Given name').fill(p.given ?? '');
  await page.getByLabel('Family name').fill(p.family ?? '');
  await page.getByLabel('Day').fill(p.day ?? '');
  await page.getByLabel('Month').fill(p.month ?? '');
  await page.getByLabel('Year').fill(p.year ?? '');
  await page.getByLabel('NHS number (optional)').fill(p.nhs ?? '');
}

describe('a person, from adding to finding', () => {
  let app, page, problems;
  before(async () => {
    ({ app, page, problems } = await openApp(env, { signedIn: false }));
  });
  after(() => closeApp(page, app));

  test('first start makes the first account, once', async () => {
    await page.getByRole('heading', { level: 1, name: 'Set up What Matters' }).waitFor();
    await expectNoAxe(page, 'set up');
    assert.deepEqual(await errorsFor(page, 'Make the account', { 'Your name': '   ', 'Choose a passphrase': 'short' }), [
      'Enter your name',
      'Passphrase must be at least 10 characters. A few words you will remember are best',
    ]);
    await signIn(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
  });

  test('home screen on a new database', async () => {
    await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
    await page.getByText('No one has been added yet').waitFor();
    await checkScreen(page, 'home (empty)', 'e2e-home-empty');
  });

  test('empty form: every problem listed at once', async () => {
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    await expectNoAxe(page, 'add person');
    await page.getByRole('button', { name: 'Save person' }).click();
    assert.deepEqual(await summaryErrors(page), [
      "Enter the person's given name",
      "Enter the person's family name",
      "Enter the person's date of birth",
    ]);
    assert.equal(await page.title(), 'Error: Add a person – What Matters');
  });

  test('wrong date and NHS number: shown beside their fields, typing kept', async () => {
    await fillPerson(page, { ...ZOE, day: '31', month: '2', year: '1950', nhs: '943 476 5918' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.nhsuk-error-summary li').length === 2);
    assert.deepEqual(await summaryErrors(page), [
      'Date of birth must be a real date',
      'Enter a valid NHS number. Check it on a letter or ask the person',
    ]);
    assert.equal(await page.locator('#nhsNumber-error').textContent(), 'Error: Enter a valid NHS number. Check it on a letter or ask the person');
    assert.equal(await page.getByLabel('Given name').inputValue(), 'Zoë');
    assert.equal(await page.getByLabel('NHS number (optional)').inputValue(), '943 476 5918');
    // The summary link takes focus to the input.
    await page.getByRole('link', { name: /Enter a valid NHS number/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'nhsNumber');
    await checkScreen(page, 'add person with errors', 'e2e-add-person-errors');
  });

  test('future date of birth is refused', async () => {
    await fillPerson(page, { ...ZOE, day: '1', month: '1', year: '2099', nhs: '943 476 5919' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.waitForFunction(() => document.querySelector('.nhsuk-error-summary li')?.textContent === 'Date of birth must be in the past');
  });

  test('a valid person is saved and their record opens', async () => {
    await fillPerson(page, { ...ZOE, day: '1', month: '4', year: '1950', nhs: '943 476 5919' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { level: 1, name: "Zoë Ó'Brien-Łukasiewicz" }).waitFor();
    await page.getByText("Zoë Ó'Brien-Łukasiewicz has been added").waitFor();
    const details = await page.locator('#details .nhsuk-summary-list').textContent();
    assert.match(details, /943 476 5919/);
    assert.match(details, /1 April 1950/);
    await checkScreen(page, 'person page', 'e2e-person');
  });

  test('hostile and huge text: refused with a limit, or stored and shown as text', async () => {
    await page.goto(app.url + '#/people/new');
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    await fillPerson(page, { given: '<img src=x onerror=alert(1)>', family: 'a'.repeat(10000), day: '9', month: '7', year: '1961' });
    await page.getByRole('button', { name: 'Save person' }).click();
    assert.deepEqual(await summaryErrors(page), ['Family name must be 100 characters or fewer']);
    await page.getByLabel('Family name').fill('مریم 👩🏽‍🦳');
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { level: 1, name: '<img src=x onerror=alert(1)> مریم 👩🏽‍🦳' }).waitFor();
    assert.equal(await page.locator('main img').count(), 0, 'no element was made from the text');
  });

  test('search by part of a name, or NHS number with or without spaces, then open', async () => {
    await page.getByRole('link', { name: 'Back to find a person' }).click();
    const search = page.getByLabel('Search by name or NHS number');
    for (const q of ['lukas', 'ZOË', "o'brien", '943 476 5919', '9434765919', '1/4/1950']) {
      await search.fill(q);
      await page.waitForFunction(() => document.getElementById('search-status')?.textContent === '1 person found');
      assert.equal(await page.locator('.app-search-results a').first().textContent(), "Zoë Ó'Brien-Łukasiewicz", `query ${q}`);
    }
    await search.fill('nobody-here');
    await page.getByText('No one found for “nobody-here”').waitFor();
    await search.fill('zoe');
    await page.getByRole('link', { name: "Zoë Ó'Brien-Łukasiewicz" }).click();
    await page.getByRole('heading', { level: 1, name: "Zoë Ó'Brien-Łukasiewicz" }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: "Zoë Ó'Brien-Łukasiewicz" }).waitFor();
  });

  test('change details, keyboard only', async () => {
    await page.getByRole('link', { name: 'Change pronouns' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Change details' }).waitFor();
    await page.getByLabel('Pronouns (optional)').focus();
    await page.keyboard.type('she/her');
    await page.keyboard.press('Enter');
    await page.getByText("Zoë Ó'Brien-Łukasiewicz – details saved").waitFor();
    assert.match(await page.locator('#details .nhsuk-summary-list').textContent(), /she\/her/);
  });

  test('a name with a zero-width space is refused, named in the error summary and beside the field', async () => {
    await visit(page, app.url + '#/people/new', 'Add a person');
    const message =
      'Given name must not contain hidden formatting characters (such as zero-width spaces or direction marks). Retype it';
    await fillPerson(page, { given: 'Der\u200Bek', family: 'Johnson', day: '9', month: '8', year: '1962' });
    await page.getByRole('button', { name: 'Save person' }).click();
    assert.deepEqual(await summaryErrors(page), [message]);
    assert.equal(await page.locator('#givenName-error').textContent(), `Error: ${message}`);
    assert.equal(await page.getByLabel('Given name').inputValue(), 'Der\u200Bek', 'what was typed is kept');
    // A right-to-left override in the family name, too.
    await fillPerson(page, { given: 'Derek', family: 'nos\u202Enhoj', day: '9', month: '8', year: '1962' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.waitForFunction(() => document.querySelector('.nhsuk-error-summary li')?.textContent?.startsWith('Family name must not'));
    await checkScreen(page, 'add person with a hidden character', 'e2e-hidden-character');
  });

  test('someone already recorded with that name and birthday is named, with a link, before saving', async () => {
    await fillPerson(page, { given: 'Derek', family: 'Johnson', day: '9', month: '8', year: '1962' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await h1(page, 'Derek Johnson');
    const derekURL = page.url();

    // The same name with a Cyrillic е, the same date of birth.
    await visit(page, app.url + '#/people/new', 'Add a person');
    await fillPerson(page, { given: 'D\u0435rek', family: 'JOHNSON', day: '9', month: '8', year: '1962' });
    await page.getByRole('button', { name: 'Save person' }).click();
    const warning = page.locator('#duplicate');
    await warning.getByText('There is already a Derek Johnson born 9 August 1962.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'duplicate', 'focus moves to the warning');
    const link = warning.getByRole('link', { name: 'Open the record for Derek Johnson' });
    assert.equal(new URL(await link.getAttribute('href'), page.url()).hash, new URL(derekURL).hash);
    assert.equal(await page.locator('.nhsuk-error-summary').count(), 0);
    await checkScreen(page, 'possible duplicate', 'e2e-duplicate-warning');

    // The link opens the record already there; nothing was added.
    await link.click();
    await h1(page, 'Derek Johnson');
    await page.goto(app.url + '#/');
    await page.getByLabel('Search by name or NHS number').fill('derek');
    await page.waitForFunction(() => document.getElementById('search-status')?.textContent === '1 person found');

    // A different person after all: saved when the coordinator says so.
    await visit(page, app.url + '#/people/new', 'Add a person');
    await fillPerson(page, { given: 'Derek', family: 'Johnson', day: '9', month: '8', year: '1962' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('button', { name: 'This is a different person, save anyway' }).click();
    await page.getByText('Derek Johnson has been added').waitFor();
    assert.notEqual(new URL(page.url()).hash, new URL(derekURL).hash);
    await page.goto(app.url + '#/');
    // Found by the look-alike spelling too.
    await page.getByLabel('Search by name or NHS number').fill('D\u0435rek');
    await page.waitForFunction(() => document.getElementById('search-status')?.textContent === '2 people found');
  });

  testNoProblems(() => problems);
});

describe('keeping data', () => {
  test('a restarted app finds the person again', async () => {
    const dbPath = tempDB('keep');
    let { app, page } = await openApp(env, { dbPath });
    await page.goto(app.url + '#/people/new');
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    await fillPerson(page, { given: 'Siân', family: 'Llŷr', day: '3', month: '3', year: '1944' });
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Siân Llŷr' }).waitFor();
    await page.close();
    await app.stop();

    ({ app, page } = await openApp(env, { dbPath, signedIn: false }));
    // A new process knows no one: signing in again is needed.
    await page.getByRole('heading', { level: 1, name: 'Sign in to What Matters' }).waitFor();
    await signIn(page);
    await page.getByLabel('Search by name or NHS number').fill('sian');
    await page.getByRole('link', { name: 'Siân Llŷr' }).waitFor();
    await page.close();
    await app.stop();
  });

  test('a file that is not a database is refused and left unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatmatters-bad-'));
    const dbPath = join(dir, 'notes.db');
    writeFileSync(dbPath, 'My shopping list, not a database.\n');
    const { app, page } = await openApp(env, { dbPath, signedIn: false });
    await page.getByRole('heading', { level: 1, name: 'What Matters cannot open its database' }).waitFor();
    await page.getByText('is not a What Matters database').waitFor();
    await checkScreen(page, 'database problem', 'e2e-not-a-database');
    await page.close();
    await app.stop();
    assert.equal(readFileSync(dbPath, 'utf8'), 'My shopping list, not a database.\n');
  });
});
