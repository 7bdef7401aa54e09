package signing

import (
	"encoding/json"

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
