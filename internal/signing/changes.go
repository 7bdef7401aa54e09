package signing

import (
	"context"
	"encoding/json"
	"fmt"

	"whatmatters/internal/care"
)

// Snapshot decodes the version's agreed snapshot; nil if it cannot be read.
func Snapshot(v *care.PlanVersion) *care.Snapshot {
	var snap care.Snapshot
	if json.Unmarshal(v.Snapshot, &snap) != nil {
		return nil
	}
	return &snap
}

// ChangesOver says, for each of a person's versions vs, what changed since
// the version before it, keyed by version number, as Changes does for one,
// in one pass over the list: nothing for a first version, or when the one
// before is not in vs or no longer matches its hash.
func ChangesOver(vs []*care.PlanVersion) map[int][]care.Change {
	byNumber := make(map[int]*care.PlanVersion, len(vs))
	snaps := make(map[int]*care.Snapshot, len(vs))
	for _, v := range vs {
		byNumber[v.Number], snaps[v.Number] = v, Snapshot(v)
	}
	out := make(map[int][]care.Change, len(vs))
	for _, v := range vs {
		prev, snap := byNumber[v.Number-1], snaps[v.Number]
		if prev == nil || snap == nil || snaps[prev.Number] == nil || prev.Intact() != nil {
			continue
		}
		out[v.Number] = care.Diff(snaps[prev.Number], snap)
	}
	return out
}

// Compare says what changed from the person's agreed version from to the
// version to, in plain words. Errors: not_found.
func (p *Plans) Compare(ctx context.Context, personID int64, from, to int) ([]care.Change, error) {
	var snaps [2]*care.Snapshot
	for i, n := range []int{from, to} {
		v, err := p.versions.FindVersion(ctx, personID, n)
		if err != nil {
			return nil, err
		}
		if snaps[i] = Snapshot(v); snaps[i] == nil {
			return nil, fmt.Errorf("signing: version %d of person %d cannot be read", n, personID)
		}
	}
	return care.Diff(snaps[0], snaps[1]), nil
}
