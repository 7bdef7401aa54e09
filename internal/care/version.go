package care

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
)

// Snapshot is a plan as agreed: the person's record and the plan as they
// stood, frozen. Its canonical JSON is what the hash, the signatures and the
// PDF are made from.
//
// A snapshot is in one of two formats. Format 1 (no "format" in the JSON;
// every version agreed before format 2) keeps each section's values as
// text under "sections", as the store keeps them. Format 2 keeps the plan
// typed, under "plan". Both read to the same typed view, View, which is
// all the printed plan, the diff and signing look at; a format-1 snapshot
// read and written again keeps its bytes, so its hash still holds.
type Snapshot struct {
	Format   int // 1 or 2; 0 is read as 1
	Version  int
	AgreedAt string // RFC 3339 UTC
	Person   SnapshotPerson
	// Sections are format 1's sections; Plan is format 2's.
	Sections map[string]SnapshotSection
	Plan     *Plan
	// Decisions are the shared decisions of the person's meetings, and
	// Meeting the latest meeting that ended before the plan was agreed.
	// Versions agreed before they were kept have neither: they are left
	// out of the JSON when empty, so those versions read and hash as stored.
	Decisions []SnapshotDecision
	Meeting   *SnapshotMeeting
}

// SnapshotFormat is the format new snapshots are written in.
const SnapshotFormat = 2

// snapshotV1 and snapshotV2 are the JSON of each format, field by field
// in the order written.
type snapshotV1 struct {
	Version   int                        `json:"version"`
	AgreedAt  string                     `json:"agreedAt"`
	Person    SnapshotPerson             `json:"person"`
	Sections  map[string]SnapshotSection `json:"sections"`
	Decisions []SnapshotDecision         `json:"decisions,omitempty"`
	Meeting   *SnapshotMeeting           `json:"meeting,omitempty"`
}

type snapshotV2 struct {
	Format    int                `json:"format"`
	Version   int                `json:"version"`
	AgreedAt  string             `json:"agreedAt"`
	Person    SnapshotPerson     `json:"person"`
	Plan      *Plan              `json:"plan"`
	Decisions []SnapshotDecision `json:"decisions,omitempty"`
	Meeting   *SnapshotMeeting   `json:"meeting,omitempty"`
}

// MarshalJSON writes the snapshot in its format.
func (s Snapshot) MarshalJSON() ([]byte, error) {
	if s.Format >= 2 {
		return json.Marshal(snapshotV2{Format: s.Format, Version: s.Version, AgreedAt: s.AgreedAt, Person: s.Person,
			Plan: s.Plan, Decisions: s.Decisions, Meeting: s.Meeting})
	}
	return json.Marshal(snapshotV1{Version: s.Version, AgreedAt: s.AgreedAt, Person: s.Person,
		Sections: s.Sections, Decisions: s.Decisions, Meeting: s.Meeting})
}

// UnmarshalJSON reads a snapshot in either format.
func (s *Snapshot) UnmarshalJSON(b []byte) error {
	var probe struct {
		Format int `json:"format"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return err
	}
	if probe.Format >= 2 {
		var v snapshotV2
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = Snapshot{Format: v.Format, Version: v.Version, AgreedAt: v.AgreedAt, Person: v.Person, Plan: v.Plan,
			Decisions: v.Decisions, Meeting: v.Meeting}
		return nil
	}
	var v snapshotV1
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Snapshot{Version: v.Version, AgreedAt: v.AgreedAt, Person: v.Person, Sections: v.Sections,
		Decisions: v.Decisions, Meeting: v.Meeting}
	return nil
}

// ReadSnapshot reads a stored snapshot of either format. EINVALID if it
// cannot be read, or was written in a format newer than this build knows.
func ReadSnapshot(b []byte) (*Snapshot, error) {
	var s Snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, Errorf(EINVALID, "The agreed plan could not be read")
	}
	if s.Format > SnapshotFormat {
		return nil, Errorf(EINVALID, "This plan was agreed with a newer version of What Matters. Update What Matters to open it")
	}
	return &s, nil
}

// View is the snapshot's plan, typed, whichever format it is in.
func (s *Snapshot) View() *Plan {
	if s.Format >= 2 {
		if s.Plan == nil {
			return &Plan{}
		}
		return s.Plan
	}
	return planFromSections(s.Sections)
}

// SnapshotDecision is a shared decision as it stood when the plan was
// agreed (see DecisionSpec for what each part is called).
type SnapshotDecision struct {
	ID           int64            `json:"id"`
	MeetingDate  string           `json:"meetingDate,omitempty"` // YYYY-MM-DD
	Decision     string           `json:"decision"`
	Options      []SnapshotOption `json:"options,omitempty"`
	WhatMatters  string           `json:"whatMatters,omitempty"`
	WhoTookPart  string           `json:"whoTookPart,omitempty"`
	Reservations string           `json:"reservations,omitempty"`
}

// SnapshotOption is one option discussed for a shared decision.
type SnapshotOption struct {
	Option   string `json:"option"`
	Benefits string `json:"benefits,omitempty"`
	Risks    string `json:"risks,omitempty"`
}

// SnapshotMeeting is the meeting a plan came from (see MeetingSummarySpec).
type SnapshotMeeting struct {
	Date    string `json:"date"` // YYYY-MM-DD
	Purpose string `json:"purpose,omitempty"`
	Summary string `json:"summary,omitempty"`
}

// SnapshotPerson is the person's details as they stood.
type SnapshotPerson struct {
	ID            int64  `json:"id"`
	GivenName     string `json:"givenName"`
	FamilyName    string `json:"familyName"`
	PreferredName string `json:"preferredName"`
	Pronouns      string `json:"pronouns"`
	DateOfBirth   string `json:"dateOfBirth"`
	NHSNumber     string `json:"nhsNumber"`
	// Details are the person's own details (address, GP...). Versions
	// agreed before they were kept have none, and no "details" in their
	// JSON; every newer one has them, if only as {}.
	Details *PersonDetails `json:"details,omitempty"`
}

// DisplayName is how the person is named in the plan.
func (p SnapshotPerson) DisplayName() string {
	return (&Person{GivenName: p.GivenName, FamilyName: p.FamilyName, PreferredName: p.PreferredName}).DisplayName()
}

// SnapshotSection is one section of a format-1 snapshot as it stood: its
// fields, or its entries (each with its "id"), as stored text.
type SnapshotSection struct {
	Fields map[string]string   `json:"fields,omitempty"`
	Items  []map[string]string `json:"items,omitempty"`
}

// NewSnapshot freezes a record as version number, agreed at, in the
// current format.
func NewSnapshot(r *Record, number int, at time.Time) *Snapshot {
	p := r.Person
	details := p.Details
	return &Snapshot{Format: SnapshotFormat, Version: number, AgreedAt: at.UTC().Format(time.RFC3339), Plan: r.Plan(),
		Person: SnapshotPerson{ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, PreferredName: p.PreferredName,
			Pronouns: p.Pronouns, DateOfBirth: p.DateOfBirth, NHSNumber: p.NHSNumber, Details: &details}}
}

// AddMeetings puts into the snapshot the shared decisions of meetings, in
// the order given (oldest first), and the meeting that ended last, with its
// summary. Meetings that have not ended give their decisions only.
func (s *Snapshot) AddMeetings(meetings []*Meeting) {
	var last *Meeting
	for _, m := range meetings {
		for _, d := range m.Decisions {
			sd := SnapshotDecision{ID: d.ID, MeetingDate: m.Date, Decision: d.Decision, WhatMatters: d.WhatMatters,
				WhoTookPart: d.WhoTookPart, Reservations: d.Reservations}
			for _, o := range d.Options {
				sd.Options = append(sd.Options, SnapshotOption(o))
			}
			s.Decisions = append(s.Decisions, sd)
		}
		if !m.EndedAt.IsZero() && (last == nil || !m.EndedAt.Before(last.EndedAt)) {
			last = m
		}
	}
	if last != nil {
		s.Meeting = &SnapshotMeeting{Date: last.Date, Purpose: last.Purpose, Summary: last.Summary}
	}
}

// Canonical is the snapshot's canonical JSON: struct fields in the order
// declared, map keys sorted (encoding/json sorts them), no insignificant
// space.
func (s *Snapshot) Canonical() ([]byte, error) { return json.Marshal(s) }

// Hash is the SHA-256 of canonical JSON, in hex.
func Hash(canonical []byte) string {
	h := sha256.Sum256(canonical)
	return hex.EncodeToString(h[:])
}

// CheckCode is the short code printed on every page: 8 characters from
// the hash, in an alphabet without easily confused letters, shown as
// "ABCD-EFGH".
func CheckCode(hash string) string {
	b, err := hex.DecodeString(hash)
	if err != nil || len(b) < 5 {
		return ""
	}
	enc := base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)
	c := enc.EncodeToString(b[:5])
	return c[:4] + "-" + c[4:8]
}

// NormalizeCheckCode reads a check code as typed: any case, with or without
// the hyphen or spaces; O and I read as 0 and 1.
func NormalizeCheckCode(s string) string {
	s = strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1").Replace(strings.ToUpper(strings.TrimSpace(s)))
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:]
}

// Signing methods and roles.
const (
	SignDrawn  = "drawn"  // a drawn signature, kept as strokes
	SignVerbal = "verbal" // agreed verbally, with a witness
	SignUnable = "unable" // unable to sign, with the reason

	RolePerson         = "person"
	RoleRepresentative = "representative"
	RoleCoordinator    = "coordinator"
	RoleCarer          = "carer"
	RoleProfessional   = "professional"
)

// SignatureRoles are who can sign, in the order they sign.
var SignatureRoles = []Choice{{RolePerson, "The person"}, {RoleRepresentative, "The person's representative"},
	{RoleCoordinator, "Care coordinator"}, {RoleCarer, "Carer"}, {RoleProfessional, "Another professional"}}

// Point is one point of a drawn stroke, in the signature box's own units
// (0 to 1 across and down).
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Signature is one person's agreement to a version: drawn strokes, or a
// recorded alternative.
type Signature struct {
	Role    string    `json:"role"`
	Name    string    `json:"name"`
	Method  string    `json:"method"`
	Strokes [][]Point `json:"strokes,omitempty"`
	Witness string    `json:"witness,omitempty"`
	Reason  string    `json:"reason,omitempty"`
}

// Validate checks one signature; i numbers its fields ("sig0name").
func (s *Signature) Validate(i int) error {
	f := func(name string) string { return "sig" + itoa(i) + name }
	var errs []error
	var err error
	if ChoiceLabel(SignatureRoles, s.Role) == s.Role {
		errs = append(errs, FieldError(f("role"), "Choose who is signing"))
	}
	if s.Name, err = Required(f("name"), "Name", "the name of the person signing", s.Name, MaxNameLen); err != nil {
		errs = append(errs, err)
	}
	switch s.Method {
	case SignDrawn:
		points := 0
		for _, st := range s.Strokes {
			for _, p := range st {
				if p.X < 0 || p.X > 1 || p.Y < 0 || p.Y > 1 {
					return FieldError(f("strokes"), "The signature could not be read. Clear it and sign again")
				}
			}
			points += len(st)
		}
		if points < 2 {
			errs = append(errs, FieldError(f("strokes"), "Sign in the box, or choose another way to record agreement"))
		} else if points > 20000 {
			errs = append(errs, FieldError(f("strokes"), "The signature is too long. Clear it and sign again"))
		}
		s.Witness, s.Reason = "", ""
	case SignVerbal:
		if s.Witness, err = Required(f("witness"), "Witness", "the name of the witness", s.Witness, MaxNameLen); err != nil {
			errs = append(errs, err)
		}
		s.Strokes, s.Reason = nil, ""
	case SignUnable:
		if s.Reason, err = Required(f("reason"), "Reason", "why they are unable to sign", s.Reason, MaxShortText); err != nil {
			errs = append(errs, err)
		}
		s.Strokes, s.Witness = nil, ""
	default:
		errs = append(errs, FieldError(f("method"), "Choose how agreement is recorded"))
	}
	return joinErrors(errs)
}

// ValidateSignatures checks a set of signatures: each valid, and at least
// the person (or their representative) and the care coordinator.
func ValidateSignatures(sigs []Signature) error {
	var errs []error
	person, coordinator := false, false
	for i := range sigs {
		if err := sigs[i].Validate(i); err != nil {
			errs = append(errs, err)
		}
		person = person || sigs[i].Role == RolePerson || sigs[i].Role == RoleRepresentative
		coordinator = coordinator || sigs[i].Role == RoleCoordinator
	}
	if len(sigs) > 6 {
		errs = append(errs, Errorf(EINVALID, "A plan can have at most 6 signatures"))
	}
	if !person {
		errs = append(errs, Errorf(EINVALID, "The person, or their representative, must agree the plan"))
	}
	if !coordinator {
		errs = append(errs, Errorf(EINVALID, "The care coordinator must sign the plan"))
	}
	return joinErrors(errs)
}

// PlanVersion is an agreed, frozen version of a person's plan.
type PlanVersion struct {
	ID         int64
	UUID       string // random, version 4; with Hash, the version's identity beyond this database
	PersonID   int64
	Number     int // display order only: two clinics may each agree a version 3
	AgreedAt   time.Time
	AgreedBy   Actor
	Snapshot   []byte // canonical JSON
	Hash       string
	CheckCode  string
	Signatures []Signature
	Superseded bool    // a later version has been agreed
	Copies     []*Copy // who has a copy, in the order they were recorded
}

// Copy records who has a copy of a version, when and in what format.
type Copy struct {
	ID        int64
	UUID      string // random, version 4: the id that travels beyond this database
	VersionID int64
	Holder    string // "the person", a carer's name, "GP"...
	Format    string // standard, large-print, easy-read
	GivenOn   string // YYYY-MM-DD
	// Withdrawn is set if the copy was recorded by mistake and withdrawn:
	// the copy is kept, beside why and by whom.
	Withdrawn *CopyWithdrawal
}

// CopyWithdrawal says why a copy recorded by mistake was withdrawn.
type CopyWithdrawal struct {
	Reason string
	At     time.Time
	By     Actor
}

// Seal checks a version about to be agreed, such as by making its signed
// PDF in every format; an error stops the agreement.
type Seal func(ctx context.Context, v *PlanVersion) error

// Intact reports whether the version's stored snapshot still hashes to
// its stored hash; if not, the database was changed outside the app, and
// ECONFLICT says so.
func (v *PlanVersion) Intact() error {
	if Hash(v.Snapshot) != v.Hash {
		return Errorf(ECONFLICT, "The stored copy of version %d of this plan has been changed since it was agreed, outside What Matters. "+
			"Nothing can be signed or checked against it. Restore the database from a backup and tell your information governance lead", v.Number)
	}
	return nil
}

// SigningCertificate is a certificate this installation has signed plans
// with; every one is kept, so plans signed before a new certificate was
// imported still check as genuine.
type SigningCertificate struct {
	Fingerprint         string // SHA-256 of DER, hex
	DER                 []byte
	NotBefore, NotAfter time.Time
}

// CertificateService keeps every certificate plans have been signed with.
type CertificateService interface {
	// AddSigningCertificate records a certificate; recording one again does nothing.
	AddSigningCertificate(ctx context.Context, c *SigningCertificate) error
	// FindSigningCertificate returns the certificate with this fingerprint. ENOTFOUND.
	FindSigningCertificate(ctx context.Context, fingerprint string) (*SigningCertificate, error)
}

// VersionService agrees and keeps plan versions. An agreed version can
// never change: every write to it is refused with ELOCKED.
type VersionService interface {
	// AgreePlan freezes the person's current draft as the next version,
	// with the signatures bound to its hash. seal is called with the
	// version before it is stored, in the same transaction; if it fails
	// nothing is agreed and its error is returned (so a version whose PDF
	// cannot be made can never exist). EINVALID, ENOTFOUND.
	AgreePlan(ctx context.Context, personID int64, sigs []Signature, seal Seal) (*PlanVersion, error)
	// FindDraft returns the person's plan as it would be agreed now, with
	// the shared decisions of their meetings. ENOTFOUND.
	FindDraft(ctx context.Context, personID int64) (*Snapshot, error)
	// FindVersions lists a person's versions, newest first (by when they
	// were agreed), each with its copies; so do the other Find methods.
	FindVersions(ctx context.Context, personID int64) ([]*PlanVersion, error)
	// FindVersion returns the version a person's plan shows as number (0:
	// the latest agreed). Numbers are display order on this computer only;
	// beyond it a version is known by its hash or UUID. ENOTFOUND.
	FindVersion(ctx context.Context, personID int64, number int) (*PlanVersion, error)
	// FindVersionByCheckCode finds the version a printed check code belongs to. ENOTFOUND.
	FindVersionByCheckCode(ctx context.Context, code string) (*PlanVersion, error)
	// FindVersionByHash finds the version whose snapshot has this SHA-256 (hex). ENOTFOUND.
	FindVersionByHash(ctx context.Context, hash string) (*PlanVersion, error)
	// FindVersionByUUID finds the version with this UUID (either case). ENOTFOUND.
	FindVersionByUUID(ctx context.Context, uuid string) (*PlanVersion, error)
	// RecordCopy records who has a copy of a version. EINVALID, ENOTFOUND.
	RecordCopy(ctx context.Context, c *Copy) error
	// WithdrawCopy withdraws a copy recorded by mistake, with a reason; the
	// copy is kept, marked as withdrawn. EINVALID, ENOTFOUND.
	WithdrawCopy(ctx context.Context, copyID int64, reason string) error
}
