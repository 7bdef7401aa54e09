-- Every certificate this installation has signed plans with, so a plan
-- signed before the organisation imported a new certificate still checks
-- as genuine. Rows are never changed or removed.
CREATE TABLE signing_certificates (
	fingerprint TEXT PRIMARY KEY,   -- SHA-256 of der, hex
	der         BLOB NOT NULL,
	not_before  TEXT NOT NULL,
	not_after   TEXT NOT NULL,
	added_at    TEXT NOT NULL
);

CREATE TRIGGER signing_certificates_kept_update BEFORE UPDATE ON signing_certificates
BEGIN
	SELECT RAISE(ABORT, 'locked: a signing certificate is kept for ever');
END;
CREATE TRIGGER signing_certificates_kept_delete BEFORE DELETE ON signing_certificates
BEGIN
	SELECT RAISE(ABORT, 'locked: a signing certificate is kept for ever');
END;

CREATE INDEX plan_versions_hash ON plan_versions (hash);
