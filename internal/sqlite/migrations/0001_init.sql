-- People whose care is planned. Their record is told once.
CREATE TABLE people (
	id             INTEGER PRIMARY KEY,
	given_name     TEXT NOT NULL,
	family_name    TEXT NOT NULL,
	preferred_name TEXT NOT NULL DEFAULT '',
	pronouns       TEXT NOT NULL DEFAULT '',
	date_of_birth  TEXT NOT NULL,               -- YYYY-MM-DD
	nhs_number     TEXT,                        -- 10 digits, NULL if not known
	name_fold      TEXT NOT NULL,               -- folded names, for search
	version        INTEGER NOT NULL DEFAULT 1,
	created_at     TEXT NOT NULL,               -- RFC 3339 UTC
	updated_at     TEXT NOT NULL
);

CREATE UNIQUE INDEX people_nhs_number ON people (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX people_name ON people (family_name COLLATE NOCASE, given_name COLLATE NOCASE);
