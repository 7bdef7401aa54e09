// End to end: undo and corrections. An earlier About me value restored
// from history; an entry removed and restored; a restore whose owner is
// gone refused with why; a copy recorded by mistake withdrawn; history in
// plain words ("£86.40", the owner's name).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScreen, closeApp, expectNoAxe, h1, openApp, summaryErrors, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();
const GOSIA = 'Gosia Wiśniewska';

describe('undo and corrections', () => {
  let app, page, problems, base;
  before(async () => {
    ({ app, page, problems } = await openApp(env, { examples: true }));
    base = app.url.replace(/\/?$/, '/') + '#/people/1';
  });
  after(() => closeApp(page, app));

  /** The history screen's row whose "What" cell matches what. */
  const row = (what) => page.locator('tbody tr').filter({ has: page.locator('td:nth-child(2)', { hasText: what }) }).first();
  const history = () => visit(page, `${base}/history`, 'History of changes');

  test('history shows money as pounds and pence', async () => {
    await visit(page, `${base}/record/budget`, 'My money (personal budget)');
    await page.getByLabel('Amount').fill('86.40');
    await page.getByLabel('Every week').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => !u.hash.includes('/record/'));
    await history();
    const amount = row('My money (personal budget), Amount');
    await amount.getByText('£86.40', { exact: true }).waitFor();
    assert.ok(!(await page.locator('main').innerText()).includes('8640'));
  });

  test('an earlier About me value is restored from history, as an edit of her words', async () => {
    const heading = `About me, in ${GOSIA}'s words`;
    await visit(page, `${base}/record/aboutMe/words`, heading);
    const field = page.getByLabel('What is most important to me (optional)', { exact: true });
    const earlier = await field.inputValue();
    assert.ok(earlier.length > 0);
    await field.fill('Typed into the wrong record by mistake');
    await page.getByRole('button', { name: 'Save' }).click();
    // The form's own heading names her too: wait until the save has taken us back to the record.
    await page.locator('#about-me').waitFor();
    await h1(page, GOSIA);

    await history();
    const edit = row('About me, What is most important to me');
    await edit.getByText('Typed into the wrong record by mistake').waitFor();
    await expectNoAxe(page, 'history');
    await edit.getByRole('button', { name: /^Restore this value: About me, What is most important to me/ }).click();
    await page.getByText('Restored the earlier value of What is most important to me').waitFor();
    // The restore is a new change, recorded as an edit of her words.
    const newest = page.locator('tbody tr').first();
    assert.match(await newest.locator('td:nth-child(2)').innerText(), /^Edited the person's words: About me, What is most important to me/);
    assert.equal((await newest.locator('td:nth-child(4)').innerText()).trim(), earlier.trim());
    await checkScreen(page, 'history after a restore', 'e2e-undo-history');

    await visit(page, base, GOSIA);
    const about = await page.locator('#about-me').innerText();
    assert.ok(about.includes(earlier.split('\n')[0]), 'the earlier words are back');
    assert.ok(!about.includes('Typed into the wrong record by mistake'));
  });

  test("an entry is removed and restored; a restore whose owner is gone is refused with why, and history names the owner", async () => {
    // A contact, and an action they will do that then moves to Gosia herself.
    await visit(page, `${base}/list/contacts/new`, 'Add a contact');
    await page.getByLabel('Name', { exact: true }).fill('Jan Kowalski');
    await page.getByLabel('Friend', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, GOSIA);
    await page.getByText('Contact added').waitFor();

    await visit(page, `${base}/list/actions/new`, 'Add an action');
    await page.getByLabel('What will be done').fill('Drive Gosia to the allotment on Saturdays');
    await page.getByLabel('Who will do it (optional)').selectOption({ label: 'Jan Kowalski' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => !u.hash.includes('/list/'));
    await visit(page, `${base}/plan`, /Care and support plan/);
    await page.locator('#actions').getByRole('link', { name: /Change.*Drive Gosia to the allotment/ }).click();
    await h1(page, 'Change action');
    await page.getByLabel('Who will do it (optional)').selectOption({ label: GOSIA });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((u) => !u.hash.includes('/list/'));
    await visit(page, base, GOSIA);

    await page.locator('#contacts').getByRole('link', { name: /Change.*Jan Kowalski/ }).click();
    await h1(page, 'Change contact');
    await page.getByRole('button', { name: 'Remove this contact' }).click();
    await page.getByRole('button', { name: 'Yes, remove it' }).click();
    await h1(page, GOSIA);
    await page.getByText('Contact removed').waitFor();

    await history();
    const owner = row('Who will do it');
    // The owner's name, not "contact:N"; removed, and named so.
    assert.equal((await owner.locator('td:nth-child(3)').innerText()).split('\n')[0].trim(), 'Jan Kowalski (removed)');
    assert.equal((await owner.locator('td:nth-child(4)').innerText()).trim(), GOSIA);
    assert.ok(!(await page.locator('main').innerText()).match(/contact:\d/));
    await owner.getByRole('button', { name: /^Restore this value/ }).click();
    assert.deepEqual(await summaryErrors(page), [
      'This cannot be restored. The person chosen to do this is no longer in the record. Choose someone else',
    ]);
    await expectNoAxe(page, 'history (restore refused)');

    const removal = row('People who support me, Jan Kowalski (removed), Name');
    await removal.getByRole('button', { name: /^Restore this: People who support me, Jan Kowalski/ }).click();
    await page.getByText('Restored Jan Kowalski to People who support me').waitFor();
    assert.match(await page.locator('tbody tr').first().locator('td:nth-child(2)').innerText(), /^Restored: People who support me, Jan Kowalski/);

    // With Jan back, the earlier owner can be restored too.
    await row('Who will do it').getByRole('button', { name: /^Restore this value/ }).click();
    await page.getByText('Restored the earlier value of Who will do it').waitFor();

    await visit(page, base, GOSIA);
    await page.locator('#contacts').getByText('Jan Kowalski', { exact: true }).waitFor();
    await visit(page, `${base}/plan`, /Care and support plan/);
    await page.locator('#actions').getByText('Jan Kowalski').first().waitFor();
  });

  test('a copy recorded by mistake is withdrawn, and kept with why', async () => {
    await visit(page, `${base}/versions`, /Agreed versions/);
    const v2 = page.locator('#version-2');
    await page.locator('#holder-2').fill('Dr Wrong Person');
    await v2.getByRole('button', { name: 'Record the copy' }).click();
    await v2.getByText(/Dr Wrong Person: /).waitFor();
    await v2.getByRole('button', { name: 'Withdraw the copy given to Dr Wrong Person' }).click();
    const reason = page.getByLabel('Why is the copy given to Dr Wrong Person withdrawn?');
    await v2.getByRole('button', { name: 'Withdraw the copy', exact: true }).click();
    assert.match(await v2.locator('.nhsuk-error-message').innerText(), /Enter why the copy is withdrawn/);
    await reason.fill('Recorded against the wrong person');
    await v2.getByRole('button', { name: 'Withdraw the copy', exact: true }).click();
    await v2.getByText('Recorded against the wrong person').waitFor();
    assert.match(await v2.locator('s').first().innerText(), /Dr Wrong Person/);
    assert.equal(await v2.getByRole('button', { name: 'Withdraw the copy given to Dr Wrong Person' }).count(), 0);
    await checkScreen(page, 'agreed versions (copy withdrawn)', 'e2e-undo-copy');

    // Still there after reading the versions again.
    await visit(page, `${base}/versions`, /Agreed versions/);
    await page.locator('#version-2').getByText('Recorded against the wrong person').waitFor();
  });

  testNoProblems(() => problems);
});
