// End to end: the home screen's reminder, "Back up now" writing an
// encrypted file, restoring it over the open database, a damaged database
// opening read-only with the way out, and a second start on the same
// database.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeSync,
  closeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  checkScreen,
  closeApp,
  expectNoAxe,
  h1,
  openApp,
  openPage,
  signIn,
  startApp,
  summaryErrors,
  useBrowser,
  visit,
} from "./harness.mjs";

const env = useBrowser();
const PASSPHRASE = "walrus lantern quietly 42";

/** The button that chooses a backup file and restores it. */
const RESTORE = "Choose the backup and restore";

/** Restores the backup the restore screen is about to choose, with passphrase, and waits until it is done. */
async function restore(page, passphrase) {
  await page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await page.getByRole("button", { name: RESTORE }).click();
  await page.getByText("Backup restored").waitFor({ timeout: 20000 });
}

/** Continues from a restored backup: it has its own accounts, so sign in again, and its five example people are found. */
async function continueAfterRestore(page) {
  await page.getByRole("button", { name: "Continue" }).click();
  await h1(page, "Sign in to What Matters");
  await signIn(page);
  await h1(page, "Find a person");
  await page.getByText("5 people found").waitFor();
}

/** Writes garbage over the middle page of a closed database file, as a failing disk might. */
function damage(path) {
  const data = readFileSync(path);
  const pageSize = data.readUInt16BE(16);
  const pages = Math.floor(data.length / pageSize);
  const garbage = Buffer.alloc(pageSize, 0).map((_, i) => (i * 7 + 13) & 0xff);
  const fd = openSync(path, "r+");
  writeSync(fd, garbage, 0, pageSize, Math.floor(pages / 2) * pageSize);
  closeSync(fd);
}

describe("backing up and restoring", () => {
  let app, page, problems, saveDir, dataDir, dbPath, backupFile;
  before(async () => {
    saveDir = mkdtempSync(join(tmpdir(), "whatmatters-save-"));
    dataDir = mkdtempSync(join(tmpdir(), "whatmatters-data-"));
    dbPath = join(dataDir, "whatmatters.db");
    ({ app, page, problems } = await openApp(env, {
      dbPath,
      env: { WHATMATTERS_SAVE_DIR: saveDir },
      examples: true,
    }));
  });
  after(() => closeApp(page, app));

  test("the home screen reminds: never backed up", async () => {
    const reminder = page.locator("#backup-reminder");
    await reminder.getByText("Back up your records").waitFor();
    await reminder
      .getByText("What Matters has not been backed up on this computer yet.")
      .waitFor();
    await checkScreen(
      page,
      "home with the backup reminder",
      "e2e-home-backup-reminder",
    );
    await page
      .getByRole("banner")
      .getByRole("link", { name: "Back up" })
      .waitFor(); // in the header too
    await reminder.getByRole("link", { name: "Back up now" }).click();
    await h1(page, "Back up What Matters");
    await expectNoAxe(page, "back up");
  });

  test("bad input is explained and nothing is written", async () => {
    await page.getByRole("button", { name: "Back up now" }).click();
    assert.deepEqual(await summaryErrors(page), [
      "Enter a passphrase of at least 12 characters",
    ]);
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("Type the passphrase again").fill(PASSPHRASE + "x");
    await page.getByRole("button", { name: "Back up now" }).click();
    assert.deepEqual(await summaryErrors(page), [
      "The passphrases do not match. Type the same passphrase in both boxes",
    ]);
    await checkScreen(page, "back up (errors)", "e2e-backup-errors");
    await page.getByLabel("With my organisation's backup key").check();
    await page
      .getByLabel("Your organisation's backup key")
      .fill("AGE-SECRET-KEY-1QQQ");
    await page.getByRole("button", { name: "Back up now" }).click();
    assert.deepEqual(await summaryErrors(page), [
      "That is a secret key. Enter the public key, which starts age1, and keep the secret key safe",
    ]);
    assert.deepEqual(readdirSync(saveDir), []);
  });

  test('"Back up now" writes an encrypted file and records it', async () => {
    await page.getByLabel("With a passphrase").check();
    await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
    await page.getByLabel("Type the passphrase again").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Back up now" }).click();
    await page.getByText("Backup saved").waitFor({ timeout: 20000 });
    const files = readdirSync(saveDir);
    assert.equal(files.length, 1);
    assert.match(files[0], /^whatmatters-backup-\d{4}-\d{2}-\d{2}-\d{4}\.age$/);
    backupFile = join(saveDir, files[0]);
    await page.getByText(backupFile).waitFor();
    const bytes = readFileSync(backupFile);
    assert.ok(
      bytes.subarray(0, 22).toString().startsWith("age-encryption.org/v1"),
      "an age file",
    );
    for (const name of [
      "Gosia",
      "Wiśniewska",
      "Siân",
      "Derek",
      "Xiuying",
      "999 000",
    ]) {
      assert.ok(
        !bytes.includes(Buffer.from(name)),
        `${name} is readable in the backup`,
      );
    }
    assert.equal(statSync(backupFile).mode & 0o777, 0o600);
    assert.equal(
      await page.getByLabel("Passphrase", { exact: true }).inputValue(),
      "",
    );
    await page.getByText(/^Last backup: /).waitFor();
    await checkScreen(page, "backup saved", "e2e-backup-saved");

    await visit(page, app.url + "#/", "Find a person");
    await page
      .locator("#backup-reminder")
      .getByText(/^Last backed up/)
      .waitFor();
    assert.equal(await page.getByText("Back up your records").count(), 0);
  });

  test("restore: a wrong passphrase changes nothing; the right one puts the backup back", async () => {
    // A change after the backup, which restoring takes away.
    await visit(page, app.url + "#/people/new", "Add a person");
    await page.getByLabel("Given name").fill("Ada");
    await page.getByLabel("Family name").fill("Afterwards");
    await page.getByLabel("Day").fill("2");
    await page.getByLabel("Month").fill("3");
    await page.getByLabel("Year").fill("1944");
    await page.getByRole("button", { name: "Save person" }).click();
    await h1(page, "Ada Afterwards");

    copyFileSync(backupFile, join(saveDir, "restore.age"));
    await visit(page, app.url + "#/restore", "Restore a backup");
    await page.getByText(backupFile).waitFor(); // the latest backup is named
    await checkScreen(page, "restore", "e2e-restore");
    await page
      .getByLabel("Passphrase", { exact: true })
      .fill("not the passphrase");
    await page.getByRole("button", { name: RESTORE }).click();
    assert.deepEqual(await summaryErrors(page), [
      "This backup cannot be opened with that passphrase. Check it and try again",
    ]);
    await expectNoAxe(page, "restore (wrong passphrase)");

    await restore(page, PASSPHRASE);
    const kept = readdirSync(dataDir).filter((f) =>
      /^whatmatters\.db\.before-restore-\d{8}T\d{4}$/.test(f),
    );
    assert.equal(kept.length, 1, `kept: ${readdirSync(dataDir)}`);
    await page.getByText(join(dataDir, kept[0])).waitFor();
    await checkScreen(page, "restored", "e2e-restored");
    await continueAfterRestore(page);
    await page.getByLabel("Search by name or NHS number").fill("Afterwards");
    await page.getByText("No one found for “Afterwards”").waitFor();
    assert.deepEqual(problems, []);
  });

  test("a damaged database opens read-only and offers the restore", async () => {
    await page.close();
    await app.stop();
    damage(dbPath);
    ({ app, page, problems } = await openApp(env, {
      dbPath,
      env: { WHATMATTERS_SAVE_DIR: saveDir },
      signedIn: false,
    }));
    const banner = page.locator("#damaged-banner");
    await banner
      .getByText(
        "This database is damaged. What Matters has opened it read-only so nothing more is written. Restore your latest backup.",
      )
      .waitFor();
    await checkScreen(page, "damaged database", "e2e-damaged");
    const before = readFileSync(dbPath);
    await banner
      .getByRole("link", { name: "Restore your latest backup" })
      .click();
    await h1(page, "Restore a backup");
    await restore(page, PASSPHRASE);
    const kept = readdirSync(dataDir).filter(
      (f) =>
        /^whatmatters\.db\.before-restore-/.test(f) && !/-(wal|shm)$/.test(f),
    );
    assert.ok(
      kept.some((f) => readFileSync(join(dataDir, f)).equals(before)),
      "the damaged file is kept as it was",
    );
    await continueAfterRestore(page);
    assert.equal(await page.locator("#damaged-banner").count(), 0);
  });

  test("a second start on the same database does not open it again", async () => {
    let second;
    try {
      second = await startApp({ display: env.display, dbPath });
    } catch (e) {
      // With a session bus, Wails hands over to the first window and exits.
      assert.match(String(e), /app exited/);
      return;
    }
    try {
      const { page: p } = await openPage(env.browser, second.url);
      await h1(p, "What Matters cannot open its database");
      await p
        .getByText(
          "What Matters is already open on this computer with this database. Close it first",
        )
        .waitFor();
      await checkScreen(p, "already open", "e2e-already-open");
      await p.close();
    } finally {
      await second.stop();
    }
    assert.ok(existsSync(dbPath + ".lock"));
  });
});
