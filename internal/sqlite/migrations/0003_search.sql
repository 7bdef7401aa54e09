-- Full-text search over people: names (as typed, and folded so that "lukas"
-- finds "Łukasiewicz"), NHS number, date of birth, and the About me words.
-- The rowid is the person's id.
CREATE VIRTUAL TABLE people_search USING fts5 (
	names, fold, nhs, dob, about,
	tokenize = "unicode61 remove_diacritics 2",
	prefix = '1 2 3'
);
