package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"whatmatters/internal/atomicfile"
	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/testenv"
)

// verifyBytes runs "whatmatters verify" on data, as a coordinator would.
func verifyBytes(t *testing.T, db string, data []byte) (string, error) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := run([]string{"verify", file, "-db", db}, &out)
	return out.String(), err
}

func TestAgreeWithEmojiAndHostileText(t *testing.T) {
	path, s := testenv.SeededWithPlan(t)
	ctx := care.WithActor(context.Background(), care.Actor{Name: "Sam", Role: "Coordinator"})
	rec, err := s.Records.FindRecord(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Records.SaveFields(ctx, 2, care.SectionAboutMe, care.ActionEditPersonsWords, []care.FieldChange{
		{Key: "mostImportant", Value: "My garden 🌻 and 𠀀, and <img src=x onerror=alert(1)>\u200b\u202e",
			Version: rec.Fields[care.SectionAboutMe]["mostImportant"].Version}}); err != nil {
		t.Fatal(err)
	}
	v, err := signedPlans(t, s).Agree(ctx, 2, []care.Signature{
		{Role: care.RolePerson, Name: "Siân 🌻", Method: care.SignVerbal, Witness: "Sam"},
		{Role: care.RoleCoordinator, Name: "Sam", Method: care.SignUnable, Reason: "Broken wrist"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"standard", "large-print", "easy-read"} {
		file := filepath.Join(t.TempDir(), format+".pdf")
		if err := run([]string{"export-pdf", "-db", path, "-person", "2", "-format", format, "-o", file}, io.Discard); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		b, _ := os.ReadFile(file)
		if out, err := verifyBytes(t, path, b); err != nil || !strings.Contains(out, fmt.Sprintf("Matches version %d", v.Number)) {
			t.Errorf("%s: %q %v", format, out, err)
		}
	}
}

func TestImportP12Refusals(t *testing.T) {
	path, _ := testenv.SeededWithPlan(t)
	dir := t.TempDir()
	importFile := func(data []byte, password string) error {
		f := filepath.Join(dir, "org.p12")
		os.WriteFile(f, data, 0o600)
		t.Setenv("WHATMATTERS_P12_PASSWORD", password)
		return run([]string{"import-p12", "-db", path, "-file", f}, io.Discard)
	}
	key, chain := testRSAChain(t)
	slow, err := pkcs12.Modern.WithIterations(0x10000).Encode(key, chain[0], chain[1:], "pw")
	if err != nil {
		t.Fatal(err)
	}
	// 65,536 iterations, written as 01 00 00, become 8,388,607 (7F FF FF).
	slow = bytes.ReplaceAll(slow, []byte{0x02, 0x03, 0x01, 0x00, 0x00}, []byte{0x02, 0x03, 0x7f, 0xff, 0xff})
	trust, _ := pkcs12.Modern.EncodeTrustStore(chain, "pw")
	ca, _ := pkcs12.Modern.Encode(key, chain[1], nil, "pw") // the key does not belong to the root, and the root is a CA
	cases := []struct {
		name     string
		data     []byte
		password string
		want     string
	}{
		{"ErrAbsurdIterations", slow, "pw", "unreasonable amount of work"},
		{"ErrNoPrivateKey", trust, "pw", "no private key"},
		{"ErrCACertificate", ca, "pw", "certificate"},
		{"ErrEmpty", nil, "pw", "empty"},
		{"ErrGarbage", []byte("not a certificate"), "pw", "could not be opened"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			err := importFile(c.data, c.password)
			if err == nil || !strings.Contains(care.ErrorMessage(err), c.want) {
				t.Errorf("err = %v, want it to say %q", err, c.want)
			}
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
}

// BenchmarkExportPDF is export-pdf after signing in: find the version,
// re-check its hash, render, sign, write atomically and audit. Signing in
// (Argon2id) is measured by internal/vault's BenchmarkUnwrapDefault.
func BenchmarkExportPDF(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "bench.db")
	if err := run([]string{"seed-demo", "-db", path}, io.Discard); err != nil {
		b.Fatal(err)
	}
	s := database.NewServices(testenv.OpenDB(b, path))
	ctx := context.Background()
	sess := testenv.SignIn(b, s)
	p := s.Plans(func() []byte { return sess.Key })
	e := &env{ctx: care.WithActor(ctx, sess.Actor()), s: s, sess: sess}
	out := filepath.Join(dir, "plan.pdf")
	for b.Loop() {
		pdf, v, f, err := p.Render(ctx, 1, 0, "standard")
		if err != nil {
			b.Fatal(err)
		}
		if err := atomicfile.Save(out, pdf); err != nil {
			b.Fatal(err)
		}
		e.audit(care.AuditExport, 1, f+", version "+care.Itoa(int64(v.Number)))
	}
}
