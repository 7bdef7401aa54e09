-- Ids that travel (DESIGN.md decision 15): every row that can be shared
-- beyond this database has a random version 4 UUID in lower-case canonical
-- text. The store gives each new row one; here every existing row gets its
-- own. Integer ids stay inside this database.
--
-- Each UUID is 122 random bits with the version nibble 4 and the variant
-- nibble one of 8, 9, a, b; randomblob and random are evaluated for every row.

ALTER TABLE people ADD COLUMN uuid TEXT;
ALTER TABLE record_items ADD COLUMN uuid TEXT;
ALTER TABLE meetings ADD COLUMN uuid TEXT;
ALTER TABLE participants ADD COLUMN uuid TEXT;
ALTER TABLE contributions ADD COLUMN uuid TEXT;
ALTER TABLE decisions ADD COLUMN uuid TEXT;
ALTER TABLE plan_versions ADD COLUMN uuid TEXT;
ALTER TABLE plan_copies ADD COLUMN uuid TEXT;

UPDATE people SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

UPDATE record_items SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

UPDATE meetings SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

UPDATE participants SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

UPDATE contributions SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

UPDATE decisions SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

-- An agreed version can never change. The uuid is a column beside its
-- snapshot, not part of it, so the snapshot and its hash stay as agreed;
-- the trigger is lifted only inside this migration and put back exactly
-- as migration 0006 made it.
DROP TRIGGER plan_versions_locked_update;
UPDATE plan_versions SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE TRIGGER plan_versions_locked_update BEFORE UPDATE ON plan_versions
BEGIN
	SELECT RAISE(ABORT, 'locked: an agreed plan version can never change');
END;

UPDATE plan_copies SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
	substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

CREATE UNIQUE INDEX people_uuid ON people (uuid);
CREATE UNIQUE INDEX record_items_uuid ON record_items (uuid);
CREATE UNIQUE INDEX meetings_uuid ON meetings (uuid);
CREATE UNIQUE INDEX participants_uuid ON participants (uuid);
CREATE UNIQUE INDEX contributions_uuid ON contributions (uuid);
CREATE UNIQUE INDEX decisions_uuid ON decisions (uuid);
CREATE UNIQUE INDEX plan_versions_uuid ON plan_versions (uuid);
CREATE UNIQUE INDEX plan_copies_uuid ON plan_copies (uuid);
