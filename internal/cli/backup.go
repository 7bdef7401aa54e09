package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"
	"golang.org/x/term"

	"whatmatters/internal/backup"
	"whatmatters/internal/care"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/storebackup"
)

// passphraseEnv names the variable that gives the backup passphrase to
// the backup and restore commands, for scripts; otherwise it is typed.
const passphraseEnv = "WHATMATTERS_BACKUP_PASSPHRASE"

// stdinFd is the terminal the passphrase is typed at; tests replace it.
var stdinFd = int(os.Stdin.Fd())

// backupCmd is "whatmatters backup [-db PATH] -o FILE [-recipient AGE_KEY]":
// an encrypted backup of the database, made while the app may be running
// on it. It is locked with a passphrase ($WHATMATTERS_BACKUP_PASSPHRASE,
// or typed twice at the terminal) or, with -recipient, to the
// organisation's age public key.
func backupCmd(args []string, out io.Writer) error {
	c := newCommand("backup", out, noStore, dbHelp)
	file := c.fs.String("o", "", "the backup file to write (such as whatmatters-backup.age)")
	recipient := c.fs.String("recipient", "", "your organisation's age public key (age1…), instead of a passphrase")
	check := requires("Give -o FILE, the backup file to write", func() bool { return *file == "" || c.fs.NArg() > 0 })
	return c.run(args, out, check, func(e *env) error { return backUp(e.path, *file, *recipient, out) })
}

// backUp writes the backup of the database at dbPath to file.
func backUp(dbPath, file, recipient string, out io.Writer) (err error) {
	var r age.Recipient
	if recipient != "" {
		r, err = backup.ParseRecipient(recipient)
	} else {
		var p string
		if p, err = readPassphrase(true); err == nil {
			r, err = backup.Passphrase(p)
		}
	}
	if err != nil {
		return err
	}
	dst, _ := filepath.Abs(file)
	now := time.Now()
	err = storebackup.BackUpFile(context.Background(), dbPath, dst, r, now)
	var unrecorded storebackup.ErrNotRecorded
	if errors.As(err, &unrecorded) {
		fmt.Fprintf(out, "Backed up %s to %s\n", dbPath, dst)
		fmt.Fprintf(out, "The backup is good, but its time could not be recorded in the database, so the app may still remind you to back up. %s\n", care.ErrorMessage(sqlite.CareError(unrecorded.Err)))
		return nil
	} else if err != nil {
		return err
	}
	fmt.Fprintf(out, "Backed up %s to %s\n", dbPath, dst)
	return nil
}

// restoreCmd is "whatmatters restore -i FILE [-db PATH] [-identity KEYFILE]":
// the backup, decrypted and checked, put in place of the database, which
// is kept beside it. No process may have the database open.
func restoreCmd(args []string, out io.Writer) error {
	c := newCommand("restore", out, noStore, "database file to restore into (default: $WHATMATTERS_DB, else your user data folder)")
	file := c.fs.String("i", "", "the backup file to restore")
	identity := c.fs.String("identity", "", "the organisation's age key file, for a backup made with -recipient")
	check := requires("Give -i FILE, the backup file to restore", func() bool { return *file == "" || c.fs.NArg() > 0 })
	return c.run(args, out, check, func(e *env) error { return restore(*file, e.path, *identity, out) })
}

// restore puts the backup file in place of the database at dbPath.
func restore(file, dbPath, identity string, out io.Writer) (err error) {
	var ids []age.Identity
	if identity != "" {
		ids, err = backup.ReadIdentities(identity)
	} else {
		var p string
		var id age.Identity
		if p, err = readPassphrase(false); err == nil {
			id, err = backup.PassphraseIdentity(p)
			ids = []age.Identity{id}
		}
	}
	if err != nil {
		return err
	}
	kept, err := storebackup.RestoreFile(context.Background(), file, dbPath, ids, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Restored %s to %s\n", file, dbPath)
	if kept != "" {
		fmt.Fprintf(out, "The database as it was is kept at %s\n", kept)
	}
	return nil
}

// readPassphrase returns $WHATMATTERS_BACKUP_PASSPHRASE, or asks for the
// passphrase at the terminal without showing it (twice, to confirm, for a
// new backup). With neither it refuses, rather than wait for ever.
func readPassphrase(confirm bool) (string, error) {
	if p := os.Getenv(passphraseEnv); p != "" {
		return p, nil
	}
	if !term.IsTerminal(stdinFd) {
		return "", care.Errorf(care.EINVALID, "Type the backup passphrase in a terminal, or set %s. Or use -recipient (to back up) or -identity (to restore) with your organisation's backup key", passphraseEnv)
	}
	ask := func(prompt string) (string, error) {
		fmt.Fprint(os.Stderr, prompt)
		b, err := term.ReadPassword(stdinFd)
		fmt.Fprintln(os.Stderr)
		return string(b), err
	}
	p, err := ask("Backup passphrase: ")
	if err != nil {
		return "", err
	}
	if confirm {
		if _, err := backup.Passphrase(p); err != nil {
			return "", err
		}
		again, err := ask("Type it again: ")
		if err != nil {
			return "", err
		}
		if again != p {
			return "", care.Errorf(care.EINVALID, "The passphrases do not match. Nothing has been written")
		}
	}
	return p, nil
}
