-- What to book before a meeting (the "act" step of the Accessible
-- Information Standard): scheduling or changing a meeting adds an item for
-- each interpreter, lip-speaker, hearing loop or advocate the person's
-- record asks for; each is ticked done, keeping who and when. An item is
-- never added twice to a meeting (its key says what it is for).
--
-- The rows travel with the meeting, so each has a UUID, given on insert
-- and never changed (as migration 0011 made sure for the other tables).
-- IF NOT EXISTS throughout: a test winds user_version back to replay the
-- later migrations over tables they made.
CREATE TABLE IF NOT EXISTS meeting_checklist (
	id         INTEGER PRIMARY KEY,
	uuid       TEXT NOT NULL,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	key        TEXT NOT NULL,
	label      TEXT NOT NULL,
	done_at    TEXT,                      -- RFC 3339, NULL until done
	done_by    TEXT NOT NULL DEFAULT '',  -- the name of who ticked it
	created_at TEXT NOT NULL,
	UNIQUE (meeting_id, key)
);
CREATE UNIQUE INDEX IF NOT EXISTS meeting_checklist_uuid ON meeting_checklist (uuid);
CREATE INDEX IF NOT EXISTS meeting_checklist_open ON meeting_checklist (meeting_id) WHERE done_at IS NULL;

CREATE TRIGGER IF NOT EXISTS meeting_checklist_uuid_insert BEFORE INSERT ON meeting_checklist WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every meeting_checklist row has a UUID');
END;
CREATE TRIGGER IF NOT EXISTS meeting_checklist_uuid_update BEFORE UPDATE OF uuid ON meeting_checklist WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;
