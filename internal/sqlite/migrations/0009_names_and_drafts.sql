-- Search folds look-alike letters of other scripts (UTS #39 skeletons) and
-- drops hidden characters now. Emptying the index makes the store rebuild
-- every entry with the new folding when the database is next opened
-- (reindexMissing adds everyone not in it).
DELETE FROM people_search;

-- Adding a person looks for someone born the same day with a name that
-- reads the same.
CREATE INDEX IF NOT EXISTS people_date_of_birth ON people (date_of_birth);

-- What each coordinator is typing in meeting mode, one draft per author,
-- so that two people's drafts on one meeting never replace each other.
-- author is the name the app records changes with ('' for a draft saved
-- before drafts were kept per author). meetings.draft and
-- meetings.draft_speaker are no longer used.
CREATE TABLE IF NOT EXISTS meeting_drafts (
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	author     TEXT NOT NULL,
	text       TEXT NOT NULL,
	speaker    INTEGER,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (meeting_id, author)
) WITHOUT ROWID;

INSERT OR IGNORE INTO meeting_drafts (meeting_id, author, text, speaker, updated_at)
	SELECT id, '', draft, draft_speaker, updated_at FROM meetings WHERE draft != '' AND ended_at IS NULL;
