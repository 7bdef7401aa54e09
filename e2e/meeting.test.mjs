// End to end: a whole care-planning meeting run as a coordinator would,
// then the app reopened and everything found in the plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPerson, checkScreen, closeApp, errorsFor, expectNoAxe, h1, openApp, openPage, screenshot, signIn, startApp, summaryErrors, tempDB, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

// Dates relative to today, so the tests mean the same thing on any day.
const soon = new Date(Date.now() + 3 * 864e5);
const SOON = { day: String(soon.getDate()), month: String(soon.getMonth() + 1), year: String(soon.getFullYear()) };
const NEXT_YEAR = String(new Date().getFullYear() + 1);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('a whole meeting', () => {
  let app, page, problems, dbPath, base, saveDir;
  before(async () => {
    dbPath = tempDB('meeting');
    saveDir = mkdtempSync(join(tmpdir(), 'whatmatters-pack-'));
    ({ app, page, problems } = await openApp(env, { dbPath, env: { WHATMATTERS_SAVE_DIR: saveDir } }));
    // Anna, with a daughter and a GP in her record.
    await addPerson(page, app.url, { given: 'Anna', family: 'Nowak', day: '14', month: '3', year: '1946' });
    base = page.url().replace(/#.*/, '') + '#/people/1';
    for (const [section, fill] of [
      ['contacts', async () => {
        await page.getByLabel('Name', { exact: true }).fill('Ola Nowak');
        await page.getByLabel('Family', { exact: true }).check();
        await page.getByLabel('Relationship to the person (optional)').fill('daughter');
      }],
      ['careTeam', async () => {
        await page.getByLabel('Name', { exact: true }).fill('Dr Priya Rao');
        await page.getByLabel('Role').selectOption({ label: 'GP' });
        await page.getByLabel('Key worker or care coordinator').check();
      }],
    ]) {
      await page.goto(`${base}/list/${section}/new`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await fill();
      await page.getByRole('button', { name: 'Save' }).click();
      await h1(page, 'Anna Nowak');
    }
  });
  after(() => closeApp(page, app));

  test('schedule: bad input named, then saved', async () => {
    await page.goto(`${base}/meetings`);
    await page.getByText('No meetings yet.').waitFor();
    await expectNoAxe(page, 'meetings list');
    await page.getByRole('link', { name: 'Schedule a meeting' }).click();
    await h1(page, 'Anna Nowak Schedule a meeting');
    assert.deepEqual(await errorsFor(page, 'Schedule the meeting', { Day: '31', Month: '2', Year: '2026', Time: '25:00' }), [
      'Meeting date must be a real date',
      'Meeting time must be a real time, like 14:30',
      'Enter where the meeting is, or choose phone or video',
      'Select the purpose of the meeting',
    ]);
    await expectNoAxe(page, 'schedule a meeting (errors)');
    await page.getByLabel('Day').fill(SOON.day);
    await page.getByLabel('Month').fill(SOON.month);
    await page.getByLabel('Year').fill(SOON.year);
    await page.getByLabel('Time').fill('10:00');
    await page.getByLabel('Place', { exact: true }).fill('Riverside clinic');
    await page.getByLabel('First plan').check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await h1(page, 'Anna Nowak First plan meeting');
  });

  test('prepare: the person chooses who is involved; the agenda opens with their voice', async () => {
    await page.getByRole('button', { name: 'Add Ola Nowak' }).click();
    await page.getByRole('button', { name: 'Add Dr Priya Rao' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ravi Shah');
    await page.getByLabel('Role (optional)').fill('Advocate');
    await page.getByRole('button', { name: 'Add to the meeting' }).click();
    await page.getByRole('cell', { name: /Ravi Shah/ }).first().waitFor();
    for (const name of ['Anna Nowak', 'Ola Nowak', 'Ravi Shah']) {
      await page.getByLabel(`Attendance of ${name}`).selectOption({ label: 'Present' });
    }
    await page.getByLabel('Attendance of Dr Priya Rao').selectOption({ label: 'Joined remotely' });
    await page.waitForFunction(() => document.querySelector('#attendance-3')?.value === 'remote');
    const agenda = page.getByRole('list', { name: 'Agenda' });
    assert.equal((await agenda.locator('li').first().innerText()).split('\n')[0], 'What matters to you');
    await page.getByRole('button', { name: 'Drop Money and personal budget' }).click();
    await page.getByLabel('Add an agenda item').fill('Housing');
    await page.getByRole('button', { name: 'Add to the agenda' }).click();
    await agenda.locator('li').filter({ hasText: 'Housing' }).waitFor();
    await page.getByRole('button', { name: 'Save the pre-meeting pack' }).click();
    await page.getByText(/^Saved to .*Anna Nowak meeting pack/).waitFor();
    assert.equal(readdirSync(saveDir).filter((f) => f.endsWith('.pdf')).length, 1);
    await checkScreen(page, 'prepare the meeting', 'e2e-meeting-prepare');
  });

  test('meeting mode: contributions from three people, the person in their own words', async () => {
    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await h1(page, /What matters to you/);
    const said = page.getByLabel('What was said');
    await page.getByLabel('1. Anna Nowak').check();
    await said.fill('I want to get back to my allotment before spring.');
    await page.getByLabel(/These are Anna Nowak's own words/).check();
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await page.locator('.app-contribution q').getByText('I want to get back to my allotment before spring.').waitFor();

    await page.keyboard.press('Alt+2');
    assert.equal(await page.getByLabel('2. Ola Nowak').isChecked(), true);
    await said.fill('Mum gets breathless on the stairs.');
    await said.press('Control+Enter');
    await page.getByText('Mum gets breathless on the stairs.').waitFor();
    await expectNoAxe(page, 'meeting mode');

    await page.getByRole('button', { name: 'Goals', exact: true }).click();
    await h1(page, /Goals/);
    await page.getByLabel('3. Dr Priya Rao').check();
    await said.fill('A referral to pulmonary rehab would help with breathing.');
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await page.getByText('A referral to pulmonary rehab would help with breathing.').waitFor();
    await page.getByLabel('1. Anna Nowak').check();
    await said.fill('And I want to see my sister in Kraków.');
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await page.getByText('And I want to see my sister in Kraków.').waitFor();
    await screenshot(page, 'e2e-meeting-mode');
  });

  test('two goals and three actions made from what was said', async () => {
    const makeGoal = async (text, importance, backTo) => {
      await page.locator('.app-contribution', { hasText: text }).getByRole('button', { name: 'Make this a goal' }).click();
      await h1(page, 'Add a goal');
      assert.equal(await page.getByLabel("Goal, in the person's words").inputValue(), text);
      await page.getByLabel('How important is it to them, from 1 to 10? (optional)').selectOption(importance);
      await page.getByRole('button', { name: 'Save' }).click();
      await h1(page, backTo);
    };
    await makeGoal('And I want to see my sister in Kraków.', '8', /Goals/);
    await page.getByRole('button', { name: 'What matters to you' }).click();
    await h1(page, /What matters to you/);
    await makeGoal('I want to get back to my allotment before spring.', '10', /What matters to you/);

    const makeAction = async (text, by, importance) => {
      await page.locator('.app-contribution', { hasText: text }).getByRole('button', { name: 'Make this an action' }).click();
      await h1(page, 'Add an action');
      await page.getByLabel('Day').fill(by[0]);
      await page.getByLabel('Month').fill(by[1]);
      await page.getByLabel('Year').fill(by[2]);
      await page.getByLabel('Which goal is it for? (optional)').selectOption({ index: importance });
      await page.getByRole('button', { name: 'Save' }).click();
    };
    await makeAction('I want to get back to my allotment before spring.', ['1', '3', '2027'], 1);
    await h1(page, /What matters to you/);
    await page.locator('.app-contribution', { hasText: 'breathless' }).getByRole('button', { name: 'Make this an action' }).click();
    await h1(page, 'Add an action');
    assert.equal(await page.getByLabel('Who will do it (optional)').inputValue(), 'contact:1');
    await page.getByLabel('How confident is the person that this will happen, from 1 to 10? (optional)').selectOption('11'.slice(0, 1));
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, /What matters to you/);
    await page.getByRole('button', { name: 'Goals', exact: true }).click();
    await h1(page, /Goals/);
    await page.locator('.app-contribution', { hasText: 'pulmonary rehab' }).getByRole('button', { name: 'Make this an action' }).click();
    await h1(page, 'Add an action');
    assert.equal(await page.getByLabel('Who will do it (optional)').inputValue(), 'professional:2');
    await page.getByLabel('Day').fill('15');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, /Goals/);
  });

  test('a shared decision', async () => {
    await page.getByRole('link', { name: 'Record a shared decision' }).click();
    await h1(page, 'Record a shared decision');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    assert.deepEqual(await summaryErrors(page), ['Enter what was decided']);
    await page.getByLabel('What was decided').fill('Try a raised bed at the allotment before giving up the plot');
    await page.locator('#option0').fill('Raised bed');
    await page.locator('#benefits0').fill('Less bending');
    await page.locator('#risks0').fill('Costs £120');
    await page.locator('#option1').fill('Give up the plot');
    await page.getByLabel(/What matters to Anna Nowak about it/).fill('Growing her own vegetables');
    await page.getByLabel('Reservations (optional)').fill('Ola worries about the cost');
    await expectNoAxe(page, 'shared decision');
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await h1(page, /Goals/);
    await page.getByText('Try a raised bed at the allotment before giving up the plot').waitFor();
  });

  test('show the person: updates as the coordinator types', async () => {
    const show = await env.browser.newPage({ viewport: { width: 1100, height: 850 } });
    await show.goto(`${base}/meetings/1/show`);
    await show.getByRole('heading', { level: 1, name: "Anna Nowak's plan" }).waitFor();
    await show.getByText('I want to get back to my allotment before spring.', { exact: false }).first().waitFor();
    await page.getByLabel('1. Anna Nowak').check();
    await page.getByLabel('What was said').fill('I would like my grandson to help with the garden.');
    await page.getByLabel(/These are Anna Nowak's own words/).check();
    await page.getByRole('button', { name: 'Add to the record' }).click();
    await show.getByText('“I would like my grandson to help with the garden.”').waitFor({ timeout: 5000 });
    await checkScreen(show, 'show the person', 'e2e-show-the-person');
    await show.close();
  });

  test('crisis plan, budget and review; bad input refused', async () => {
    await visit(page, `${base}/record/budget`, 'My money (personal budget)');
    await page.getByLabel('Amount in pounds (optional)').fill('-5');
    await page.getByRole('button', { name: 'Save' }).click();
    assert.deepEqual(await summaryErrors(page), ['Amount must be £0 or more']);
    await page.getByLabel('Amount in pounds (optional)').fill('ten pounds');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => document.querySelector('.nhsuk-error-summary li')?.textContent?.includes('pounds and pence'));
    await page.getByLabel('Amount in pounds (optional)').fill('1,250.5');
    await page.getByLabel('Every month').check();
    await page.getByLabel('Direct payment').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');

    await visit(page, `${base}/record/review`, 'When we will review this');
    assert.deepEqual(await errorsFor(page, 'Save', { Day: '1', Month: '1', Year: '2020' }), ['Review date must be today or in the future']);
    await page.getByLabel('Year').fill(NEXT_YEAR);
    await page.getByLabel('Who is responsible for the review (optional)').fill('Sam Okafor');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');

    await visit(page, `${base}/record/crisis`, 'If things go wrong');
    await page.getByLabel('Triggers and early warning signs (optional)').fill('Breathless at rest; not eating');
    await page.getByLabel('What should happen (optional)').fill('Call Ola, then the GP');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await visit(page, `${base}/list/crisisContacts/new`, 'Add a crisis contact');
    await page.getByLabel('Name or service').fill('NHS 111');
    await page.getByLabel('Phone number').fill('111');
    await page.getByLabel('Day or night').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
  });

  test('the plan, with its quality checks', async () => {
    await visit(page, `${base}/plan`, /Care and support plan/);
    const checks = await page.locator('#plan-checks').innerText();
    assert.match(checks, /Say by when “Mum gets breathless on the stairs.” will be done/);
    assert.doesNotMatch(checks, /Set a review date|Add someone to call|key worker/);
    await checkScreen(page, 'plan', 'e2e-plan');
  });

  test('end the meeting: an end before the start is refused', async () => {
    await visit(page, `${base}/meetings/1/end`, 'End the meeting');
    await expectNoAxe(page, 'end the meeting');
    await page.getByLabel('End time (optional)').fill('00:00');
    await page.getByRole('button', { name: 'End the meeting' }).click();
    const [msg] = await summaryErrors(page);
    assert.match(msg, /The end time must be after the meeting started/);
    await page.getByLabel('End time (optional)').fill('');
    await page.getByLabel('Summary of the meeting (optional)').fill('Two goals agreed; rehab referral; raised bed to try.');
    await page.getByRole('button', { name: 'End the meeting' }).click();
    await h1(page, /Care and support plan/);
  });

  test('reopened, the plan and the meeting are all there', async () => {
    await app.stop();
    app = await startApp({ display: env.display, dbPath });
    await page.goto(app.url.replace(/\/$/, '') + '/#/people/1/plan');
    await signIn(page);
    await h1(page, /Care and support plan/);
    const plan = await page.locator('main').innerText();
    for (const want of ['I want to get back to my allotment before spring.', 'And I want to see my sister in Kraków.', '10 out of 10',
      'A referral to pulmonary rehab would help with breathing.', 'Dr Priya Rao', '£1,250.50', 'Every month',
      'NHS 111', 'Breathless at rest; not eating', `1 January ${NEXT_YEAR}`]) {
      assert.ok(plan.includes(want), `plan shows ${want}`);
    }
    await visit(page, app.url.replace(/\/$/, '') + '/#/people/1/meetings/1', 'Anna Nowak First plan meeting');
    await page.getByText('Two goals agreed; rehab referral; raised bed to try.').waitFor();
  });

  test("the coordinator's home screen: this week's meeting, and who was opened recently", async () => {
    await visit(page, app.url, 'Find a person');
    const meetings = page.locator('#dash-meetings');
    await meetings.getByRole('link', { name: `${soon.getDate()} ${MONTHS[soon.getMonth()]} ${soon.getFullYear()} at 10:00: Anna Nowak` }).waitFor();
    await page.locator('#dash-recent').getByRole('link', { name: 'Anna Nowak' }).waitFor();
    await checkScreen(page, 'home with dashboard', 'e2e-home-dashboard');
    await meetings.getByRole('link').first().click();
    await h1(page, 'Anna Nowak First plan meeting');
  });

  testNoProblems(() => problems);
});

describe('reliability', () => {
  test('kill -9 mid-meeting: every acknowledged contribution, and the draft, is still there', async () => {
    const dbPath = tempDB('kill');
    let { app, page } = await openApp(env, { dbPath });
    await addPerson(page, app.url, { given: 'Derek', family: 'Johnson', day: '9', month: '8', year: '1962' });
    await visit(page, app.url + '#/people/1/meetings/new', /Schedule a meeting/);
    await page.getByLabel('Day').fill('21');
    await page.getByLabel('Month').fill('11');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Time').fill('09:00');
    await page.getByLabel('By phone or video').check();
    await page.getByLabel('Review').check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await h1(page, /What matters to you/);

    const lines = [];
    for (let i = 1; i <= 5; i++) {
      const line = `Point ${i}: ${'żółw '.repeat(i)}`.trim();
      await page.getByLabel('1. Derek Johnson').check();
      await page.getByLabel('What was said').fill(line);
      await page.getByRole('button', { name: 'Add to the record' }).click();
      await page.locator('#save-state', { hasText: /^Saved$/ }).waitFor();
      await page.getByText(line, { exact: true }).waitFor();
      lines.push(line);
    }
    await page.getByLabel('What was said').fill('Half a thought that was never added');
    await page.locator('#save-state', { hasText: 'Draft saved' }).waitFor();

    await app.stop('SIGKILL');
    app = await startApp({ display: env.display, dbPath });
    await page.close();
    ({ page } = await openPage(env.browser, app.url + '#/people/1/meetings/1/run'));
    await signIn(page);
    await h1(page, /What matters to you/);
    for (const line of lines) await page.getByText(line, { exact: true }).waitFor();
    assert.equal(await page.getByLabel('What was said').inputValue(), 'Half a thought that was never added');

    // Typing without a pause: what is typed is stored within a second, so
    // a crash while typing loses at most the last second.
    const text = 'She wants to go home by the spring and to keep her cat with her';
    await page.getByLabel('What was said').press('Control+End');
    const typing = page.getByLabel('What was said').pressSequentially(' ' + text, { delay: 60 });
    const stored = [];
    const started = Date.now();
    while (Date.now() - started < text.length * 60 - 500) {
      await new Promise((r) => setTimeout(r, 250));
      stored.push((await page.evaluate(() => window.go.main.App.FindMeeting(1))).draft.length);
    }
    await typing;
    await app.stop('SIGKILL'); // no pause: the debounce alone would not have saved
    const saves = new Set(stored.filter((n) => n > 0));
    assert.ok(saves.size >= 2, `the draft was saved while typing went on: ${stored}`);
    app = await startApp({ display: env.display, dbPath });
    await page.close();
    ({ page } = await openPage(env.browser, app.url + '#/people/1/meetings/1/run'));
    await signIn(page);
    await h1(page, /What matters to you/);
    const kept = await page.getByLabel('What was said').inputValue();
    const full = 'Half a thought that was never added ' + text;
    assert.ok(full.startsWith(kept), `kept ${JSON.stringify(kept)}`);
    assert.ok(full.length - kept.length <= Math.ceil(1200 / 60), `lost ${full.length - kept.length} characters`);
    await page.close();
    await app.stop();
  });
});
