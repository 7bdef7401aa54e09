// Package backup writes and reads encrypted backups of a database file. A
// backup is a consistent copy of the database (made by a snapshot function
// the caller passes, such as SQLite's VACUUM INTO) encrypted with age
// (filippo.io/age), to a passphrase or to an organisation's public key, and
// written atomically. Restoring decrypts into a private folder beside the
// database, for the caller to verify, then swaps the files, keeping the old
// database beside the new one. The package knows nothing of what the
// database holds.
package backup

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"filippo.io/age"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/care"
)

// MinPassphrase is the fewest characters a backup passphrase may have.
const MinPassphrase = 12

// scryptWorkFactor is log2 of the scrypt cost for a passphrase (age's own
// default: about a second, 256 MB). Tests lower it.
var scryptWorkFactor = 18

// maxScryptWorkFactor is the most costly passphrase a backup may ask us to
// try (1 GB), so a crafted file cannot exhaust the laptop's memory.
const maxScryptWorkFactor = 20

// FieldPassphrase, FieldRecipient and FieldKeyFile name the inputs the
// errors below belong beside.
const (
	FieldPassphrase = "passphrase"
	FieldRecipient  = "recipient"
	FieldKeyFile    = "keyFile"
)

// Why a backup cannot be written or read; each says what to do.
var (
	// ErrWrongPassphrase is a passphrase that does not open the backup.
	ErrWrongPassphrase = care.FieldError(FieldPassphrase, "This backup cannot be opened with that passphrase. Check it and try again")
	// ErrNeedsKey is a passphrase given for a backup made for a key.
	ErrNeedsKey = care.FieldError(FieldPassphrase, "This backup was made with your organisation's backup key, not a passphrase. Choose its key file instead")
	// ErrNeedsPassphrase is a key given for a backup made with a passphrase.
	ErrNeedsPassphrase = care.FieldError(FieldKeyFile, "This backup was made with a passphrase, not a key. Enter its passphrase instead")
	// ErrWrongKey is a key file that does not open the backup.
	ErrWrongKey = care.FieldError(FieldKeyFile, "This backup was made for a different key. Choose the key file it was made for")
	// ErrNotABackup is a file that is not an age-encrypted backup.
	ErrNotABackup = care.Errorf(care.EINVALID, "This file is not a What Matters backup. Nothing has been changed. Choose the backup file (it ends .age)")
	// ErrDamagedBackup is a backup whose encrypted data fails its check (cut
	// short, or changed).
	ErrDamagedBackup = care.Errorf(care.EINVALID, "This backup file is damaged or incomplete, so it cannot be restored. Nothing has been changed. Try another copy of the backup")
	// ErrDiskFull is a disk with no room left to write.
	ErrDiskFull = care.Errorf(care.EINVALID, "There is not enough space on the disk. Free some space, or choose another drive, then try again")
)

// Passphrase returns the age recipient for a backup locked with a
// passphrase. Errors: invalid (too short).
func Passphrase(p string) (age.Recipient, error) {
	if utf8.RuneCountInString(p) < MinPassphrase {
		return nil, care.FieldError(FieldPassphrase, fmt.Sprintf("Enter a passphrase of at least %d characters", MinPassphrase))
	}
	r, err := age.NewScryptRecipient(p)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(scryptWorkFactor)
	return r, nil
}

// ParseRecipient reads an organisation's age public key ("age1…").
// Errors: invalid.
func ParseRecipient(s string) (age.Recipient, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, care.FieldError(FieldRecipient, "Enter your organisation's backup key")
	}
	if strings.HasPrefix(s, "AGE-SECRET-KEY-") {
		return nil, care.FieldError(FieldRecipient, "That is a secret key. Enter the public key, which starts age1, and keep the secret key safe")
	}
	rs, err := age.ParseRecipients(strings.NewReader(s))
	if err != nil || len(rs) != 1 {
		return nil, care.FieldError(FieldRecipient, "Enter the organisation's backup key as it was given to you. It starts age1")
	}
	return rs[0], nil
}

// PassphraseIdentity returns the age identity that opens a backup locked
// with a passphrase. Errors: invalid (empty).
func PassphraseIdentity(p string) (age.Identity, error) {
	if p == "" {
		return nil, care.FieldError(FieldPassphrase, "Enter the passphrase the backup was made with")
	}
	id, err := age.NewScryptIdentity(p)
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(maxScryptWorkFactor)
	return id, nil
}

// ReadIdentities reads an age identity (secret key) file, for restoring a
// backup made for an organisation's key. Errors: invalid.
func ReadIdentities(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, care.FieldError(FieldKeyFile, fmt.Sprintf("Cannot read the key file %s", path))
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, care.FieldError(FieldKeyFile, "This is not a backup key file. Choose the file holding the secret key (it starts AGE-SECRET-KEY-)")
	}
	return ids, nil
}

// FileName is the suggested name of a backup made at t, in local time.
func FileName(t time.Time) string {
	return "whatmatters-backup-" + t.Local().Format("2006-01-02-1504") + ".age"
}

// Write makes an encrypted backup at dst. snapshot writes a consistent
// plaintext copy of the database to the path it is given, in a private
// folder (0700) made in workDir, which should be on the database's own
// disk; the copy is opened and its name removed at once (on Windows, which
// cannot remove an open file, as soon as it is closed), encrypted to r as a
// stream, and written to dst atomically. Whatever happens, no plaintext
// copy is left behind. Errors: snapshot's, invalid (a full disk, a folder
// that cannot be written).
func Write(ctx context.Context, dst, workDir string, r age.Recipient, snapshot func(ctx context.Context, path string) error) error {
	tmp, err := os.MkdirTemp(workDir, ".whatmatters-backup-")
	if err != nil {
		return fileError(workDir, err)
	}
	defer os.RemoveAll(tmp)
	plain := filepath.Join(tmp, "copy.db")
	if err := snapshot(ctx, plain); err != nil {
		return err
	}
	f, err := os.Open(plain)
	if err != nil {
		return err
	}
	_ = os.Remove(plain) // fails on Windows while open; RemoveAll above then does it
	defer f.Close()
	err = atomicfile.Write(dst, func(w io.Writer) error {
		return Encrypt(w, f, r)
	})
	return fileError(filepath.Dir(dst), err)
}

// RemoveStale removes, from workDir, the private folders that Write and
// Decrypt make and that are older than age: a backup or restore cut off by
// a crash or a power cut leaves its plaintext copy there. Younger ones may
// belong to a backup still running in another process.
func RemoveStale(workDir string, age time.Duration) {
	ents, err := os.ReadDir(workDir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, ".whatmatters-backup-") && !strings.HasPrefix(name, ".whatmatters-restore-") {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > age {
			os.RemoveAll(filepath.Join(workDir, name))
		}
	}
}

// Encrypt encrypts src to r as it reads it, writing the age file to w.
func Encrypt(w io.Writer, src io.Reader, r age.Recipient) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc, err := age.Encrypt(bw, r)
	if err != nil {
		return err
	}
	if _, err := io.Copy(enc, src); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// Swap puts the file at newPath in place of the database at dbPath,
// keeping the old database, with its -wal and -shm if it has them, beside
// it as dbPath+".before-restore-20261201T1030" (the time at, local; a
// number is added if that name is taken). It returns the kept name, or ""
// if there was no database. newPath must be on the same disk. If the new
// file cannot be moved in, the old one is put back. The database must not
// be open.
func Swap(dbPath, newPath string, at time.Time) (kept string, err error) {
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		for _, side := range []string{"-wal", "-shm"} {
			os.Remove(dbPath + side) // a stray -wal must never meet the new file
		}
		if err := os.Rename(newPath, dbPath); err != nil {
			return "", fileError(filepath.Dir(dbPath), err)
		}
		atomicfile.SyncDir(filepath.Dir(dbPath))
		return "", nil
	}
	kept = dbPath + ".before-restore-" + at.Local().Format("20060102T1504")
	for n := 2; exists(kept) || exists(kept+"-wal"); n++ {
		kept = fmt.Sprintf("%s.before-restore-%s-%d", dbPath, at.Local().Format("20060102T1504"), n)
	}
	// The -wal and -shm go first: a database without them is whole only
	// after a checkpoint, but a -wal left beside the new file would be
	// replayed into it.
	var moved []string
	undo := func() {
		for i := len(moved) - 1; i >= 0; i-- {
			os.Rename(kept+moved[i], dbPath+moved[i])
		}
	}
	for _, side := range []string{"-wal", "-shm", ""} {
		if err := os.Rename(dbPath+side, kept+side); errors.Is(err, fs.ErrNotExist) && side != "" {
			continue
		} else if err != nil {
			undo()
			return "", fileError(filepath.Dir(dbPath), err)
		}
		moved = append(moved, side)
	}
	if err := os.Rename(newPath, dbPath); err != nil {
		undo()
		return "", fileError(filepath.Dir(dbPath), err)
	}
	atomicfile.SyncDir(filepath.Dir(dbPath))
	return kept, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Decrypt decrypts the backup at src with ids into a new file in a private
// folder made in workDir (which must be on the database's disk, so that
// the file can be renamed into place) and returns the file's path and a
// cleanup that removes the folder and anything left in it. Errors: invalid
// (ErrNotABackup, ErrWrongPassphrase and the like, ErrDamagedBackup, a full
// disk).
func Decrypt(src, workDir string, ids []age.Identity) (path string, cleanup func(), err error) {
	in, err := os.Open(src)
	if err != nil {
		return "", nil, care.Errorf(care.EINVALID, "Cannot read the backup file %s", src)
	}
	defer in.Close()
	plain, err := age.Decrypt(bufio.NewReaderSize(in, 64<<10), ids...)
	if err != nil {
		return "", nil, decryptError(err, ids)
	}
	tmp, err := os.MkdirTemp(workDir, ".whatmatters-restore-")
	if err != nil {
		return "", nil, fileError(workDir, err)
	}
	cleanup = func() { os.RemoveAll(tmp) }
	path = filepath.Join(tmp, "restored.db")
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		cleanup()
		return "", nil, fileError(workDir, err)
	}
	ow := &errWriter{w: out}
	_, copyErr := io.Copy(ow, plain)
	syncErr := out.Sync()
	closeErr := out.Close()
	switch {
	case ow.err != nil:
		cleanup()
		return "", nil, fileError(workDir, ow.err)
	case copyErr != nil:
		cleanup()
		return "", nil, ErrDamagedBackup // cut short, or changed: a chunk fails its check
	case syncErr != nil || closeErr != nil:
		cleanup()
		return "", nil, fileError(workDir, errors.Join(syncErr, closeErr))
	}
	return path, cleanup, nil
}

// errWriter remembers the first write error, so a failing disk is told
// apart from a backup that fails its check.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// decryptError explains why age could not open a backup.
func decryptError(err error, ids []age.Identity) error {
	var nomatch *age.NoIdentityMatchError
	if !errors.As(err, &nomatch) {
		if strings.HasPrefix(err.Error(), "failed to read header") {
			return ErrNotABackup
		}
		return ErrDamagedBackup // the header's MAC or the first chunk fails
	}
	passphraseGiven := false
	for _, id := range ids {
		if _, ok := id.(*age.ScryptIdentity); ok {
			passphraseGiven = true
		}
	}
	madeWithPassphrase := len(nomatch.StanzaTypes) == 1 && nomatch.StanzaTypes[0] == "scrypt"
	switch {
	case passphraseGiven && madeWithPassphrase:
		return ErrWrongPassphrase
	case passphraseGiven:
		return ErrNeedsKey
	case madeWithPassphrase:
		return ErrNeedsPassphrase
	default:
		return ErrWrongKey
	}
}

// fileError explains a failure to write in dir: a full disk, or a folder
// that cannot be written. Other errors are returned unchanged.
func fileError(dir string, err error) error {
	switch {
	case err == nil:
		return nil
	case isDiskFull(err):
		return ErrDiskFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return care.Errorf(care.EINVALID, "Cannot write to the folder %s. Choose another folder, or ask your IT team for permission to write to it", dir)
	case errors.Is(err, fs.ErrNotExist):
		return care.Errorf(care.EINVALID, "The folder %s does not exist. Choose another folder", dir)
	}
	return err
}
