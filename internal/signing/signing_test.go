package signing_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/demo"
	"whatmatters/internal/pdfsign"
	"whatmatters/internal/planpdf"
	"whatmatters/internal/signing"
	"whatmatters/internal/sqlite"
)

// legacy was made by the build before verification stopped re-rendering.
const legacy = "../../testdata/legacy"

// coordinator is who agrees plans in these tests.
var coordinator = care.WithActor(context.Background(), care.Actor{Name: "Sam", Role: "Coordinator"})

// MustOpenDB opens a new database in a temporary folder, a copy of the
// database file from if it is not "", closed when the test ends. It
// returns the path of its file and the database.
func MustOpenDB(tb testing.TB, from string) (string, *sqlite.DB) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "plans.db")
	if from != "" {
		data, err := os.ReadFile(from)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	db := sqlite.NewDB(path)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return path, db
}

// MustOpenPlans is the pipeline on db with the data key dk (nil: no one
// is signed in) and the clock now (nil: time.Now).
func MustOpenPlans(tb testing.TB, db *sqlite.DB, dk []byte, now func() time.Time) *signing.Plans {
	tb.Helper()
	return signing.New(signing.Config{Versions: sqlite.NewVersionService(db), Settings: sqlite.NewSettingsService(db),
		Certificates: sqlite.NewCertificateService(db), Secrets: sqlite.NewAccountService(db),
		DataKey: func() []byte { return dk }, Now: now})
}

// MustSeed opens a database with the example people, who come with agreed
// plans, and returns its path, the database and the pipeline signed in,
// signing at now (nil: time.Now).
func MustSeed(tb testing.TB, now func() time.Time) (string, *sqlite.DB, *signing.Plans) {
	tb.Helper()
	path, db := MustOpenDB(tb, "")
	dk := make([]byte, 32)
	rand.Read(dk)
	p := MustOpenPlans(tb, db, dk, now)
	seal, err := p.Sealer(coordinator)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := demo.Seed(coordinator, demo.Services{People: sqlite.NewPersonService(db), Records: sqlite.NewRecordService(db),
		Versions: sqlite.NewVersionService(db), Seal: seal}, time.Now()); err != nil {
		tb.Fatal(err)
	}
	return path, db, p
}

// impostor is a self-made key whose certificate copies our subject names.
func impostor(t *testing.T, like *x509.Certificate) pdfsign.Signer {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: like.SerialNumber, Subject: like.Subject, NotBefore: like.NotBefore, NotAfter: like.NotAfter,
		KeyUsage: like.KeyUsage, ExtKeyUsage: like.ExtKeyUsage}
	parent := &x509.Certificate{Subject: pkix.Name{}, RawSubject: like.RawIssuer}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return pdfsign.Signer{Key: key, Chain: []*x509.Certificate{cert}, Name: "Forger", Time: time.Now()}
}

// rewritePage1 appends an incremental update replacing page 1's content
// with other words, as an attacker's PDF editor would.
func rewritePage1(t *testing.T, pdf []byte) []byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(pdf)
	root := regexp.MustCompile(`/Root (\d+) 0 R`).FindAllSubmatch(pdf, -1)
	size := regexp.MustCompile(`/Size (\d+)`).FindAllSubmatch(pdf, -1)
	if m == nil || root == nil || size == nil {
		t.Fatal("not a PDF this test can update")
	}
	var b bytes.Buffer
	b.Write(pdf)
	stream := "BT /F1 24 Tf 50 700 Td (No support is needed) Tj ET"
	off := b.Len()
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(stream), stream)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n4 1\n%010d 00000 n \ntrailer\n<< /Size %s /Root %s 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		off, size[len(size)-1][1], root[len(root)-1][1], m[1], xref)
	return b.Bytes()
}

func TestVerifyRefusesForgeries(t *testing.T) {
	_, _, p := MustSeed(t, nil)
	genuine, v, _, err := p.Render(coordinator, 1, 0, "standard")
	if err != nil {
		t.Fatal(err)
	}
	res, err := pdfsign.Verify(genuine)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.Verify(coordinator, genuine); err != nil || got.Version.Number != v.Number || got.Format != "standard" {
		t.Fatalf("the genuine file: %+v %v", got, err)
	}
	fake := impostor(t, res.Signer)
	resign := func(doc []byte, s pdfsign.Signer) []byte {
		b, err := pdfsign.Sign(doc, s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	flipped := bytes.Clone(genuine)
	if i := bytes.Index(flipped, []byte(fmt.Sprintf("%x", res.Signer.Raw[len(res.Signer.Raw)-40:]))); i > 0 {
		flipped[i] ^= 1
	} else {
		t.Fatal("certificate not found in the file")
	}
	hugeRange := regexp.MustCompile(`/ByteRange \[0 \d+ \d+ \d+\]`).ReplaceAll(bytes.Clone(genuine), []byte("/ByteRange [0 1 2 9223372036854775807]"))
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"ErrChangedAndResignedBySameNames", resign(bytes.Replace(res.Document, []byte("FPDF"), []byte("FAKE"), 1), fake), "signed by someone else"},
		{"ErrResignedByForeignKey", resign(res.Document, fake), "signed by someone else"},
		{"ErrUpdateAfterOurSignature", rewritePage1(t, genuine), "no signature made by What Matters"},
		{"ErrCertificateBitFlipped", flipped, "not a genuine signed plan"},
		{"ErrByteRangeNear2To63", hugeRange, "not a genuine signed plan"},
		{"ErrEmpty", nil, "not a genuine signed plan"},
		{"ErrGarbage", []byte("%PDF-1.7\n" + strings.Repeat("[", 100000)), "not a genuine signed plan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := p.Verify(coordinator, c.file)
			if err == nil || care.ErrorCode(err) != care.EINVALID || !strings.Contains(care.ErrorMessage(err), c.want) {
				t.Errorf("verify said %+v, err %v; want an error saying %q", got, err, c.want)
			}
		})
	}

	t.Run("ErrTooLarge", func(t *testing.T) {
		big := filepath.Join(t.TempDir(), "big.pdf")
		f, _ := os.Create(big)
		f.Truncate(60 << 20)
		f.Close()
		_, err := signing.ReadPlanFile(big)
		if care.ErrorCode(err) != care.EINVALID || !strings.Contains(care.ErrorMessage(err), "larger than any plan") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestVerifyFileFromAnEarlierBuild(t *testing.T) {
	// Files made by the build before verification stopped re-rendering
	// must verify however the renderer changes.
	_, db := MustOpenDB(t, filepath.Join(legacy, "plans.db"))
	p := MustOpenPlans(t, db, nil, nil)
	for _, f := range []string{"gosia-standard.pdf", "gosia-easy-read.pdf"} {
		pdf, err := signing.ReadPlanFile(filepath.Join(legacy, f))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := p.Verify(context.Background(), pdf); err != nil {
			t.Errorf("%s: %v", f, err)
		} else if got.Version.Number != 2 {
			t.Errorf("%s: matches version %d, want 2", f, got.Version.Number)
		}
	}
}

func TestVerifyChangedDatabase(t *testing.T) {
	path, _, p := MustSeed(t, nil)
	genuine, _, _, err := p.Render(coordinator, 1, 0, "standard")
	if err != nil {
		t.Fatal(err)
	}
	// An attacker with the file rewrites the agreed snapshot by raw SQL.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER plan_versions_locked_update`,
		`UPDATE plan_versions SET snapshot = replace(snapshot, 'pierogi', 'nothing') WHERE person_id = 1`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	_, err = p.Verify(coordinator, genuine)
	if care.ErrorCode(err) != care.ECONFLICT || !strings.Contains(care.ErrorMessage(err), "changed since it was agreed") {
		t.Errorf("check: err = %v", err)
	}
	if _, _, _, err := p.Render(coordinator, 1, 0, ""); care.ErrorCode(err) != care.ECONFLICT {
		t.Errorf("render: err = %v", err)
	}
}

func TestAgreeRefusedWhenAFormatFails(t *testing.T) {
	later := 0
	_, db, p := MustSeed(t, func() time.Time { return time.Now().AddDate(later, 0, 0) })
	versions := sqlite.NewVersionService(db)
	before, _ := versions.FindVersions(coordinator, 3)
	// Something to agree, so that only the certificate is in the way.
	if err := sqlite.NewRecordService(db).SaveItem(coordinator, care.NewItem(3, care.Goal{Text: "Walk to the shops"})); err != nil {
		t.Fatal(err)
	}
	// A signing certificate that has expired: no format can be signed.
	later = 20
	_, err := p.Agree(coordinator, 3, []care.Signature{
		{Role: care.RolePerson, Name: "Ayesha", Method: care.SignVerbal, Witness: "Sam"},
		{Role: care.RoleCoordinator, Name: "Sam", Method: care.SignUnable, Reason: "Broken wrist"}})
	if care.ErrorCode(err) != care.EINVALID || !strings.Contains(care.ErrorMessage(err), "expired") {
		t.Errorf("err = %v", err)
	}
	if after, _ := versions.FindVersions(coordinator, 3); len(after) != len(before) {
		t.Errorf("%d versions after a refused agreement, want %d", len(after), len(before))
	}
}

func TestSignInToSign(t *testing.T) {
	_, db, _ := MustSeed(t, nil)
	p := MustOpenPlans(t, db, nil, nil)
	if _, _, _, err := p.Render(coordinator, 1, 0, ""); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("render: err = %v", err)
	}
	if _, err := p.Agree(coordinator, 1, nil); care.ErrorCode(err) != care.ESIGNIN {
		t.Errorf("agree: err = %v", err)
	}
}

// TestLegacyVersionsInBothFormats proves that versions agreed before
// snapshots had a format keep their hashes, and that each reads, renders
// and compares the same whether kept in format 1, as stored, or written
// again in format 2: the printed pages are byte for byte the same.
func TestLegacyVersionsInBothFormats(t *testing.T) {
	_, db := MustOpenDB(t, filepath.Join(legacy, "plans.db"))
	people, versions := sqlite.NewPersonService(db), sqlite.NewVersionService(db)
	ctx := context.Background()
	n := 0
	for id := int64(1); ; id++ {
		if _, err := people.FindPersonByID(ctx, id); care.ErrorCode(err) == care.ENOTFOUND {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		vs, err := versions.FindVersions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var prev [2]*care.Snapshot // the version before, in format 1 and in format 2
		for i := len(vs) - 1; i >= 0; i-- {
			v := vs[i]
			n++
			if err := v.Intact(); err != nil {
				t.Fatalf("person %d version %d: %v", id, v.Number, err)
			}
			old, err := care.ReadSnapshot(v.Snapshot)
			if err != nil {
				t.Fatal(err)
			}
			if old.Format != 0 {
				t.Fatalf("person %d version %d is in format %d, want format 1", id, v.Number, old.Format)
			}
			if again, _ := old.Canonical(); !bytes.Equal(again, v.Snapshot) {
				t.Errorf("person %d version %d: read and written again, its bytes change", id, v.Number)
			}
			b, err := (&care.Snapshot{Format: care.SnapshotFormat, Version: old.Version, AgreedAt: old.AgreedAt, Person: old.Person,
				Plan: old.View(), Decisions: old.Decisions, Meeting: old.Meeting}).Canonical()
			if err != nil {
				t.Fatal(err)
			}
			typed, err := care.ReadSnapshot(b)
			if err != nil {
				t.Fatal(err)
			}
			if prev[0] != nil {
				want := fmt.Sprint(care.Diff(prev[0], old))
				for _, got := range [][]care.Change{care.Diff(prev[1], old), care.Diff(prev[0], typed), care.Diff(prev[1], typed)} {
					if fmt.Sprint(got) != want {
						t.Errorf("person %d version %d: changes across formats %v, want %v", id, v.Number, got, want)
					}
				}
				if want == "[]" {
					t.Errorf("person %d version %d: no changes since the version before", id, v.Number)
				}
			}
			for _, format := range []string{planpdf.Standard, planpdf.LargePrint, planpdf.EasyRead} {
				doc := planpdf.Document{Snapshot: old, CheckCode: v.CheckCode, Hash: v.Hash, Signatures: v.Signatures}
				if prev[0] != nil {
					doc.Changes = care.Diff(prev[0], old)
				}
				a, err := planpdf.Render(doc, format)
				if err != nil {
					t.Fatalf("person %d version %d %s: %v", id, v.Number, format, err)
				}
				doc.Snapshot = typed
				b, err := planpdf.Render(doc, format)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("person %d version %d %s: format 1 and format 2 render differently", id, v.Number, format)
				}
			}
			prev = [2]*care.Snapshot{old, typed}
		}
	}
	if n < 6 {
		t.Errorf("checked %d versions, want the 6 in %s", n, legacy)
	}
}
