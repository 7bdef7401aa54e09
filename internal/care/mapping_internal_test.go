package care

import (
	"reflect"
	"testing"
)

// kindTypes is the Go type each kind of schema field is held in.
var kindTypes = map[FieldKind]reflect.Type{
	KindText:       reflect.TypeFor[string](),
	KindLongText:   reflect.TypeFor[string](),
	KindChoice:     reflect.TypeFor[string](),
	KindPhone:      reflect.TypeFor[string](),
	KindEmail:      reflect.TypeFor[string](),
	KindDate:       reflect.TypeFor[string](),
	KindBool:       reflect.TypeFor[bool](),
	KindScale:      reflect.TypeFor[int](),
	KindMoney:      reflect.TypeFor[*int64](),
	KindContactRef: reflect.TypeFor[int64](),
	KindGoalRef:    reflect.TypeFor[int64](),
	KindRef:        reflect.TypeFor[int64](),
	KindOwner:      reflect.TypeFor[Owner](),
}

// TestSchemaMatchesTypes is the one place the schema, which draws the
// forms, is checked against the types: every field of every section has
// a typed field of the right Go type, and every typed field is in the
// schema.
func TestSchemaMatchesTypes(t *testing.T) {
	for _, spec := range Schema {
		t.Run(spec.Key, func(t *testing.T) {
			typ, ok := sectionTypes[spec.Key]
			if !ok {
				t.Fatalf("section %q has no Go type in sectionTypes", spec.Key)
			}
			fields := map[string]reflect.StructField{}
			for i := 0; i < typ.NumField(); i++ {
				if key := typ.Field(i).Tag.Get("value"); key != "" {
					if _, dup := fields[key]; dup {
						t.Errorf("%s: two fields are tagged %q", typ.Name(), key)
					}
					fields[key] = typ.Field(i)
				}
			}
			for _, f := range spec.Fields {
				sf, ok := fields[f.Key]
				if !ok {
					t.Errorf("schema field %s.%s has no field in %s", spec.Key, f.Key, typ.Name())
					continue
				}
				delete(fields, f.Key)
				if want := kindTypes[f.Kind]; sf.Type != want {
					t.Errorf("%s.%s is %s, want %s for a %s field", typ.Name(), sf.Name, sf.Type, want, f.Kind)
				}
			}
			for key, sf := range fields {
				t.Errorf("%s.%s (%q) is not in the schema of %s", typ.Name(), sf.Name, key, spec.Key)
			}
			_, hasID := typ.FieldByName("ID")
			_, hasUUID := typ.FieldByName("UUID")
			if spec.List != (hasID && hasUUID) {
				t.Errorf("%s: list %v, but ID and UUID fields %v", typ.Name(), spec.List, hasID && hasUUID)
			}
			if spec.List && !reflect.PointerTo(typ).Implements(reflect.TypeFor[Entry]()) {
				t.Errorf("%s is not an Entry", typ.Name())
			}
		})
	}
	if len(sectionTypes) != len(Schema) {
		t.Errorf("sectionTypes has %d sections, the schema %d", len(sectionTypes), len(Schema))
	}
}

// TestPlanCoversSchema checks that Plan has every section, and that
// Entries and Values return each one.
func TestPlanCoversSchema(t *testing.T) {
	p := &Plan{}
	for _, spec := range Schema {
		if spec.List {
			if got := p.Entries(spec.Key); got == nil {
				t.Errorf("Plan.Entries(%q) = nil", spec.Key)
			}
		} else if got := p.Values(spec.Key); got == nil || reflect.TypeOf(got) != sectionTypes[spec.Key] {
			t.Errorf("Plan.Values(%q) = %T", spec.Key, got)
		}
	}
	if n := reflect.TypeFor[Plan]().NumField(); n != len(Schema) {
		t.Errorf("Plan has %d fields, the schema %d sections", n, len(Schema))
	}
}
