// End to end: the app acts on a person's communication needs (the
// Accessible Information Standard's "act"). Halina needs a Polish
// interpreter and a hearing loop: scheduling her meeting adds "Book …" to
// its checklist, shown on the home screen until ticked. Recording large
// print sets the print format. For a Deaf person, a crisis plan that says
// to phone is warned about.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, checkScreen, closeApp, h1, openApp, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

const soon = new Date(Date.now() + 2 * 864e5);

describe('acting on communication needs', () => {
  let app, page, problems, base;
  before(async () => {
    ({ app, page, problems } = await openApp(env));
    await addPerson(page, app.url, { given: 'Halina', family: 'Nowak', day: '2', month: '5', year: '1944' });
    base = page.url().replace(/#.*/, '') + '#/people/1';
  });
  after(() => closeApp(page, app));

  // Adds a communication need of the person's, as the form does.
  async function addNeed(label, language = '') {
    await visit(page, `${base}/list/communicationNeeds/new`, 'Add a communication need');
    await page.getByLabel('Need', { exact: true }).selectOption({ label });
    if (language) await page.getByLabel('Language', { exact: true }).fill(language);
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Halina Nowak');
  }

  test('recording large print sets the print format, kept in history as the app\'s change', async () => {
    await addNeed('Spoken-language interpreter', 'Polish');
    await addNeed('Hearing loop');
    const format = page.locator('.nhsuk-summary-list__row', { hasText: 'Format for printed plans' });
    assert.match(await format.innerText(), /Not chosen yet/);
    await addNeed('Large print');
    assert.match(await format.innerText(), /Large print/);
    await visit(page, `${base}/history`, /History|Changes/);
    await page.getByText(/Set by What Matters on their behalf, to meet a communication need/).first().waitFor();
  });

  test('scheduling a meeting adds what to book', async () => {
    await visit(page, `${base}/meetings/new`, 'Halina Nowak Schedule a meeting');
    await page.getByLabel('Day').fill(String(soon.getDate()));
    await page.getByLabel('Month').fill(String(soon.getMonth() + 1));
    await page.getByLabel('Year').fill(String(soon.getFullYear()));
    await page.getByLabel('Time').fill('11:00');
    await page.getByLabel('Place', { exact: true }).fill('Riverside clinic');
    await page.getByLabel('Review').check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await h1(page, 'Halina Nowak Review meeting');
    const list = page.locator('fieldset', { has: page.getByRole('heading', { name: 'To book before the meeting' }) });
    await list.getByLabel('Book a Polish interpreter').waitFor();
    await list.getByLabel('Book a hearing loop').waitFor();
    await page.getByText('2 still to do').waitFor();
    await checkScreen(page, 'meeting with its checklist', 'e2e-meeting-checklist');
  });

  test('what is not booked shows on the home screen until it is ticked', async () => {
    await visit(page, app.url, 'Find a person');
    const card = page.locator('#dash-booking');
    await card.getByRole('link', { name: 'Book a Polish interpreter' }).waitFor();
    await card.getByRole('link', { name: 'Book a hearing loop' }).waitFor();
    await checkScreen(page, 'home with what to book', 'e2e-home-booking');

    await card.getByRole('link', { name: 'Book a Polish interpreter' }).click();
    await h1(page, 'Halina Nowak Review meeting');
    await page.getByLabel('Book a Polish interpreter').check();
    await page.getByText(/Done by Sam Okafor/).waitFor();
    await page.getByText('1 still to do').waitFor();

    await visit(page, app.url, 'Find a person');
    await card.getByRole('link', { name: 'Book a hearing loop' }).waitFor();
    assert.equal(await card.getByRole('link', { name: 'Book a Polish interpreter' }).count(), 0);

    await card.getByRole('link', { name: 'Book a hearing loop' }).click();
    await h1(page, 'Halina Nowak Review meeting');
    await page.getByLabel('Book a hearing loop').check();
    await page.getByText('Everything is booked.').waitFor();
    await visit(page, app.url, 'Find a person');
    assert.equal(await page.locator('#dash-booking').count(), 0);
  });

  test('a crisis plan that tells a Deaf person to phone is warned about', async () => {
    await addNeed('British Sign Language interpreter');
    await visit(page, `${base}/record/crisis`, 'If things go wrong');
    await page.getByLabel('What should happen (optional)').fill('Phone Ola, then the GP');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Halina Nowak');
    await visit(page, `${base}/plan`, /Care and support plan/);
    const checks = await page.locator('#plan-checks').innerText();
    assert.match(checks, /The crisis plan asks the person to phone, but they use British Sign Language/);
    assert.match(checks, /NHS 111 British Sign Language service \(signvideo\.co\.uk\/nhs111\)/);
    assert.match(checks, /Relay UK: dial 18001 before the number/);
    await checkScreen(page, 'plan with the phoning check', 'e2e-plan-phoning');

    await visit(page, `${base}/record/crisis`, 'If things go wrong');
    await page.getByLabel('What should happen (optional)').fill('Text Ola, or phone 18001 111 through Relay UK');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Halina Nowak');
    await visit(page, `${base}/plan`, /Care and support plan/);
    assert.doesNotMatch(await page.locator('#plan-checks').innerText(), /asks the person to phone/);
  });

  testNoProblems(() => problems);
});
