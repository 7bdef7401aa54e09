package main

import (
	"log/slog"
	"strings"
	"time"

	"filippo.io/age"

	"whatmatters/internal/backup"
	"whatmatters/internal/care"
)

// The Back up and Restore screens. The webview never names a file: the
// paths come from the system's file dialogs (see dialogs.go).

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

// BackupStatus says when the last backup was made, whether another is
// due, and whether the database opened damaged. It only reads.
func (a *App) BackupStatus() (out BackupStatusDTO) {
	defer recoverBinding(nil)
	if a.backups == nil {
		return BackupStatusDTO{}
	}
	if a.problem != nil {
		return BackupStatusDTO{CanRestore: a.backups.locked}
	}
	last := a.backups.last(a.ctx)
	out = BackupStatusDTO{LastFile: last.File, Recipient: last.Recipient, Due: care.BackupDue(last.At, time.Now()),
		CanRestore: a.backups.locked}
	if !last.At.IsZero() {
		out.LastAt = last.At.UTC().Format(time.RFC3339)
	}
	if err := a.backups.db.Damaged(); err != nil {
		out.Damaged = care.ErrorMessage(err)
	}
	return out
}

// BackUpNow checks how the backup is to be locked, asks where to save it,
// and writes it: a consistent, encrypted copy while the app goes on
// working. Errors: invalid (with field: passphrase, confirm, recipient,
// method; or a full disk, a folder that cannot be written).
func (a *App) BackUpNow(in BackupInput) (_ BackupResultDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return BackupResultDTO{}, err
	}
	var r age.Recipient
	recipient := ""
	switch in.Method {
	case "passphrase":
		if r, err = backup.Passphrase(in.Passphrase); err != nil {
			return BackupResultDTO{}, err
		}
		if in.Confirm != in.Passphrase {
			return BackupResultDTO{}, care.FieldError("confirm", "The passphrases do not match. Type the same passphrase in both boxes")
		}
	case "key":
		recipient = strings.TrimSpace(in.Recipient)
		if r, err = backup.ParseRecipient(recipient); err != nil {
			return BackupResultDTO{}, err
		}
	default:
		return BackupResultDTO{}, care.FieldError("method", "Choose how to lock the backup")
	}
	now := time.Now()
	path, err := chooseSaveFile(a.ctx, "Save the backup", backup.FileName(now), "*.age")
	if err != nil || path == "" {
		return BackupResultDTO{}, err
	}
	at, err := a.backups.write(a.ctx, path, r, recipient)
	if err != nil {
		return BackupResultDTO{}, err
	}
	a.record(care.AuditBackup, 0, in.Method)
	return BackupResultDTO{Path: path, At: at.Format(time.RFC3339)}, nil
}

// RestoreBackup asks for a backup file (and, for method "key", the key
// file), decrypts and checks it, and only then puts it in place of the
// database, keeping the old one beside it. It works when the database is
// damaged or could not be opened too. Errors: invalid (with field:
// passphrase, keyFile; or why the backup cannot be restored), conflict
// (another app has the database; it is in use).
func (a *App) RestoreBackup(in RestoreInput) (_ RestoreResultDTO, err error) {
	defer recoverBinding(&err)
	if a.backups == nil {
		return RestoreResultDTO{}, errAlreadyOpen
	}
	// Replacing every record needs a signed-in account, unless the
	// database cannot be used at all (it did not open, or is damaged and
	// read-only, so no one can sign in).
	if a.problem == nil && a.backups.db.Damaged() == nil {
		if err := a.ready(); err != nil {
			return RestoreResultDTO{}, err
		}
	}
	var ids []age.Identity
	switch in.Method {
	case "passphrase":
		id, err := backup.PassphraseIdentity(in.Passphrase)
		if err != nil {
			return RestoreResultDTO{}, err
		}
		ids = []age.Identity{id}
	case "key":
	default:
		return RestoreResultDTO{}, care.FieldError("method", "Choose how the backup was locked")
	}
	file, err := chooseOpenFile(a.ctx, "Choose the backup to restore", "*.age", "restore.age")
	if err != nil || file == "" {
		return RestoreResultDTO{}, err
	}
	if in.Method == "key" {
		keyFile, err := chooseOpenFile(a.ctx, "Choose your organisation's backup key file", "*.txt;*.key;*", "backup-key.txt")
		if err != nil || keyFile == "" {
			return RestoreResultDTO{}, err
		}
		if ids, err = backup.ReadIdentities(keyFile); err != nil {
			return RestoreResultDTO{}, err
		}
	}
	kept, err := a.backups.restore(a.ctx, file, ids)
	if err != nil {
		return RestoreResultDTO{}, err
	}
	// The store opened, if it had not. Only a store that could not open has
	// a problem to clear; its screens call nothing else meanwhile.
	if a.problem != nil {
		a.problem = nil
	}
	// The restored database has its own accounts and data key: whoever
	// restored it signs in again. Its audit log says who restored it.
	by := "(no one was signed in)"
	a.mu.Lock()
	if a.sess != nil {
		by = a.sess.account.Name + " (signed in before the restore)"
		a.sess.close()
	}
	a.sess, a.locked = nil, false
	a.mu.Unlock()
	if err := a.audit.Audit(a.ctx, &care.AuditEvent{Actor: care.Actor{Name: by}, Action: care.AuditRestore, Detail: "the old database kept as " + kept}); err != nil {
		slog.Error("audit not written", "action", care.AuditRestore, "err", err)
	}
	go a.checkIntegrity(a.ctx)
	return RestoreResultDTO{File: file, Kept: kept}, nil
}
