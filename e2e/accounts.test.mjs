// End to end: named accounts, signing in and out, locking (by hand, by
// Ctrl+L and after idle, on a test clock) with the screen and anything
// typed kept, adding a colleague's account, and the record's access list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { checkScreen, closeApp, expectNoAxe, h1, openApp, PASSPHRASE, screenshot, summaryErrors, tempDB, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

describe('accounts and locking', () => {
  let app, page, problems;
  before(async () => {
    ({ app, page, problems } = await openApp(env, { clock: true, examples: true }));
  });
  after(() => closeApp(page, app));

  test('locking hides everything, and unlocking keeps what was typed', async () => {
    await visit(page, app.url + '#/people/1/record/aboutMe/words', /About me, in Gosia Wiśniewska's words/);
    const field = page.getByLabel('What is most important to me (optional)', { exact: true });
    await field.fill('Typed but not yet saved: my garden 🌻');
    await page.keyboard.press('Control+l');
    await h1(page, 'What Matters is locked');
    const shown = await page.locator('body').innerText();
    assert.ok(!/Gosia|Wiśniewska|garden/.test(shown), `locked screen shows a person: ${shown}`);
    assert.ok(!/Gosia|Wiśniewska/.test(await page.title()), await page.title());
    await checkScreen(page, 'locked', 'e2e-locked');
    // The backend refuses too: nothing about a person while locked.
    const refused = await page.evaluate(() => window.go.main.App.FindRecord(1).then(() => 'served', (e) => e.code));
    assert.equal(refused, 'sign_in');

    await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    assert.deepEqual(await summaryErrors(page), ['The name or passphrase is not right. Check them and try again']);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await h1(page, /About me, in Gosia Wiśniewska's words/);
    assert.equal(await field.inputValue(), 'Typed but not yet saved: my garden 🌻');
    assert.match(await page.title(), /Gosia/);
  });

  test('the app locks itself after 5 minutes without use', async () => {
    await page.clock.fastForward('04:30');
    assert.equal(await page.getByRole('heading', { level: 1, name: 'What Matters is locked' }).count(), 0);
    await page.clock.fastForward('00:40');
    await h1(page, 'What Matters is locked');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await h1(page, /About me, in Gosia Wiśniewska's words/);
  });

  test('the record shows who has opened it', async () => {
    await visit(page, app.url + '#/people/1/history', 'History of changes');
    await page.locator('table[aria-labelledby="access"]').getByText('Opened the record').first().waitFor();
    await page.locator('table[aria-labelledby="access"]').getByText('Sam Okafor, Care coordinator').first().waitFor();
    await expectNoAxe(page, 'history and access');
  });

  test('a colleague gets an account, and signs in with it', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await h1(page, 'Accounts');
    await expectNoAxe(page, 'accounts');
    await page.getByLabel('Their name').fill('Priya Rao');
    await page.getByLabel('Their role').fill('GP');
    await page.getByLabel('Their passphrase').fill('too short');
    await page.getByRole('button', { name: 'Add the account' }).click();
    assert.deepEqual(await summaryErrors(page), ['Passphrase must be at least 10 characters. A few words you will remember are best']);
    assert.equal(await page.getByLabel('Their name').inputValue(), 'Priya Rao');
    await page.getByLabel('Their passphrase').fill('a garden of pierogi');
    await page.getByLabel('Type the passphrase again').fill('a garden of pierogi');
    await page.getByRole('button', { name: 'Add the account' }).click();
    await h1(page, 'The recovery code for Priya Rao');
    assert.match(await page.locator('#recovery-code').innerText(), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await screenshot(page, 'e2e-recovery-code');
    await page.getByRole('button', { name: 'Back to accounts' }).click();
    await page.locator('table').getByText('Priya Rao').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await h1(page, 'Sign in to What Matters');
    assert.ok(!/Gosia/.test(await page.locator('body').innerText()));
    await checkScreen(page, 'sign in', 'e2e-sign-in');
    await page.getByLabel('Your name').fill('Priya Rao');
    await page.getByLabel('Passphrase', { exact: true }).fill('a garden of pierogi');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Find a person');
    await page.getByText('Priya Rao, GP').waitFor();
  });

  testNoProblems(() => problems);
});

describe('audit you can prove', () => {
  test('a history row removed by raw SQL shows a red warning on every screen', async () => {
    const dbPath = tempDB('audit');
    let { app, page } = await openApp(env, { dbPath, examples: true });
    assert.equal(await page.locator('#integrity-warning').count(), 0);
    await page.close();
    await app.stop();

    execFileSync('sqlite3', [dbPath, 'DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = 3;']);

    ({ app, page } = await openApp(env, { dbPath }));
    const warning = page.locator('#integrity-warning');
    await warning.getByText('History row 4: the row before it was removed or changed').waitFor();
    await page.goto(app.url + '#/people/1');
    await warning.waitFor();
    await checkScreen(page, 'integrity warning', 'e2e-integrity-warning');
    await page.close();
    await app.stop();
  });
});
