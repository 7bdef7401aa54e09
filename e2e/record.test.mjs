// End to end: a whole record filled in through the screens, kept, and
// shown again; the communication-needs banner; history; two windows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPerson, checkScreen, closeApp, errorsFor, expectNoAxe, h1, openApp, screenshot, summaryErrors, testNoProblems, useBrowser, visit } from './harness.mjs';

const env = useBrowser();

const WORDS = {
  'What is most important to me': 'My allotment, and Sunday dinner with my grandchildren.\nMy cat, Mruczek.',
  'People who are important to me': 'Ola (my daughter) and my neighbour Meera.',
  'How I communicate and how to communicate with me': 'I am Deaf. I use BSL. Please face me.',
  'My wellness': 'Walking to the park. Knees ache in the cold.',
  "Please do and please don't": 'Please do call me Ania. Please don’t talk over me.',
  'How and when to support me': 'Mornings are best.',
  'Also worth knowing about me': '<script>alert("hi")</script> is just text 🌻',
};

describe('the whole record, told once', () => {
  let app, page, problems, personUrl;
  before(async () => {
    ({ app, page, problems } = await openApp(env));
  });
  after(() => closeApp(page, app));

  test('add the person', async () => {
    await addPerson(page, app.url, { given: 'Anna', family: 'Nowak', day: '14', month: '3', year: '1946' });
    personUrl = page.url();
  });

  test("About me in the person's words, and a professional note beside them", async () => {
    await page.getByRole('link', { name: "Edit the person's words" }).click();
    await h1(page, "About me, in Anna Nowak's words");
    await page.getByText('These are Anna Nowak\'s own words').waitFor();
    for (const [label, text] of Object.entries(WORDS)) {
      await page.getByLabel(`${label} (optional)`, { exact: true }).fill(text);
    }
    await page.getByLabel('Supported to write this by (optional)').fill('Ola Nowak (daughter)');
    await expectNoAxe(page, "edit the person's words");
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    const about = page.locator('#about-me');
    for (const text of Object.values(WORDS)) {
      assert.ok((await about.textContent()).includes(text.replace('\n', '')) || (await about.innerText()).includes(text), text);
    }
    assert.equal(await page.locator('main script').count(), 0);

    await page.getByRole('link', { name: 'Add or change professional notes' }).click();
    await h1(page, 'Professional notes on About me');
    await page.getByLabel('Professional note: My wellness (optional)').fill('Osteoarthritis in both knees.');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await about.getByText('Professional note', { exact: true }).waitFor();
    await about.getByText('Osteoarthritis in both knees.').waitFor();
  });

  test('communication needs: refused without a language, then shown as a banner', async () => {
    await page.getByRole('link', { name: 'Add a communication need' }).click();
    await h1(page, 'Add a communication need');
    await page.getByLabel('Need', { exact: true }).selectOption({ label: 'Spoken-language interpreter' });
    await page.getByRole('button', { name: 'Save' }).click();
    assert.deepEqual(await summaryErrors(page), ['Enter language']);
    await page.getByLabel('Language', { exact: true }).fill('Polish');
    await expectNoAxe(page, 'add a communication need (error)');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await page.getByRole('link', { name: 'Add a communication need' }).click();
    await page.getByLabel('Need', { exact: true }).selectOption({ label: 'British Sign Language interpreter' });
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    assert.equal(
      await page.locator('#communication-banner p').textContent(),
      'Communication needs: Spoken-language interpreter: Polish; British Sign Language interpreter',
    );
    await page.locator('#communicationNeeds').getByRole('link', { name: 'Change format for printed plans' }).click();
    await h1(page, 'Format for printed plans');
    await page.getByLabel('Large print').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await page.locator('#communicationNeeds').getByText('Large print').first().waitFor();
  });

  test('a contact: every bad input named, then saved', async () => {
    await page.getByRole('link', { name: 'Add a contact' }).click();
    await h1(page, 'Add a contact');
    const bad = { 'Phone number (optional)': '01632 96O 001', 'Email address (optional)': 'ola.example.com' };
    assert.deepEqual(await errorsFor(page, 'Save', bad), [
      'Enter name',
      'Select type of contact',
      'Phone number must only include numbers, spaces and + ( ) -, like 01632 960 001',
      'Enter email address in the correct format, like name@example.com',
    ]);
    await checkScreen(page, 'add a contact (errors)', 'e2e-contact-errors');
    await page.getByLabel('Name', { exact: true }).fill('Ola Nowak');
    await page.getByLabel('Family', { exact: true }).check();
    await page.getByLabel('Relationship to the person (optional)').fill('daughter');
    await page.getByLabel('Phone number (optional)').fill('01632 960 001');
    await page.getByLabel('Email address (optional)').fill('ola@example.com');
    await page.getByLabel('They are a carer').check();
    await page.getByLabel("The carer's own needs (optional)").fill('Works nights.');
    await page.getByLabel('They may receive a copy of the plan').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await page.locator('#contacts').getByText('Ola Nowak', { exact: true }).waitFor();
  });

  test('care team: one key worker at a time', async () => {
    // Adds a professional who is the key worker, and presses Save.
    const addKeyWorker = async (name, role) => {
      await page.getByRole('link', { name: 'Add a professional' }).click();
      await h1(page, 'Add a professional');
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Role').selectOption({ label: role });
      await page.getByLabel('Key worker or care coordinator').check();
      await page.getByRole('button', { name: 'Save' }).click();
    };
    await addKeyWorker('Dr Priya Rao', 'GP');
    await h1(page, 'Anna Nowak');
    await addKeyWorker('Tom Hughes', 'Social worker');
    assert.deepEqual(await summaryErrors(page), [
      "Dr Priya Rao is already the key worker. There can be only one: change Dr Priya Rao's details first",
    ]);
    await page.getByLabel('Key worker or care coordinator').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
  });

  test('strengths, community, needs and legal', async () => {
    await page.getByRole('link', { name: 'Add a strength' }).click();
    await h1(page, 'Add a strength');
    await page.getByLabel('Strength', { exact: true }).fill('Makes everyone laugh');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await page.getByRole('link', { name: 'Add a community connection' }).click();
    await h1(page, 'Add a community connection');
    await page.getByLabel('Group or place', { exact: true }).fill('St Joseph’s lunch club');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await page.getByRole('link', { name: 'Add a need or concern' }).click();
    await h1(page, 'Add a need or concern');
    await page.getByLabel('Health condition', { exact: true }).check();
    await page.getByLabel('Description', { exact: true }).fill('Painful knees');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');

    await page.getByRole('link', { name: 'Change is there a respect form?' }).click();
    await h1(page, 'Legal');
    await page.locator('#respect').check();
    await page.getByRole('button', { name: 'Save' }).click();
    assert.deepEqual(await summaryErrors(page), ['Enter where is the ReSPECT form kept?']);
    await page.getByLabel('Where is the ReSPECT form kept?', { exact: true }).fill('Kitchen drawer');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');
    await expectNoAxe(page, 'the whole record');
  });

  test('after a reload everything is there, banner included, on every screen of the person', async () => {
    await page.reload();
    await h1(page, 'Anna Nowak');
    const text = await page.locator('main').innerText();
    for (const want of ['Mruczek', 'Osteoarthritis in both knees.', 'Ola Nowak', 'Dr Priya Rao', 'Key worker or care coordinator',
      'Makes everyone laugh', 'St Joseph’s lunch club', 'Painful knees', 'Kitchen drawer', 'Supported to write this by Ola Nowak (daughter).']) {
      assert.ok(text.includes(want), `record shows ${want}`);
    }
    await screenshot(page, 'e2e-record');
    await page.getByRole('link', { name: 'View the history of changes to this record' }).click();
    await h1(page, 'History of changes');
    await page.locator('#communication-banner').waitFor();
    const history = await page.locator('table').first().innerText();
    assert.match(history, /Edited the person's words: About me, What is most important to me/);
    assert.match(history, /Sam Okafor, Care coordinator/);
    assert.match(history, /Changed: Legal, Where is the ReSPECT form kept\?/);
    await checkScreen(page, 'history', 'e2e-history');
  });

  test('two windows: the second save sees a conflict, nothing is overwritten', async () => {
    const editUrl = personUrl.replace(/#.*/, '') + '#/people/1/record/aboutMe/words';
    const other = await env.browser.newPage();
    await visit(other, editUrl, "About me, in Anna Nowak's words");
    await visit(page, editUrl, "About me, in Anna Nowak's words");

    await page.getByLabel('My wellness (optional)').fill('Swimming on Tuesdays.');
    await page.getByRole('button', { name: 'Save' }).click();
    await h1(page, 'Anna Nowak');

    await other.getByLabel('My wellness (optional)').fill('Something typed in another window.');
    await other.getByRole('button', { name: 'Save' }).click();
    const errors = await summaryErrors(other);
    assert.match(errors[0], /was changed somewhere else while you were editing/);
    assert.equal(await other.getByLabel('My wellness (optional)').inputValue(), 'Something typed in another window.');
    await other.close();
    await page.reload();
    await page.locator('#about-me').getByText('Swimming on Tuesdays.').waitFor();
  });

  testNoProblems(() => problems);
});

describe('example people', () => {
  test('loaded from the empty home screen, then found by name, script and About me words', async () => {
    const { app, page, problems } = await openApp(env, { examples: true });
    const search = page.getByLabel('Search by name or NHS number');
    for (const [q, name] of [['pierogi', 'Gosia Wiśniewska'], ['太极拳', 'Xiuying 王'], ['sian', 'Siân Llywelyn'], ['عائشہ', 'عائشہ Siddiqui']]) {
      await search.fill(q);
      await page.waitForFunction(
        (want) => document.getElementById('search-status')?.textContent === '1 person found' &&
          document.querySelector('.app-search-results a')?.textContent === want,
        name,
      );
    }
    await search.fill('pierogi');
    await page.waitForFunction(() => document.querySelector('.app-search-results mark')?.textContent === 'pierogi');
    assert.equal(await page.locator('.app-search-results mark').first().textContent(), 'pierogi');
    await checkScreen(page, 'search results with highlights', 'e2e-search-highlight');
    await page.locator('.app-search-results a').click();
    await h1(page, 'Gosia Wiśniewska');
    assert.match(await page.locator('#communication-banner p').textContent(), /Spoken-language interpreter: Polish; Large print/);
    await expectNoAxe(page, 'example record');
    assert.deepEqual(problems, []);
    await page.close();
    await app.stop();
  });
});
