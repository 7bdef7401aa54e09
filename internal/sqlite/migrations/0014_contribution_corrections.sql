-- Corrections of what was said in a meeting (issue 11).
--
-- The person who added a contribution can correct its words or strike it
-- through, with a reason. The contribution's own row is never changed:
-- each correction is a row of its own, and the newest says what the
-- contribution says now. Corrections are never changed, and the app
-- deletes them only with the whole record, so the original words and
-- every correction stay in history. Their rows travel,
-- so they have UUIDs, made sure of by triggers as in 0011. Everything is
-- made only if missing, so a database rolled back to an earlier
-- user_version (as a test does) migrates again.

CREATE TABLE IF NOT EXISTS contribution_corrections (
	id              INTEGER PRIMARY KEY,
	uuid            TEXT NOT NULL,
	contribution_id INTEGER NOT NULL REFERENCES contributions (id),
	text            TEXT NOT NULL,
	struck          INTEGER NOT NULL DEFAULT 0,
	reason          TEXT NOT NULL DEFAULT '',
	after_agreed    INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT NOT NULL,
	created_by      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS contribution_corrections_uuid ON contribution_corrections (uuid);
CREATE INDEX IF NOT EXISTS contribution_corrections_contribution ON contribution_corrections (contribution_id, id);

CREATE TRIGGER IF NOT EXISTS contribution_corrections_uuid_insert BEFORE INSERT ON contribution_corrections WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every contribution_corrections row has a UUID');
END;
CREATE TRIGGER IF NOT EXISTS contribution_corrections_uuid_update BEFORE UPDATE OF uuid ON contribution_corrections WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;
CREATE TRIGGER IF NOT EXISTS contribution_corrections_kept BEFORE UPDATE ON contribution_corrections
BEGIN
	SELECT RAISE(ABORT, 'corrections: a correction is kept as it was made');
END;
CREATE TRIGGER IF NOT EXISTS contributions_words_kept BEFORE UPDATE OF text ON contributions WHEN NEW.text IS NOT OLD.text
BEGIN
	SELECT RAISE(ABORT, 'corrections: what was said is corrected, never overwritten');
END;
