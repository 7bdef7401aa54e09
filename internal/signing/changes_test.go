package signing

import (
	"testing"

	"whatmatters/internal/care"
)

// version makes an agreed version whose snapshot holds the person's
// first About me heading.
func version(t *testing.T, number int, important string) *care.PlanVersion {
	t.Helper()
	snap := &care.Snapshot{Version: number, Sections: map[string]care.SnapshotSection{
		care.SectionAboutMe: {Fields: map[string]string{care.AboutMeHeadings[0].Value: important}}}}
	b, err := snap.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	return &care.PlanVersion{PersonID: 1, Number: number, Snapshot: b, Hash: care.Hash(b)}
}

func TestChangesOver(t *testing.T) {
	v1, v2, v3 := version(t, 1, "My dog"), version(t, 2, "My garden"), version(t, 3, "My garden")
	got := ChangesOver([]*care.PlanVersion{v3, v2, v1})
	if len(got[1]) != 0 || len(got[3]) != 0 {
		t.Errorf("got %v: want nothing for the first version or one that changed nothing", got)
	}
	if want := care.Diff(Snapshot(v1), Snapshot(v2)); len(got[2]) == 0 || len(got[2]) != len(want) || got[2][0] != want[0] {
		t.Errorf("version 2: got %v, want %v", got[2], want)
	}
	t.Run("ErrBeforeChanged", func(t *testing.T) {
		v1.Snapshot = append([]byte(nil), v1.Snapshot...)
		v1.Snapshot[len(v1.Snapshot)-2] ^= 1
		if got := ChangesOver([]*care.PlanVersion{v2, v1}); len(got[2]) != 0 {
			t.Errorf("got %v: a version changed outside the app compares with nothing", got[2])
		}
	})
}
