-- Care-planning meetings: who takes part, the agenda with its timers, what
-- was said and by whom, and shared decisions.
CREATE TABLE meetings (
	id                   INTEGER PRIMARY KEY,
	person_id            INTEGER NOT NULL REFERENCES people (id),
	date                 TEXT NOT NULL,            -- YYYY-MM-DD
	time                 TEXT NOT NULL,            -- HH:MM
	place                TEXT NOT NULL,
	remote               INTEGER NOT NULL DEFAULT 0,
	purpose              TEXT NOT NULL,
	person_absent_reason TEXT NOT NULL DEFAULT '',
	started_at           TEXT,
	ended_at             TEXT,
	summary              TEXT NOT NULL DEFAULT '',
	current_item         INTEGER,
	draft                TEXT NOT NULL DEFAULT '',
	draft_speaker        INTEGER,
	version              INTEGER NOT NULL DEFAULT 1,
	created_at           TEXT NOT NULL,
	updated_at           TEXT NOT NULL
);
CREATE INDEX meetings_date ON meetings (date, time);
CREATE INDEX meetings_person ON meetings (person_id, date);

CREATE TABLE participants (
	id          INTEGER PRIMARY KEY,
	meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
	name        TEXT NOT NULL,
	role        TEXT NOT NULL DEFAULT '',
	kind        TEXT NOT NULL,
	source_item INTEGER,
	attendance  TEXT NOT NULL,
	removed_at  TEXT
);
CREATE INDEX participants_meeting ON participants (meeting_id);

CREATE TABLE agenda_items (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	position   INTEGER NOT NULL,
	title      TEXT NOT NULL,
	started_at TEXT,
	seconds    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

CREATE TABLE contributions (
	id             INTEGER PRIMARY KEY,
	meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
	agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id),
	participant_id INTEGER NOT NULL REFERENCES participants (id),
	text           TEXT NOT NULL,
	persons_words  INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL,
	created_by     TEXT NOT NULL
);
CREATE INDEX contributions_meeting ON contributions (meeting_id, id);

CREATE TABLE decisions (
	id             INTEGER PRIMARY KEY,
	meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
	agenda_item_id INTEGER,
	decision       TEXT NOT NULL,
	options        TEXT NOT NULL,                  -- JSON list of {Option, Benefits, Risks}
	what_matters   TEXT NOT NULL DEFAULT '',
	who_took_part  TEXT NOT NULL DEFAULT '',
	reservations   TEXT NOT NULL DEFAULT '',
	version        INTEGER NOT NULL DEFAULT 1,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX decisions_meeting ON decisions (meeting_id);
