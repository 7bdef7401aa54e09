-- People whose records were opened recently, for the home screen.
CREATE TABLE recent_people (
	person_id INTEGER PRIMARY KEY REFERENCES people (id),
	opened_at TEXT NOT NULL
) WITHOUT ROWID;
