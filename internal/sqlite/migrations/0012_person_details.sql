-- The person's own details beyond their name (PRSB "Person"): address and
-- postcode, phone, email, how they prefer to be contacted, GP practice,
-- who they live with, how to get in, and how they describe themselves.
-- One row per person, kept beside people so that the person's row and its
-- other columns are untouched; the row is part of the person and travels
-- with the person's UUID, so it has none of its own. Every value is text,
-- '' when not recorded. Changes are kept in history like the person's
-- other details (section 'person'). IF EXISTS and IF NOT EXISTS let the
-- migration run again on a file rolled back to an older version (as the
-- store's tests do).
CREATE TABLE IF NOT EXISTS person_details (
	person_id         INTEGER PRIMARY KEY REFERENCES people (id),
	address           TEXT NOT NULL DEFAULT '',
	postcode          TEXT NOT NULL DEFAULT '', -- as written: SW1A 1AA
	phone             TEXT NOT NULL DEFAULT '',
	email             TEXT NOT NULL DEFAULT '',
	preferred_contact TEXT NOT NULL DEFAULT '',
	gp_name           TEXT NOT NULL DEFAULT '',
	gp_address        TEXT NOT NULL DEFAULT '',
	gp_phone          TEXT NOT NULL DEFAULT '',
	gp_ods_code       TEXT NOT NULL DEFAULT '',
	lives_alone       TEXT NOT NULL DEFAULT '',
	lives_with        TEXT NOT NULL DEFAULT '',
	access_notes      TEXT NOT NULL DEFAULT '',
	gender            TEXT NOT NULL DEFAULT '',
	ethnicity         TEXT NOT NULL DEFAULT '',
	religion          TEXT NOT NULL DEFAULT ''
);

-- Search finds a person by postcode (with or without its space) and by
-- phone number (ignoring spaces). An FTS5 table cannot gain columns, so the
-- index is made again with two more; the store fills it for everyone when
-- the database is next opened (reindexMissing adds everyone not in it).
DROP TABLE IF EXISTS people_search;
CREATE VIRTUAL TABLE people_search USING fts5 (
	names, fold, nhs, dob, about, postcode, phone,
	tokenize = "unicode61 remove_diacritics 2",
	prefix = '1 2 3'
);
