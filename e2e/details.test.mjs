// End to end: the person's own details (address, GP practice, home and
// getting in) recorded by a coordinator, refused in wrong shapes with clear
// messages, shown on the record, kept in history, and found by postcode and
// phone number.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, checkScreen, closeApp, errorsFor, fillFields, h1, openApp, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

describe("the person's own details", () => {
  let app, page, problems, personUrl;
  before(async () => {
    ({ app, page, problems } = await openApp(env));
  });
  after(() => closeApp(page, app));

  test('add the person, then open the change-details form from their record', async () => {
    await addPerson(page, app.url, { given: 'Halina', family: 'Kowalska', day: '3', month: '2', year: '1944' });
    personUrl = page.url();
    const gp = page.locator('#details-gp');
    await gp.getByText('Not recorded').first().waitFor();
    await gp.getByRole('link', { name: /Change/ }).first().click();
    await h1(page, 'Change details');
    for (const heading of ['Address and contact details', 'GP practice', 'Home and getting in', 'How they describe themselves']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await checkScreen(page, 'change details, with the person’s details', 'details-form');
  });

  test('postcodes, phone numbers, emails and practice codes in wrong shapes get clear messages', async () => {
    const bad = {
      'Postcode (optional)': 'SW1',
      'Phone number (optional)': '01632 96',
      'Email address (optional)': 'halina.example.com',
      'Practice phone number (optional)': 'ask reception',
      'Practice code (ODS code) (optional)': 'A-1',
    };
    // exact: "Phone number" is also part of "Practice phone number"
    const errors = await errorsFor(page, 'Save changes', bad, { exact: true });
    assert.deepEqual(errors, [
      'Enter a real postcode, like SW1A 1AA',
      'Enter a phone number with 10 or 11 digits, like 01632 960 001',
      'Enter an email address in the correct format, like name@example.com',
      'Practice phone number must only include numbers, spaces and + ( ) -, like 01632 960 001',
      'Enter a practice code of 3 to 10 letters and numbers, like A81001',
    ]);
    await page.locator('#postcode-error').getByText('Enter a real postcode, like SW1A 1AA').waitFor();
    assert.equal(await page.getByLabel('Postcode (optional)').inputValue(), 'SW1', 'what was typed is kept');
    await page.getByRole('link', { name: 'Enter a real postcode, like SW1A 1AA' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'postcode');
    await checkScreen(page, 'change details, with errors', 'details-errors');
  });

  test('the address, GP practice and access notes are saved and shown on the record', async () => {
    const fields = {
      'Address (optional)': 'Flat 6, 27 Chapel Street\nRiverside',
      'Postcode (optional)': 'rv14qt',
      'Phone number (optional)': '01632 960 318',
      'Email address (optional)': '',
      'Practice name (optional)': 'Riverside Surgery',
      'Practice phone number (optional)': '01632 960 000',
      'Practice code (ODS code) (optional)': 'y02345',
      'Getting in (optional)': 'Key safe by the door (Ola has the code). Knock loudly and wait',
      'Gender (optional)': 'Woman',
    };
    await fillFields(page, fields, { exact: true });
    await page.getByLabel('How they prefer to be contacted (optional)').selectOption({ label: 'Letter' });
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await h1(page, 'Halina Kowalska');
    await page.getByText('Halina Kowalska – details saved').waitFor();

    const contact = page.locator('#details-contact');
    await contact.getByText('RV1 4QT', { exact: true }).waitFor();
    await contact.getByText('01632 960 318').waitFor();
    await contact.getByText('Letter', { exact: true }).waitFor();
    assert.match(await contact.innerText(), /Flat 6, 27 Chapel Street\s+Riverside/);
    const gp = page.locator('#details-gp');
    await gp.getByText('Riverside Surgery').waitFor();
    await gp.getByText('Y02345').waitFor();
    const home = page.locator('#details-home');
    await home.getByText('Knock loudly and wait').waitFor();
    assert.match(await home.innerText(), /Lives alone\s+Yes/);
    await checkScreen(page, 'the record with the person’s details', 'details-record');
  });

  test('the changes are kept in history in plain words', async () => {
    await page.getByRole('link', { name: 'View the history of changes to this record' }).click();
    await h1(page, /History/);
    const text = await page.locator('main').innerText();
    for (const want of ['Postcode', 'RV1 4QT', 'Practice code (ODS code)', 'Y02345', 'How they prefer to be contacted', 'Letter']) {
      assert.ok(text.includes(want), `history lacks ${want}`);
    }
  });

  test('search finds the person by postcode, with or without its space, and by phone number', async () => {
    for (const query of ['RV1 4QT', 'rv14qt', '01632960318', '01632 960 318']) {
      await visit(page, app.url, 'Find a person');
      await page.getByLabel('Search by name or NHS number').fill(query);
      const results = page.getByRole('list', { name: 'Search results' });
      await results.getByRole('link', { name: 'Halina Kowalska' }).waitFor();
      await page.getByText('1 person found').waitFor();
      assert.match(await results.innerText(), /RV1 4QT/, `the result for ${query} shows the postcode`);
    }
    await page.getByLabel('Search by name or NHS number').fill('RV1 4QU');
    await page.getByText('No one found for “RV1 4QU”').waitFor();
    await page.goto(personUrl);
    await h1(page, 'Halina Kowalska');
  });

  testNoProblems(() => problems);
});
