package dto

// BackupStatusDTO is what the home screen and the Back up screen show.
type BackupStatusDTO struct {
	// LastAt is when the last backup was written (RFC 3339), "" if never.
	LastAt string `json:"lastAt"`
	// LastFile is where it was written.
	LastFile string `json:"lastFile"`
	// Due is true when there has never been a backup or the last is more
	// than 7 days old.
	Due bool `json:"due"`
	// Recipient is the organisation's backup key used last, if any.
	Recipient string `json:"recipient"`
	// Damaged, when not "", is why the database opened read-only.
	Damaged string `json:"damaged"`
	// CanRestore is false when another app has the database.
	CanRestore bool `json:"canRestore"`
}

// BackupInput is how the coordinator wants the backup locked: method
// "passphrase" (Passphrase typed twice) or "key" (the organisation's age
// public key in Recipient).
type BackupInput struct {
	Method     string `json:"method"`
	Passphrase string `json:"passphrase"`
	Confirm    string `json:"confirm"`
	Recipient  string `json:"recipient"`
}

// BackupResultDTO is a backup written: where, and when (RFC 3339). An
// empty Path means the coordinator cancelled the dialog.
type BackupResultDTO struct {
	Path string `json:"path"`
	At   string `json:"at"`
}

// RestoreInput is how the backup to restore is opened: method
// "passphrase" (with Passphrase) or "key" (a key file, chosen next).
type RestoreInput struct {
	Method     string `json:"method"`
	Passphrase string `json:"passphrase"`
}

// RestoreResultDTO is a backup restored: the file, and where the database
// as it was is kept. An empty File means the coordinator cancelled.
type RestoreResultDTO struct {
	File string `json:"file"`
	Kept string `json:"kept"`
}
