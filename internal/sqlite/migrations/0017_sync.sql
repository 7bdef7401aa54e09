-- Sync with a clinic's FHIR server (issue 12; SYNC.md).
--
-- sync_outbox: one row for every change to a table whose rows travel, so
-- every change, whoever makes it, writes its outbox row in the same
-- transaction (triggers below). unit_key names the unit that changed as
-- fhir.Unit.Key does ("person/<uuid>", "fields/<person uuid>/<section>",
-- "item/<uuid>", "version/<uuid>", "meeting/<uuid>"). The rows are deleted
-- once the server has the change (SyncService.Pushed), and by Apply for
-- the rows its own writes made, so changes pulled are not sent back.
-- Each trigger inserts with a SELECT from people, so a row whose person
-- is gone writes nothing; deleting a whole record lifts the triggers
-- (eraseRecords) and the foreign keys take the sync rows with it.
--
-- sync_state: what was last sent to or received from the server for each
-- resource, for If-Match and for the base of a conflict.
-- sync_conflicts: a change made both here and on the server, kept after it
-- is settled (settled_at, settled_by, choices).
-- sync_orphans and sync_deleted: see below. sync_cursor: per resource
-- type, the server's lastUpdated of the newest resource pulled. sync_log:
-- the end of each sync attempt, for "last synced ..." and the last error
-- (the newest 100 are kept).
--
-- IF NOT EXISTS throughout: a test winds user_version back to replay the
-- later migrations over tables they made.

CREATE TABLE IF NOT EXISTS sync_outbox (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	person_id INTEGER NOT NULL REFERENCES people (id),
	unit_key  TEXT NOT NULL,
	at        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sync_outbox_person ON sync_outbox (person_id, id);
CREATE INDEX IF NOT EXISTS sync_outbox_unit ON sync_outbox (unit_key);

CREATE TABLE IF NOT EXISTS sync_state (
	ref          TEXT PRIMARY KEY,          -- "Patient/<id>"
	person_id    INTEGER NOT NULL REFERENCES people (id),
	person_uuid  TEXT NOT NULL,
	unit_key     TEXT NOT NULL,             -- '' for a derived resource (a CareTeam)
	unit_kind    TEXT NOT NULL,
	unit_section TEXT NOT NULL DEFAULT '',
	unit_uuid    TEXT NOT NULL DEFAULT '',
	version_id   TEXT NOT NULL,             -- the server's meta.versionId
	json         TEXT NOT NULL,             -- the resource without meta
	at           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sync_state_person ON sync_state (person_uuid);
CREATE INDEX IF NOT EXISTS sync_state_unit ON sync_state (unit_key);
CREATE INDEX IF NOT EXISTS sync_state_person_id ON sync_state (person_id);

CREATE TABLE IF NOT EXISTS sync_conflicts (
	id            INTEGER PRIMARY KEY,
	person_id     INTEGER NOT NULL REFERENCES people (id),
	unit_key      TEXT NOT NULL,
	unit          TEXT NOT NULL,             -- the unit (kind, section, uuids) as JSON
	ref           TEXT NOT NULL,
	base          TEXT NOT NULL,             -- the resource as last synced ('' if never)
	mine          TEXT NOT NULL,             -- as it would be sent now
	theirs        TEXT NOT NULL,             -- as the server has it
	base_values   TEXT NOT NULL,             -- each as a JSON object of the unit's values
	mine_values   TEXT NOT NULL,
	theirs_values TEXT NOT NULL,
	their_version TEXT NOT NULL,
	changed_by    TEXT NOT NULL,
	changed_at    TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	settled_at    TEXT,
	settled_by    TEXT NOT NULL DEFAULT '',
	choices       TEXT NOT NULL DEFAULT ''   -- JSON: key -> mine or theirs
);
CREATE INDEX IF NOT EXISTS sync_conflicts_open ON sync_conflicts (unit_key) WHERE settled_at IS NULL;
CREATE INDEX IF NOT EXISTS sync_conflicts_person ON sync_conflicts (person_id);

-- sync_orphans: resources pulled for a person not on this laptop yet (a
-- Patient held by a conflict, or refused), applied once they are.
CREATE TABLE IF NOT EXISTS sync_orphans (
	ref          TEXT PRIMARY KEY,
	person_uuid  TEXT NOT NULL,
	json         TEXT NOT NULL,
	version_id   TEXT NOT NULL,
	changed_by   TEXT NOT NULL,
	last_updated TEXT NOT NULL,
	at           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sync_orphans_person ON sync_orphans (person_uuid);

-- sync_deleted: the UUIDs of people whose records were deleted here (after
-- their retention period), so that a pull never brings them back. Only the
-- UUID is kept: nothing that names them.
CREATE TABLE IF NOT EXISTS sync_deleted (
	person_uuid TEXT PRIMARY KEY,
	at          TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sync_cursor (
	resource_type TEXT PRIMARY KEY,
	at            TEXT NOT NULL             -- RFC 3339 with fractions, the server's clock
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sync_log (
	id    INTEGER PRIMARY KEY AUTOINCREMENT,
	at    TEXT NOT NULL,
	error TEXT NOT NULL                      -- '' for a sync that worked
);

-- people: a person is deleted only with their whole record (eraseRecords).
CREATE TRIGGER IF NOT EXISTS sync_outbox_people_insert AFTER INSERT ON people
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_people_update AFTER UPDATE ON people
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_person_details_insert AFTER INSERT ON person_details
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_person_details_update AFTER UPDATE ON person_details
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_person_details_delete AFTER DELETE ON person_details
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = OLD.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_person_status_insert AFTER INSERT ON person_status
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_person_status_update AFTER UPDATE ON person_status
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_person_status_delete AFTER DELETE ON person_status
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = OLD.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_record_fields_insert AFTER INSERT ON record_fields
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'fields/' || uuid || '/' || NEW.section, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_record_fields_update AFTER UPDATE ON record_fields
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'fields/' || uuid || '/' || NEW.section, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_record_fields_delete AFTER DELETE ON record_fields
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'fields/' || uuid || '/' || OLD.section, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = OLD.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_record_items_insert AFTER INSERT ON record_items
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'item/' || NEW.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_record_items_update AFTER UPDATE ON record_items
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'item/' || NEW.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_record_items_delete AFTER DELETE ON record_items
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'item/' || OLD.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = OLD.person_id;
END;

-- plan_versions: only ever inserted (0006's triggers refuse the rest).
CREATE TRIGGER IF NOT EXISTS sync_outbox_plan_versions_insert AFTER INSERT ON plan_versions
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'version/' || NEW.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_plan_copies_insert AFTER INSERT ON plan_copies
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT v.person_id, 'version/' || v.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM plan_versions v JOIN people p ON p.id = v.person_id WHERE v.id = NEW.version_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_plan_copies_update AFTER UPDATE ON plan_copies
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT v.person_id, 'version/' || v.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM plan_versions v JOIN people p ON p.id = v.person_id WHERE v.id = NEW.version_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_plan_copies_delete AFTER DELETE ON plan_copies
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT v.person_id, 'version/' || v.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM plan_versions v JOIN people p ON p.id = v.person_id WHERE v.id = OLD.version_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_meetings_insert AFTER INSERT ON meetings
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'meeting/' || NEW.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_meetings_update AFTER UPDATE ON meetings
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'meeting/' || NEW.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = NEW.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_meetings_delete AFTER DELETE ON meetings
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT id, 'meeting/' || OLD.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people WHERE id = OLD.person_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_participants_insert AFTER INSERT ON participants
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT m.person_id, 'meeting/' || m.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM meetings m JOIN people p ON p.id = m.person_id WHERE m.id = NEW.meeting_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_participants_update AFTER UPDATE ON participants
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT m.person_id, 'meeting/' || m.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM meetings m JOIN people p ON p.id = m.person_id WHERE m.id = NEW.meeting_id;
END;

CREATE TRIGGER IF NOT EXISTS sync_outbox_participants_delete AFTER DELETE ON participants
BEGIN
	INSERT INTO sync_outbox (person_id, unit_key, at)
		SELECT m.person_id, 'meeting/' || m.uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM meetings m JOIN people p ON p.id = m.person_id WHERE m.id = OLD.meeting_id;
END;

-- Everyone already recorded waits to be sent once: the first sync with a
-- server sends each person's whole record.
INSERT INTO sync_outbox (person_id, unit_key, at)
	SELECT id, 'person/' || uuid, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM people
	WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.person_id = people.id);
