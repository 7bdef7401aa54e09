package main

import (
	"time"

	"whatmatters/internal/backup"
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/dto"
	"whatmatters/internal/storebackup"
)

// The Back up and Restore screens. The webview never names a file: the
// paths come from the system's file dialogs (see dialogs.go).

// BackupStatus says when the last backup was made, whether another is
// due, and whether the database opened damaged. It only reads.
func (a *App) BackupStatus() (out dto.BackupStatusDTO) {
	defer binding.Recover("BackupStatus", nil)
	binding.Wait()
	if a.backups == nil || a.problem != nil {
		return dto.BackupStatusDTO{CanRestore: a.backups != nil && a.backups.Locked}
	}
	last := a.backups.Last(a.ctx)
	out = dto.BackupStatusDTO{LastFile: last.File, Recipient: last.Recipient, Due: care.BackupDue(last.At, time.Now()),
		CanRestore: a.backups.Locked, LastAt: dto.Time(last.At), Damaged: care.ErrorMessage(a.backups.DB.Damaged())}
	return out
}

// BackUpNow checks how the backup is to be locked, asks where to save it,
// and writes it: a consistent, encrypted copy while the app goes on
// working. Errors: invalid (with field: passphrase, confirm, recipient,
// method; or a full disk, a folder that cannot be written).
func (a *App) BackUpNow(in dto.BackupInput) (dto.BackupResultDTO, error) {
	return bind("BackUpNow", a.ready, func() (dto.BackupResultDTO, error) {
		r, recipient, err := storebackup.Recipient(in.Method, in.Passphrase, in.Confirm, in.Recipient)
		if err != nil {
			return dto.BackupResultDTO{}, err
		}
		path, err := chooseSaveFile(a.ctx, "Save the backup", backup.FileName(time.Now()), "*.age")
		if err != nil || path == "" {
			return dto.BackupResultDTO{}, err
		}
		at, err := a.backups.Write(a.ctx, path, r, recipient)
		if err != nil {
			return dto.BackupResultDTO{}, err
		}
		a.record(care.AuditBackup, 0, in.Method)
		return dto.BackupResultDTO{Path: path, At: at.Format(time.RFC3339)}, nil
	})
}

// restoreGuard: replacing every record needs a signed-in account, unless
// the database cannot be used at all (it did not open, or is damaged and
// read-only, so no one can sign in).
func (a *App) restoreGuard() error {
	switch {
	case a.backups == nil:
		return database.ErrAlreadyOpen
	case a.problem == nil && a.backups.DB.Damaged() == nil:
		return a.ready()
	}
	return nil
}

// RestoreBackup asks for a backup file (and, for method "key", the key
// file), decrypts and checks it, and only then puts it in place of the
// database, keeping the old one beside it. It works when the database is
// damaged or could not be opened too. Errors: invalid (with field:
// passphrase, keyFile; or why the backup cannot be restored), conflict
// (another app has the database; it is in use).
func (a *App) RestoreBackup(in dto.RestoreInput) (dto.RestoreResultDTO, error) {
	return bind("RestoreBackup", a.restoreGuard, func() (dto.RestoreResultDTO, error) {
		ids, err := storebackup.Identities(in.Method, in.Passphrase)
		if err != nil {
			return dto.RestoreResultDTO{}, err
		}
		file, err := chooseOpenFile(a.ctx, "Choose the backup to restore", "*.age", "restore.age")
		if err != nil || file == "" {
			return dto.RestoreResultDTO{}, err
		}
		if in.Method == "key" {
			keyFile, err := chooseOpenFile(a.ctx, "Choose your organisation's backup key file", "*.txt;*.key;*", "backup-key.txt")
			if err != nil || keyFile == "" {
				return dto.RestoreResultDTO{}, err
			}
			if ids, err = backup.ReadIdentities(keyFile); err != nil {
				return dto.RestoreResultDTO{}, err
			}
		}
		kept, err := a.backups.Restore(a.ctx, file, ids)
		if err != nil {
			return dto.RestoreResultDTO{}, err
		}
		// The store opened, if it had not. Only a store that could not open
		// has a problem to clear; its screens call nothing else meanwhile.
		if a.problem != nil {
			a.problem = nil
		}
		// The restored database has its own accounts and data key: whoever
		// restored it signs in again. Its audit log says who restored it.
		by := "(no one was signed in)"
		if was := a.user.End(); was != nil {
			by = was.Name + " (signed in before the restore)"
		}
		a.audit(care.Actor{Name: by}, care.AuditRestore, 0, "the old database kept as "+kept)
		go a.checkIntegrity(a.ctx)
		return dto.RestoreResultDTO{File: file, Kept: kept}, nil
	})
}
