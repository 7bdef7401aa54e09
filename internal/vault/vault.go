// Package vault keeps secrets with a data key, like disk-encryption key
// slots: one random data key encrypts every secret (XChaCha20-Poly1305),
// and it is stored wrapped once per account, by a key derived from that
// account's passphrase with Argon2id, and once per recovery code. A copy of
// the database alone opens nothing. It knows nothing of accounts or plans.
package vault

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// Params are Argon2id's costs. They are recorded in every slot, so they
// can be raised later without breaking older slots.
type Params struct {
	Time      uint32 // passes
	MemoryKiB uint32
	Threads   uint8
}

// DefaultParams take about a third of a second on a 2-core laptop (RFC 9106's
// second recommended option, with more passes).
var DefaultParams = Params{Time: 20, MemoryKiB: 64 * 1024, Threads: 2}

// KeySize is the size of a data key.
const KeySize = chacha20poly1305.KeySize

// MaxPassphrase bounds what is hashed: longer input is refused, not cut.
const MaxPassphrase = 1024

// ErrWrongPassphrase is returned when a slot does not open with the
// passphrase or code given.
var ErrWrongPassphrase = errors.New("vault: wrong passphrase")

// NewDataKey returns a new random data key.
func NewDataKey() []byte {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return k
}

var b64 = base64.RawStdEncoding

// Wrap returns a slot holding dataKey, opened only by passphrase. The slot
// is text: "argon2id$v=19$m=…,t=…,p=…$salt$verifier$sealed key". The
// verifier (half of Argon2id's output) lets a wrong passphrase be told
// apart quickly and in constant time; the other half wraps the key.
func Wrap(dataKey []byte, passphrase string, p Params) (string, error) {
	if len(passphrase) > MaxPassphrase {
		return "", fmt.Errorf("vault: passphrase over %d bytes", MaxPassphrase)
	}
	salt := make([]byte, 16)
	rand.Read(salt)
	verifier, kek := derive(passphrase, salt, p)
	sealed, err := seal(kek, dataKey, []byte("data key"))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(verifier), sealed), nil
}

// Unwrap opens a slot with passphrase and returns the data key, or
// ErrWrongPassphrase.
func Unwrap(slot, passphrase string) ([]byte, error) {
	if len(passphrase) > MaxPassphrase {
		return nil, ErrWrongPassphrase
	}
	parts := strings.Split(slot, "$")
	if len(parts) != 6 || parts[0] != "argon2id" || parts[1] != fmt.Sprintf("v=%d", argon2.Version) {
		return nil, errors.New("vault: unreadable slot")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil ||
		p.Time < 1 || p.Time > 64 || p.MemoryKiB < 8*1024 || p.MemoryKiB > 4*1024*1024 || p.Threads < 1 {
		return nil, errors.New("vault: unreadable slot parameters")
	}
	salt, err1 := b64.DecodeString(parts[3])
	want, err2 := b64.DecodeString(parts[4])
	if err1 != nil || err2 != nil {
		return nil, errors.New("vault: unreadable slot")
	}
	verifier, kek := derive(passphrase, salt, p)
	if subtle.ConstantTimeCompare(verifier, want) != 1 {
		return nil, ErrWrongPassphrase
	}
	key, err := open(kek, parts[5], []byte("data key"))
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return key, nil
}

// SlotParams returns the Argon2id costs a slot was made with.
func SlotParams(slot string) (Params, bool) {
	parts := strings.Split(slot, "$")
	var p Params
	if len(parts) != 6 {
		return p, false
	}
	_, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads)
	return p, err == nil
}

func derive(passphrase string, salt []byte, p Params) (verifier, kek []byte) {
	out := argon2.IDKey([]byte(passphrase), salt, p.Time, p.MemoryKiB, p.Threads, 64)
	return out[:32], out[32:]
}

// Seal encrypts plaintext with the data key; aad (such as the secret's
// name) is bound to it, so a sealed value cannot be moved to another name.
func Seal(dataKey, plaintext []byte, aad string) (string, error) {
	return seal(dataKey, plaintext, []byte(aad))
}

// Open decrypts what Seal made with the same key and aad.
func Open(dataKey []byte, sealed, aad string) ([]byte, error) {
	return open(dataKey, sealed, []byte(aad))
}

func seal(key, plaintext, aad []byte) (string, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	rand.Read(nonce)
	return b64.EncodeToString(aead.Seal(nonce, nonce, plaintext, aad)), nil
}

func open(key []byte, sealed string, aad []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	b, err := b64.DecodeString(sealed)
	if err != nil || len(b) < aead.NonceSize()+aead.Overhead() {
		return nil, errors.New("vault: unreadable secret")
	}
	out, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], aad)
	if err != nil {
		return nil, errors.New("vault: the secret does not open with this key")
	}
	return out, nil
}

// RecoveryCode returns a new recovery code: 25 letters and digits in five
// groups, about 125 bits, easy to read aloud and type.
func RecoveryCode() string {
	b := make([]byte, 16)
	rand.Read(b)
	s := base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding).EncodeToString(b)[:25]
	return s[0:5] + "-" + s[5:10] + "-" + s[10:15] + "-" + s[15:20] + "-" + s[20:25]
}

// NormalizeRecoveryCode reads a recovery code as typed: any case, with or
// without hyphens and spaces.
func NormalizeRecoveryCode(s string) string {
	s = strings.ToUpper(strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1").Replace(strings.TrimSpace(s)))
	if len(s) != 25 {
		return s
	}
	return s[0:5] + "-" + s[5:10] + "-" + s[10:15] + "-" + s[15:20] + "-" + s[20:25]
}
