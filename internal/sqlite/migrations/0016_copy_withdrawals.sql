-- A copy recorded by mistake is withdrawn, with a reason: a new row here,
-- so the copy itself, and the agreed version it is of, never change.
CREATE TABLE IF NOT EXISTS plan_copy_withdrawals (
	id           INTEGER PRIMARY KEY,
	uuid         TEXT NOT NULL,
	copy_id      INTEGER NOT NULL UNIQUE REFERENCES plan_copies (id),
	reason       TEXT NOT NULL,
	withdrawn_at TEXT NOT NULL,
	withdrawn_by TEXT NOT NULL,
	withdrawn_role TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS plan_copy_withdrawals_uuid ON plan_copy_withdrawals (uuid);
CREATE TRIGGER IF NOT EXISTS plan_copy_withdrawals_uuid_insert BEFORE INSERT ON plan_copy_withdrawals WHEN NEW.uuid IS NULL OR length(NEW.uuid) != 36
BEGIN
	SELECT RAISE(ABORT, 'uuid: every plan_copy_withdrawals row has a UUID');
END;
-- Kept as history: a withdrawal is never changed. (Deleting is left to the
-- deletion of a whole record after its retention period.)
CREATE TRIGGER IF NOT EXISTS plan_copy_withdrawals_locked_update BEFORE UPDATE ON plan_copy_withdrawals
BEGIN
	SELECT RAISE(ABORT, 'locked: a withdrawal of a copy is kept as it was recorded');
END;
