-- Agreed plan versions: frozen snapshots with their hash and signatures.
CREATE TABLE plan_versions (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES people (id),
	number     INTEGER NOT NULL,
	agreed_at  TEXT NOT NULL,
	agreed_by  TEXT NOT NULL,
	agreed_role TEXT NOT NULL,
	snapshot   TEXT NOT NULL,      -- canonical JSON
	hash       TEXT NOT NULL,      -- SHA-256 of snapshot, hex
	check_code TEXT NOT NULL UNIQUE,
	signatures TEXT NOT NULL,      -- JSON list, bound to hash
	UNIQUE (person_id, number)
);

-- An agreed version can never change, whatever writes to the database.
CREATE TRIGGER plan_versions_locked_update BEFORE UPDATE ON plan_versions
BEGIN
	SELECT RAISE(ABORT, 'locked: an agreed plan version can never change');
END;
CREATE TRIGGER plan_versions_locked_delete BEFORE DELETE ON plan_versions
BEGIN
	SELECT RAISE(ABORT, 'locked: an agreed plan version can never change');
END;

-- Who has a copy of which version.
CREATE TABLE plan_copies (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES plan_versions (id),
	holder     TEXT NOT NULL,
	format     TEXT NOT NULL,
	given_on   TEXT NOT NULL
);
CREATE INDEX plan_copies_version ON plan_copies (version_id);
