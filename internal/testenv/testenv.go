// Package testenv is what the tests of the app and the commands share: the
// test account, small Argon2id costs, databases seeded with the example
// people, and a second process that holds a database as a running app
// does. Only tests import it.
package testenv

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"filippo.io/age"

	"whatmatters/internal/accounts"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/demo"
	"whatmatters/internal/sqlite"
	"whatmatters/internal/vault"
)

// The commands sign in as this account; seeding makes it.
const (
	User       = "Sam Okafor"
	Passphrase = "correct horse battery staple"
)

// Main is TestMain's body: it stands in for a second app when asked to
// (see Holder), makes Argon2id cheap (slots record their costs, so this
// changes nothing else; its real cost is measured by internal/vault's
// benchmark), signs the commands in as User, and runs the tests.
func Main(m *testing.M) int {
	holdIfAsked()
	vault.DefaultParams = vault.Params{Time: 1, MemoryKiB: 8 * 1024, Threads: 1}
	os.Setenv("WHATMATTERS_USER", User)
	os.Setenv("WHATMATTERS_PASSPHRASE", Passphrase)
	code := m.Run()
	if seeded.dir != "" {
		os.RemoveAll(seeded.dir)
	}
	return code
}

// holdIfAsked lets the test binary stand in for a second app: with
// WHATMATTERS_TEST_HOLD set it takes that database's lock, says so, and
// holds it until its standard input closes.
func holdIfAsked() {
	if path := os.Getenv("WHATMATTERS_TEST_HOLD"); path != "" {
		if err := database.Hold(path); err != nil {
			os.Stdout.WriteString("refused: " + care.ErrorMessage(err) + "\n")
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}
}

// Holder starts another process that holds the database's lock, as a
// running app does, until the test ends. The test binary's TestMain must
// call Main.
func Holder(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "WHATMATTERS_TEST_HOLD="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "held\n" {
		t.Fatalf("the other process said %q", line)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
}

// Seed adds the example people to the database at path, as "whatmatters
// seed-demo" does, making the account User if there is none.
func Seed(path string) error {
	db, err := database.OpenForWriting(path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, s := context.Background(), database.NewServices(db)
	sess, err := signIn(ctx, s)
	if err != nil {
		return err
	}
	defer sess.Close()
	seal, err := s.Plans(func() []byte { return sess.Key }).Sealer(ctx)
	if err != nil {
		return err
	}
	_, err = demo.Seed(care.WithActor(ctx, sess.Actor()), demo.Services{People: s.People, Records: s.Records, Versions: s.Versions, Seal: seal}, time.Now())
	return err
}

func signIn(ctx context.Context, s database.Services) (*accounts.Session, error) {
	if n, err := s.Accounts.CountAccounts(ctx); err != nil || n > 0 {
		return s.SignIn().SignIn(ctx, User, Passphrase, false)
	}
	sess, _, err := s.SignIn().SetUp(ctx, &care.Account{Name: User, Role: "Care coordinator"}, Passphrase, Passphrase)
	return sess, err
}

// SignIn signs User in on s for the rest of the test.
func SignIn(t testing.TB, s database.Services) *accounts.Session {
	t.Helper()
	sess, err := signIn(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	return sess
}

// seeded is one seeded database, copied for each test that needs one
// (closed, so the copy is whole).
var seeded struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// SeededCopy returns a new database file holding the example people.
func SeededCopy(t testing.TB) string {
	t.Helper()
	seeded.once.Do(func() {
		seeded.dir, seeded.err = os.MkdirTemp("", "whatmatters-seeded-")
		if seeded.err == nil {
			seeded.path = filepath.Join(seeded.dir, "seeded.db")
			seeded.err = Seed(seeded.path)
		}
	})
	if seeded.err != nil {
		t.Fatal(seeded.err)
	}
	data, err := os.ReadFile(seeded.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data", "whatmatters.db")
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// SeededWithPlan opens a database of its own with the example people, who
// come with agreed plans (Gosia with two versions and a review draft).
func SeededWithPlan(t testing.TB) (string, database.Services) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plans.db")
	if err := Seed(path); err != nil {
		t.Fatal(err)
	}
	return path, database.NewServices(OpenDB(t, path))
}

// ExampleNames are the example people's names and NHS numbers: none may be
// readable in a backup. Each is at least 5 bytes, so random ciphertext does
// not hold one by chance (a 3-byte "王" turned up in about one backup in 30).
var ExampleNames = []string{"Gosia", "Wiśniewska", "Siân", "Llywelyn", "Siddiqui", "عائشہ", "Xiuying", "秀英", "Derek",
	"999 000 049", "9990000", "pierogi"}

// OrgKey makes an organisation key pair: the public key, and the secret
// key in a file.
func OrgKey(t testing.TB) (string, string) {
	t.Helper()
	k, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "org-backup-key.txt")
	os.WriteFile(file, []byte(k.String()+"\n"), 0o600)
	return k.Recipient().String(), file
}

// FileHash is the SHA-256 of the file.
func FileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// OpenDB opens the store at path until the test ends.
func OpenDB(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Count is how many rows the table of the database at path has.
func Count(t testing.TB, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Leftovers lists what a backup or restore left in the database's folder
// besides the database's own files.
func Leftovers(t testing.TB, dir string) []string {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, ".whatmatters-") || strings.HasSuffix(n, ".tmp") {
			out = append(out, n)
		}
	}
	return out
}

// Contributing keeps adding contributions to a meeting, as a coordinator
// taking notes does, until stopped; it returns how many were added.
func Contributing(t testing.TB, db *sqlite.DB) (stop func() int64) {
	t.Helper()
	ctx := care.WithActor(context.Background(), care.Actor{Name: "Sam Okafor", Role: "Care coordinator"})
	meetings := sqlite.NewMeetingService(db)
	m := &care.Meeting{PersonID: 2, Date: "2026-12-01", Time: "10:00", Place: "Riverside clinic", Purpose: "review"}
	if err := meetings.CreateMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := meetings.StartMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := meetings.FindMeetingByID(ctx, m.ID)
	var done atomic.Bool
	var n atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !done.Load() {
			c := &care.Contribution{MeetingID: m.ID, ParticipantID: got.Participants[0].ID, Text: "Siân wants to walk to the chapel again", PersonsWords: true}
			if err := meetings.AddContribution(ctx, c); err != nil {
				t.Errorf("adding a contribution: %v", err)
				return
			}
			n.Add(1)
			time.Sleep(2 * time.Millisecond)
		}
	}()
	return func() int64 { done.Store(true); wg.Wait(); return n.Load() }
}

// Damage writes garbage over a page of a closed database file: the first
// page of the record's items, so that what is damaged is the record and
// not (by chance, as the file grows) the accounts that sign in.
func Damage(t testing.TB, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root int
	err = db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = 'record_items'`).Scan(&root)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(data[16])<<8 | int(data[17])
	mid := (root - 1) * pageSize
	for i := 0; i < pageSize; i++ {
		data[mid+i] = byte(i*7 + 13)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// MountTmpfs mounts a small tmpfs on dir for the test (root only).
func MountTmpfs(t testing.TB, dir, opts string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount here: %s", out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

// LeftIn lists every file and folder under dir.
func LeftIn(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if path != dir {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// Copies lists a version's recorded copies as "holder/format/date".
func Copies(t testing.TB, s database.Services, personID int64, number int) []string {
	t.Helper()
	ctx := context.Background()
	v, err := s.Versions.FindVersion(ctx, personID, number)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range v.Copies {
		out = append(out, c.Holder+"/"+c.Format+"/"+c.GivenOn)
	}
	return out
}
