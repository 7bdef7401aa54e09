-- Ids that travel, made sure of (DESIGN.md decision 15).
--
-- Agenda items get their UUIDs too: what is said in a meeting is filed
-- under one, so a contribution that travels needs its item's id. Every
-- existing item gets its own, made as migration 0010 made the others'.
-- Drafts are working copies on one computer and never travel.
--
-- SQLite cannot make an added column NOT NULL, so triggers do it: no row
-- of a table whose rows travel can be inserted without a UUID in canonical
-- form (36 characters), and no UUID can be changed once given.
--
-- people.name_fold is dropped: it was written and never read (duplicates
-- are found by folding in Go, search by the people_search index). No
-- index, trigger or view uses it.

ALTER TABLE agenda_items ADD COLUMN uuid TEXT;
UPDATE agenda_items SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX agenda_items_uuid ON agenda_items (uuid);

ALTER TABLE people DROP COLUMN name_fold;

CREATE TRIGGER people_uuid_insert BEFORE INSERT ON people WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every people row has a UUID');
END;
CREATE TRIGGER people_uuid_update BEFORE UPDATE OF uuid ON people WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER record_items_uuid_insert BEFORE INSERT ON record_items WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every record_items row has a UUID');
END;
CREATE TRIGGER record_items_uuid_update BEFORE UPDATE OF uuid ON record_items WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER meetings_uuid_insert BEFORE INSERT ON meetings WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every meetings row has a UUID');
END;
CREATE TRIGGER meetings_uuid_update BEFORE UPDATE OF uuid ON meetings WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER participants_uuid_insert BEFORE INSERT ON participants WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every participants row has a UUID');
END;
CREATE TRIGGER participants_uuid_update BEFORE UPDATE OF uuid ON participants WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER agenda_items_uuid_insert BEFORE INSERT ON agenda_items WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every agenda_items row has a UUID');
END;
CREATE TRIGGER agenda_items_uuid_update BEFORE UPDATE OF uuid ON agenda_items WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER contributions_uuid_insert BEFORE INSERT ON contributions WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every contributions row has a UUID');
END;
CREATE TRIGGER contributions_uuid_update BEFORE UPDATE OF uuid ON contributions WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER decisions_uuid_insert BEFORE INSERT ON decisions WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every decisions row has a UUID');
END;
CREATE TRIGGER decisions_uuid_update BEFORE UPDATE OF uuid ON decisions WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;

CREATE TRIGGER plan_versions_uuid_insert BEFORE INSERT ON plan_versions WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every plan_versions row has a UUID');
END;
-- plan_versions: every update is refused already (plan_versions_locked_update).

CREATE TRIGGER plan_copies_uuid_insert BEFORE INSERT ON plan_copies WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every plan_copies row has a UUID');
END;
CREATE TRIGGER plan_copies_uuid_update BEFORE UPDATE OF uuid ON plan_copies WHEN NEW.uuid IS NOT OLD.uuid
BEGIN
	SELECT RAISE(ABORT, 'uuid: a UUID never changes');
END;
