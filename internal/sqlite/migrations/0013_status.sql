-- Discharge, death and archive; meetings cancelled; the example people
-- marked.
--
-- person_status holds one row for each person no longer supported: why
-- (discharged, died, archived), from when, and the reason given. Support
-- again removes the row; history keeps both changes. A person with a row
-- leaves search (unless asked for) and the dashboard.
CREATE TABLE person_status (
	person_id   INTEGER PRIMARY KEY REFERENCES people (id),
	kind        TEXT NOT NULL,              -- discharged, died, archived
	date        TEXT NOT NULL,              -- YYYY-MM-DD
	reason      TEXT NOT NULL DEFAULT '',
	recorded_at TEXT NOT NULL,
	recorded_by TEXT NOT NULL
) WITHOUT ROWID;

-- A meeting cancelled before it started, and why.
ALTER TABLE meetings ADD COLUMN cancelled_at TEXT;
ALTER TABLE meetings ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';

-- The people the example loader added, who can be removed entirely. Those
-- loaded before this marker existed are found by who added them.
CREATE TABLE example_people (
	person_id INTEGER PRIMARY KEY REFERENCES people (id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO example_people (person_id)
	SELECT DISTINCT person_id FROM history WHERE action = 'create' AND section = 'person'
		AND actor_role = 'Example' AND actor_name = 'What Matters example data';
