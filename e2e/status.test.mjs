// End to end: a person discharged leaves search and the dashboard, is found
// again with "Include people no longer supported" and supported again; a
// meeting cancelled; the example people removed, real records kept.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, checkScreen, closeApp, errorsFor, h1, openApp, summaryErrors, tempDB, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

const today = new Date();
const TODAY = { Day: String(today.getDate()), Month: String(today.getMonth() + 1), Year: String(today.getFullYear()) };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const TODAY_TEXT = `${today.getDate()} ${MONTHS[today.getMonth()]} ${today.getFullYear()}`;

describe('discharge, cancel and remove', () => {
  let app, page, problems, home, base;
  before(async () => {
    ({ app, page, problems } = await openApp(env, { dbPath: tempDB('status'), examples: true }));
    home = app.url;
    await addPerson(page, app.url, { given: 'Anna', family: 'Nowak', day: '14', month: '3', year: '1946' });
    base = page.url();
  });
  after(() => closeApp(page, app));

  /** Schedules a meeting for Anna today and returns to its page. */
  async function schedule(time) {
    await visit(page, `${base}/meetings/new`, 'Anna Nowak Schedule a meeting');
    for (const [label, value] of Object.entries(TODAY)) await page.getByLabel(label).fill(value);
    await page.getByLabel('Time').fill(time);
    await page.getByLabel('Place', { exact: true }).fill('At home');
    await page.getByLabel('Review').check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await h1(page, 'Anna Nowak Review meeting');
  }

  async function search(q) {
    await page.getByLabel('Search by name or NHS number').fill(q);
  }

  test('discharging with a meeting in progress asks first; bad input is named', async () => {
    await schedule('23:50');
    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await visit(page, home, 'Find a person');
    await page.locator('#dash-meetings').getByText(/Anna Nowak/).waitFor();

    await visit(page, base, 'Anna Nowak');
    await page.getByRole('link', { name: 'Discharge, record a death or archive' }).click();
    await h1(page, 'No longer supported');
    assert.deepEqual(await errorsFor(page, 'Save'), ['Enter the date of discharge', 'Enter the reason for discharge']);
    const future = String(today.getFullYear() + 1);
    assert.deepEqual(await errorsFor(page, 'Save', { Day: '1', Month: '1', Year: future, 'Reason for discharge': 'Moved to live with her daughter' }),
      ['The date must be today or in the past']);
    await page.getByLabel('Year').fill('1940');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.nhsuk-error-summary').getByText('The date must be after their date of birth, 14 March 1946').waitFor();
    assert.deepEqual(await summaryErrors(page), ['The date must be after their date of birth, 14 March 1946']);
    assert.equal(await page.getByLabel('Reason for discharge').inputValue(), 'Moved to live with her daughter', 'what was typed is kept');
    await checkScreen(page, 'no longer supported (errors)', 'e2e-status-errors');

    for (const [label, value] of Object.entries(TODAY)) await page.getByLabel(label).fill(value);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByLabel('Go ahead although a meeting is in progress').waitFor();
    assert.deepEqual(await summaryErrors(page), ['This person has a meeting in progress. Discharging them leaves it unfinished. Confirm that you want to go ahead']);
    await page.getByLabel('Go ahead although a meeting is in progress').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await page.getByText(`Anna Nowak – Discharged on ${TODAY_TEXT}. Reason: Moved to live with her daughter`).waitFor();
    await checkScreen(page, 'record of someone discharged', 'e2e-status-banner');
  });

  test('deleting inside the retention period is refused with why and when', async () => {
    await page.getByRole('link', { name: 'Change the status or delete the record' }).click();
    await h1(page, 'No longer supported');
    await page.getByRole('button', { name: 'Delete the record' }).click();
    await page.getByText(/Anna Nowak's record must be kept for 8 years \(discharged on .*\)\. It can be deleted from .* \d{4}/).waitFor();
    await checkScreen(page, 'delete refused', 'e2e-status-delete-refused');
  });

  test('they leave search and the dashboard, and are found with the checkbox', async () => {
    await visit(page, home, 'Find a person');
    assert.equal(await page.locator('#dash-meetings').getByText(/Anna Nowak/).count(), 0, 'not on the dashboard');
    assert.equal(await page.locator('#dash-recent').getByText('Anna Nowak').count(), 0, 'not among the recently opened');
    await search('Anna');
    await page.getByText('No one found for “Anna”').waitFor();
    await page.getByLabel('Include people no longer supported').check();
    await page.getByText('1 person found').waitFor();
    await page.getByText(`Discharged on ${TODAY_TEXT}`).waitFor();
    await checkScreen(page, 'search including people no longer supported', 'e2e-status-search');
    await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: 'Anna Nowak' }).click();
    await h1(page, 'Anna Nowak');
    await page.getByRole('button', { name: 'Support again' }).click();
    await page.getByText('Anna Nowak is supported again').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Support again' }).count(), 0);
    await visit(page, home, 'Find a person');
    await search('Anna');
    await page.getByText('1 person found').waitFor();
  });

  test('a meeting is cancelled with a reason, and leaves the dashboard', async () => {
    await schedule('23:55');
    await page.locator('summary', { hasText: 'Cancel this meeting' }).click();
    await page.getByRole('button', { name: 'Cancel the meeting' }).click();
    await page.locator('#cancel-reason-error').getByText('Enter why the meeting is cancelled').waitFor();
    await page.getByLabel('Why is the meeting cancelled?').fill('Anna is in hospital');
    await page.getByRole('button', { name: 'Cancel the meeting' }).click();
    await page.getByText(/This meeting was cancelled on .*\. Reason: Anna is in hospital/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Start the meeting' }).count(), 0, 'a cancelled meeting cannot start');
    await checkScreen(page, 'cancelled meeting', 'e2e-status-cancelled');
    await visit(page, `${base}/meetings`, 'Anna Nowak Meetings');
    await page.getByText('Cancelled: Anna is in hospital').waitFor();
    await page.getByText('In progress').waitFor();
    await visit(page, home, 'Find a person');
    assert.equal(await page.locator('#dash-meetings').getByText(/23:55/).count(), 0, 'the cancelled meeting is not on the dashboard');
    await page.locator('#dash-meetings').getByText(/23:50/).waitFor();
  });

  test('the example people are removed entirely; the real record stays', async () => {
    await visit(page, home, 'Find a person');
    await page.getByText('6 people found').waitFor();
    await page.locator('summary', { hasText: 'Example people' }).click();
    await page.getByRole('button', { name: 'Remove the example people' }).click();
    await checkScreen(page, 'remove the example people', 'e2e-status-remove-examples');
    await page.getByRole('button', { name: 'Yes, remove the example people' }).click();
    await page.getByText('5 example people removed').waitFor();
    await page.getByText('1 person found').waitFor();
    await page.getByLabel('Include people no longer supported').check();
    await page.getByText('1 person found').waitFor();
    await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: 'Anna Nowak' }).waitFor();
  });

  testNoProblems(() => problems);
});
