// End to end: a review that starts from the last plan. A plan is agreed, a
// review is scheduled with the people of the last meeting offered, and in
// meeting mode the old actions are updated, the crisis plan is filled in
// from its agenda item, and the agenda is walked with the keyboard; the
// plan page then says what changed, and agreeing an unchanged plan is
// refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, checkScreen, closeApp, expectNoAxe, h1, openApp, screenshot, summaryErrors, tempDB, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

const inDays = (n) => {
  const d = new Date(Date.now() + n * 864e5);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
};

/** Agrees the plan with a verbal agreement and an unable-to-sign, as a coordinator might. */
async function agree(page) {
  await page.getByRole('link', { name: 'Agree the plan' }).first().click();
  await h1(page, /Agree the plan/);
  await page.locator('#sig0method-verbal').check();
  await page.locator('#sig0witness').fill('Sam Okafor');
  await page.locator('#sig1method-unable').check();
  await page.locator('#sig1reason').fill('Broken wrist');
  await page.getByRole('button', { name: 'Agree the plan' }).click();
}

async function schedule(page, base, { when, purpose }) {
  await page.goto(`${base}/meetings/new`);
  await h1(page, /Schedule a meeting/);
  await page.getByLabel('Day').fill(when.day);
  await page.getByLabel('Month').fill(when.month);
  await page.getByLabel('Year').fill(when.year);
  await page.getByLabel('Time').fill('10:00');
  await page.getByLabel('Place', { exact: true }).fill('Riverside clinic');
  await page.getByLabel(purpose).check();
  await page.getByRole('button', { name: 'Schedule the meeting' }).click();
  await h1(page, new RegExp(`${purpose} meeting`));
}

/** The id of the element that has focus. */
const focused = (page) => page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id}`);

describe('a review that starts from the last plan', () => {
  let app, page, problems, base;
  before(async () => {
    ({ app, page, problems } = await openApp(env, { dbPath: tempDB('review') }));
    await page.setViewportSize({ width: 1366, height: 768 });
    await addPerson(page, app.url, { given: 'Irena', family: 'Kowalska', day: '2', month: '5', year: '1944' });
    base = page.url().replace(/#.*/, '') + '#/people/1';
    const add = async (section, fill) => {
      await page.goto(`${base}/list/${section}/new`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await fill();
      await page.getByRole('button', { name: 'Save' }).click();
      await h1(page, 'Irena Kowalska');
    };
    await add('communicationNeeds', () => page.getByLabel('Need', { exact: true }).selectOption({ label: 'Large print' }));
    await add('contacts', async () => {
      await page.getByLabel('Name', { exact: true }).fill('Marek Kowalski');
      await page.getByLabel('Family', { exact: true }).check();
      await page.getByLabel('Relationship to the person (optional)').fill('son');
    });
    await add('goals', () => page.getByLabel("Goal, in the person's words").fill('Stay in my own flat'));
    await add('actions', () => page.getByLabel('What will be done').fill('Refer to the falls clinic'));
    await add('actions', () => page.getByLabel('What will be done').fill('Book a hearing test'));
  });
  after(() => closeApp(page, app));

  test('the first plan is agreed; agreeing it again unchanged is refused', async () => {
    await schedule(page, base, { when: inDays(1), purpose: 'First plan' });
    await page.getByRole('button', { name: 'Add Marek Kowalski' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Jo Bright');
    await page.getByLabel('Role (optional)').fill('Advocate');
    await page.getByRole('button', { name: 'Add to the meeting' }).click();
    await page.getByRole('cell', { name: /Jo Bright/ }).first().waitFor();

    await visit(page, `${base}/plan`, /Care and support plan/);
    await agree(page);
    await h1(page, /Agreed versions/);
    await page.getByText(/Version 1 agreed\. Check code/).waitFor();

    await visit(page, `${base}/plan`, /Care and support plan/);
    await page.locator('#plan-changed').getByText('Nothing has changed since version 1 was agreed.').waitFor();
    await agree(page);
    assert.deepEqual(await summaryErrors(page), ['Nothing has changed since version 1']);
    await h1(page, /Agree the plan/);
  });

  test('a review is scheduled; the people of the last meeting are offered', async () => {
    await schedule(page, base, { when: inDays(30), purpose: 'Review' });
    const offer = page.locator('#last-participants');
    assert.deepEqual(await offer.locator('li').allInnerTexts(), ['Marek Kowalski (son)', 'Jo Bright (Advocate)']);
    await expectNoAxe(page, 'review: participants offered');
    await offer.getByRole('button', { name: 'Invite these 2 people again' }).click();
    await page.getByRole('cell', { name: /Jo Bright/ }).first().waitFor();
    await page.getByRole('cell', { name: /Marek Kowalski/ }).first().waitFor();
    assert.equal(await offer.count(), 0, 'no one left to offer');
  });

  test('meeting mode: the agenda by keyboard, focus on each heading', async () => {
    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await h1(page, /What matters to you/);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    assert.equal(await page.locator('h1').getAttribute('tabindex'), '-1');
    await page.getByText(/Alt\+←.*Alt\+→/).waitFor();

    // ] outside a text box moves on; typed in a text box it is just typed.
    await page.keyboard.press(']');
    await h1(page, /What is working and not working/);
    const said = page.getByLabel('What was said');
    await said.fill('');
    await said.press(']');
    assert.equal(await said.inputValue(), ']');
    await h1(page, /What is working and not working/);
    await said.fill('');
    // Alt+arrows work from anywhere.
    await page.keyboard.press('Alt+ArrowRight');
    await h1(page, /Your strengths and who helps/);
    await page.keyboard.press('Alt+ArrowLeft');
    await h1(page, /What is working and not working/);
    await page.getByRole('button', { name: 'Next item' }).click();
    await h1(page, /Your strengths and who helps/);
    await page.keyboard.press('Alt+ArrowRight');
    await h1(page, /Goals/);
    await page.getByRole('heading', { name: 'The goals agreed in version 1' }).waitFor();

    // Escape closes a form opened from meeting mode and returns to it.
    await page.getByRole('link', { name: 'Record a shared decision' }).click();
    await h1(page, 'Record a shared decision');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.keyboard.press('Escape');
    await h1(page, /Goals/);
  });

  test('meeting mode: the old actions are done, or stopped with why', async () => {
    await page.getByRole('button', { name: 'Actions (who does what by when)' }).click();
    await h1(page, /Actions/);
    await page.getByRole('heading', { name: 'The actions agreed in version 1' }).waitFor();
    const falls = page.getByRole('group', { name: 'Refer to the falls clinic' });
    await falls.getByLabel('Done').check();
    await page.getByText('Saved: Done – Refer to the falls clinic').waitFor();
    await falls.getByText('Agreed: no status · Now: Done').waitFor();

    const hearing = page.getByRole('group', { name: 'Book a hearing test' });
    await hearing.getByLabel('Stop, because…').check();
    await page.getByRole('button', { name: 'Save why it is stopping' }).click();
    assert.deepEqual(await summaryErrors(page), ['Enter why it is stopping']);
    await page.getByLabel('Why is it stopping?').fill('Tested at the GP surgery last month');
    await page.getByRole('button', { name: 'Save why it is stopping' }).click();
    await hearing.getByText('Now: No longer needed, because Tested at the GP surgery last month').waitFor();
    await expectNoAxe(page, 'meeting mode: review of actions');
    await screenshot(page, 'e2e-review-actions');
  });

  test('meeting mode: the crisis plan is filled in from its agenda item; Escape closes the form', async () => {
    await page.getByRole('button', { name: 'If things go wrong (crisis plan)' }).click();
    await h1(page, /If things go wrong/);
    await page.getByRole('button', { name: 'Fill in the crisis plan' }).click();
    const triggers = page.getByLabel('Triggers and early warning signs (optional)');
    await triggers.waitFor();
    await triggers.fill('Not answering the door');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Fill in the crisis plan' }).waitFor();
    assert.equal(await focused(page), 'BUTTON#fill-in', 'Escape returns to the button');
    assert.equal(await triggers.count(), 0);

    await page.getByRole('button', { name: 'Fill in the crisis plan' }).click();
    await triggers.fill('Not answering the door, or the phone');
    await page.getByLabel('What should happen (optional)').fill('Marek calls round; if no answer, call 111');
    await expectNoAxe(page, 'meeting mode: crisis plan form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#form-saved').getByText(/saved/).waitFor();
    await h1(page, /If things go wrong/);

    // At 1366×768 the communication banner, the current item and the timer are all in view.
    for (const [what, locator] of [
      ['communication banner', page.getByText(/Large print/).first()],
      ['current item', page.locator('h1')],
      ['meeting timer', page.getByLabel('Meeting time')],
      ['item timer', page.getByLabel('Time on this item')],
    ]) {
      const box = await locator.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 768, `${what} is in view: ${JSON.stringify(box)}`);
    }
    await checkScreen(page, 'meeting mode at 1366×768', 'e2e-review-meeting-1366x768');

    // Who to call is added from the same agenda item, and comes back to it.
    await page.getByRole('button', { name: 'Add someone to call' }).click();
    await h1(page, /Add a crisis contact/);
    await page.getByLabel('Name or service').fill('Marek Kowalski');
    await page.getByLabel('Phone number').fill('07700 900 123');
    await page.getByLabel('Day or night').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await h1(page, /If things go wrong/);
    await page.getByRole('button', { name: 'Add someone to call' }).waitFor();
  });

  test('"Show the person" is large print, without the coordinator\'s header or links', async () => {
    await page.getByRole('link', { name: 'Show the person' }).click();
    await h1(page, "Irena Kowalska's plan");
    assert.equal(await page.locator('.app-show--large').count(), 1);
    assert.equal(await page.locator('header.nhsuk-header').isVisible(), false);
    assert.equal(await page.locator('.app-show a').count(), 0);
    await page.getByText('Refer to the falls clinic').waitFor();
    await expectNoAxe(page, 'show the person');
    await screenshot(page, 'e2e-review-show');
    await page.keyboard.press('Escape');
    await h1(page, /If things go wrong/);
    assert.equal(await page.locator('header.nhsuk-header').isVisible(), true);
  });

  test('the plan page lists what changed since version 1; agreed once, then refused unchanged', async () => {
    await visit(page, `${base}/plan`, /Care and support plan/);
    const changed = page.locator('#plan-changed');
    await changed.getByRole('heading', { name: 'This plan has changed since version 1 was agreed' }).waitFor();
    const changes = await changed.locator('li').allInnerTexts();
    assert.ok(changes.some((c) => /Refer to the falls clinic/.test(c)), changes.join('; '));
    assert.ok(changes.some((c) => /Book a hearing test/.test(c)), changes.join('; '));
    assert.ok(changes.some((c) => /Triggers and early warning signs/.test(c)), changes.join('; '));
    await checkScreen(page, 'plan page: changed since version 1', 'e2e-review-plan-changed');

    await agree(page);
    await h1(page, /Agreed versions/);
    await page.getByText(/Version 2 agreed\. Check code/).waitFor();
    await visit(page, `${base}/plan`, /Care and support plan/);
    await agree(page);
    assert.deepEqual(await summaryErrors(page), ['Nothing has changed since version 2']);

    // The review's decisions are in the record's history, as ordinary changes.
    await visit(page, `${base}/history`, /History/);
    await page.getByText('Tested at the GP surgery last month').first().waitFor();
  });

  testNoProblems(() => problems);
});
