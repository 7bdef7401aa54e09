-- The rest of a person's record, and the history of every change to it.

-- One value per field of a non-list section (About me, legal, print format).
CREATE TABLE record_fields (
	person_id  INTEGER NOT NULL REFERENCES people (id),
	section    TEXT NOT NULL,
	key        TEXT NOT NULL,
	value      TEXT NOT NULL,
	version    INTEGER NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	PRIMARY KEY (person_id, section, key)
) WITHOUT ROWID;

-- Entries of list sections (contacts, care team, strengths, ...). The values
-- are a JSON object checked against the schema in internal/care.
CREATE TABLE record_items (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people (id),
	section    TEXT NOT NULL,
	data       TEXT NOT NULL,
	version    INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX record_items_person ON record_items (person_id, section, id);

-- Every change: who, when, which field, before and after. Never updated.
CREATE TABLE history (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people (id),
	at         TEXT NOT NULL,
	actor_name TEXT NOT NULL,
	actor_role TEXT NOT NULL,
	action     TEXT NOT NULL,
	section    TEXT NOT NULL,
	item_id    INTEGER,
	field      TEXT NOT NULL,
	before     TEXT NOT NULL,
	after      TEXT NOT NULL
);
CREATE INDEX history_person ON history (person_id, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
	SELECT RAISE(ABORT, 'history rows are never changed');
END;

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
