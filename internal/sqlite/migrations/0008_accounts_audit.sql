-- Named accounts, secrets sealed with the data key their slots open, and
-- the audit log. History and audit rows are hash-chained: each row keeps
-- the SHA-256 of the row before it and its own.
CREATE TABLE accounts (
	id              INTEGER PRIMARY KEY,
	name            TEXT NOT NULL,
	name_key        TEXT NOT NULL UNIQUE,  -- lower case, for signing in
	role            TEXT NOT NULL,
	key_slot        TEXT NOT NULL,         -- the data key wrapped by the passphrase (Argon2id costs inside)
	recovery_slot   TEXT NOT NULL,         -- the data key wrapped by the recovery code
	created_at      TEXT NOT NULL,
	created_by      INTEGER REFERENCES accounts (id),
	failures        INTEGER NOT NULL DEFAULT 0,
	last_failure_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE secrets (
	name   TEXT PRIMARY KEY,
	sealed TEXT NOT NULL   -- XChaCha20-Poly1305 with the data key, the name as associated data
);

CREATE TABLE audit (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	at           TEXT NOT NULL,
	account_id   INTEGER REFERENCES accounts (id),
	account_name TEXT NOT NULL,
	action       TEXT NOT NULL,
	person_id    INTEGER,
	detail       TEXT NOT NULL,
	prev_hash    TEXT NOT NULL,
	hash         TEXT NOT NULL
);
CREATE INDEX audit_person ON audit (person_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are never removed');
END;

ALTER TABLE history ADD COLUMN account_id INTEGER REFERENCES accounts (id);
ALTER TABLE history ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN hash TEXT NOT NULL DEFAULT '';

CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
	SELECT RAISE(ABORT, 'history rows are never removed');
END;
