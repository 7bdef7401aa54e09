package fhir

import (
	"encoding/json"
	"strconv"
	"strings"
	"whatmatters/internal/care"
)

// reader reads a resource's JSON, keeping the first problem found. Its
// messages never quote a value: they may be personal.
type reader struct {
	typ string
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		name := r.typ
		if name == "" {
			name = "resource"
		}
		r.err = care.Errorf(care.EINVALID, "The FHIR %s could not be read: %s", name, what)
	}
}

func (r *reader) str(m obj, key string) string {
	v, ok := m[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.fail(key + " is not text")
	}
	return s
}

func (r *reader) obj(m obj, key string) obj {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	o, ok := v.(obj)
	if !ok {
		r.fail(key + " is not an object")
	}
	return o
}

func (r *reader) objs(m obj, key string) []obj { return listOf[obj](r, m, key, "an object") }

func (r *reader) strs(m obj, key string) []string { return listOf[string](r, m, key, "text") }

// listOf reads m[key] as a list of T (nil if absent), failing with what T
// is in words if it is not one.
func listOf[T any](r *reader, m obj, key, what string) []T {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	a, ok := v.([]any)
	if !ok {
		r.fail(key + " is not a list")
		return nil
	}
	out := make([]T, 0, len(a))
	for _, e := range a {
		t, ok := e.(T)
		if !ok {
			r.fail(key + " holds something that is not " + what)
			return nil
		}
		out = append(out, t)
	}
	return out
}

func (r *reader) boolean(m obj, key string) (value, present bool) {
	v, ok := m[key]
	if !ok || v == nil {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		r.fail(key + " is not true or false")
	}
	return b, true
}

func (r *reader) integer(m obj, key string) (int, bool) {
	v, ok := m[key]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	if !ok {
		r.fail(key + " is not a number")
		return 0, false
	}
	i, err := strconv.Atoi(n.String())
	if err != nil {
		r.fail(key + " is not a whole number")
		return 0, false
	}
	return i, true
}

// refID is the id a "Type/id" reference names, if it names typ.
func (r *reader) refID(m obj, typ string) string {
	s := r.str(m, "reference")
	t, id, ok := strings.Cut(s, "/")
	if !ok || t != typ || !isID(id) {
		return ""
	}
	return id
}

// ext returns the extension with the url, or nil.
func (r *reader) ext(m obj, url string) obj {
	for _, e := range r.objs(m, "extension") {
		if r.str(e, "url") == url {
			return e
		}
	}
	return nil
}

// values reads the value extensions of a section into v.
func (r *reader) values(m obj, section string, v map[string]string) {
	prefix := ExtBase + section + "-"
	for _, e := range r.objs(m, "extension") {
		url := r.str(e, "url")
		key, ok := strings.CutPrefix(url, prefix)
		if !ok || key == "" {
			continue
		}
		if s := r.extValue(e); s != "" {
			v[key] = s
		}
	}
}

// extValue is an extension's value as local text.
func (r *reader) extValue(e obj) string {
	if s := r.str(e, "valueString"); s != "" {
		return s
	}
	if s := r.str(e, "valueCode"); s != "" {
		return s
	}
	if b, ok := r.boolean(e, "valueBoolean"); ok {
		if b {
			return "true"
		}
		return ""
	}
	if n, ok := r.integer(e, "valueInteger"); ok {
		return strconv.Itoa(n)
	}
	if ref := r.obj(e, "valueReference"); ref != nil {
		_, id, _ := strings.Cut(r.str(ref, "reference"), "/")
		if isID(id) {
			return id
		}
	}
	return ""
}
