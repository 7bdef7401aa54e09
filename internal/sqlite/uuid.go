package sqlite

import (
	"crypto/rand"
	"encoding/hex"
)

// newUUID returns a random (version 4) UUID in lower-case canonical text,
// the id a row keeps when it travels beyond this database.
func newUUID() string {
	var b [16]byte
	// rand.Read never returns an error: since Go 1.24 a failing source
	// crashes the program instead.
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant 10 (RFC 9562)
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], b[10:16])
	return string(s[:])
}
