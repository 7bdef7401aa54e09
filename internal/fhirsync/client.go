package fhirsync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"whatmatters/internal/care"
)

// Defaults for a Config's zero values.
const (
	DefaultTimeout   = 30 * time.Second
	DefaultBatchSize = 200
	DefaultPageSize  = 500
	DefaultMaxBody   = 32 << 20 // bytes read from one answer at most
)

// Error is a sync failure: a care error with a plain message, and whether
// it was the network (the server could not be reached or did not answer in
// time), so the app can try again when the network returns.
type Error struct {
	Err     *care.Error
	Network bool
	tooBig  bool // an answer over the size cap
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap gives the care error, for care.ErrorMessage and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// IsNetwork reports whether err is a sync failure of the network.
func IsNetwork(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Network
}

// client talks FHIR R4 JSON to one server.
type client struct {
	base    *url.URL
	hc      *http.Client
	timeout time.Duration
	maxBody int64
	auth    func(ctx context.Context) (string, error) // the Authorization header, "" for none
	// kept says how many changes wait, for messages: "Your 3 changes are kept".
	kept func() int
}

// answer is a server's reply.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// host is the server's host, as messages name it.
func (c *client) host() string { return c.base.Host }

// url makes an absolute URL from a path relative to the base ("Patient?x=1").
func (c *client) url(rel string) string {
	b := strings.TrimRight(c.base.String(), "/")
	if rel == "" {
		return b
	}
	return b + "/" + strings.TrimLeft(rel, "/")
}

// sameServer reports whether an absolute URL the server gave (a next link)
// is on the server, so the credentials never go anywhere else.
func (c *client) sameServer(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == c.base.Scheme && p.Host == c.base.Host
}

// do sends one request (body JSON, or nil) and reads the answer, at most
// maxBody bytes, within the timeout. Errors are *Error with plain messages;
// a status of 400 and above is returned as an answer, not an error, except
// 401 and 403 (refused credentials) and 5xx.
func (c *client) do(ctx context.Context, method, u string, body []byte, header map[string]string) (*answer, error) {
	if err := ctx.Err(); err != nil {
		return nil, c.stopped()
	}
	rctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(rctx, method, u, rd)
	if err != nil {
		return nil, c.fail(false, "The FHIR server address %s cannot be used. Check it in Settings", c.host())
	}
	req.Header.Set("Accept", "application/fhir+json")
	if body != nil {
		req.Header.Set("Content-Type", "application/fhir+json; charset=utf-8")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if c.auth != nil {
		a, err := c.auth(ctx)
		if err != nil {
			return nil, err
		}
		if a != "" {
			req.Header.Set("Authorization", a)
		}
	}
	a, err := c.roundTrip(ctx, rctx, req)
	if err != nil {
		return nil, err
	}
	switch {
	case a.status == http.StatusUnauthorized || a.status == http.StatusForbidden:
		return nil, c.fail(false, "The FHIR server at %s refused the credentials (%d %s). Check the token or client details in the sync settings, "+
			"or ask the server's administrator", c.host(), a.status, http.StatusText(a.status))
	case a.status >= 500:
		return nil, c.fail(false, "The FHIR server at %s had a problem of its own (%d %s). Try again later; if it keeps happening, tell the server's administrator",
			c.host(), a.status, http.StatusText(a.status))
	}
	if len(a.body) > 0 && !isJSON(a.header.Get("Content-Type")) {
		return nil, c.fail(false, "The FHIR server at %s did not answer in FHIR JSON (it sent %q). Check the server address in the sync settings",
			c.host(), mediaType(a.header.Get("Content-Type")))
	}
	return a, nil
}

// readCapped reads at most max+1 bytes: more than max means too big.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, max+1))
}

func (c *client) tooBig() error {
	err := c.fail(false, "The FHIR server at %s sent an answer larger than %s, more than this app reads at once, so nothing from it was used",
		c.host(), megabytes(c.maxBody))
	err.(*Error).tooBig = true
	return err
}

// isTooBig reports whether err is an answer over the size cap.
func isTooBig(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.tooBig
}

func megabytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// json decodes an answer's body, with a plain message if it is not JSON.
func (c *client) json(a *answer, v any) error {
	if err := json.Unmarshal(a.body, v); err != nil {
		return c.malformed()
	}
	return nil
}

func (c *client) malformed() error {
	return c.fail(false, "The FHIR server at %s sent an answer that is not valid JSON, so nothing from it was used", c.host())
}

// transport turns a failure to reach the server into a plain message.
func (c *client) transport(ctx, rctx context.Context, err error) error {
	if ctx.Err() != nil {
		return c.stopped()
	}
	var ne net.Error
	if errors.Is(rctx.Err(), context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return c.fail(true, "The FHIR server at %s did not answer within %s", c.host(), seconds(c.timeout))
	}
	return c.fail(true, "Could not reach the FHIR server at %s", c.host())
}

func (c *client) stopped() error {
	return c.fail(false, "The sync was stopped before it finished")
}

// fail makes an *Error, adding that the changes are kept.
func (c *client) fail(network bool, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...) + ". " + keptSentence(c.kept())
	return &Error{Err: care.Errorf(care.EINVALID, "%s", msg), Network: network}
}

// keptSentence says the changes are kept: "Your 3 changes are kept and will be sent next time."
func keptSentence(n int) string {
	switch {
	case n == 1:
		return "Your 1 change is kept and will be sent next time."
	case n > 1:
		return fmt.Sprintf("Your %d changes are kept and will be sent next time.", n)
	default:
		return "Nothing on this laptop was changed by it."
	}
}

func seconds(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		if d == time.Second {
			return "1 second"
		}
		return fmt.Sprintf("%d seconds", d/time.Second)
	}
	return d.String()
}

func mediaType(ct string) string {
	t, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ct
	}
	return t
}

func isJSON(ct string) bool {
	t := mediaType(ct)
	return t == "application/fhir+json" || t == "application/json" || strings.HasSuffix(t, "+json")
}

// roundTrip sends req (made with rctx, ctx's child with the request's
// timeout) and reads the answer, at most maxBody of it.
func (c *client) roundTrip(ctx, rctx context.Context, req *http.Request) (*answer, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.transport(ctx, rctx, err)
	}
	defer resp.Body.Close()
	b, err := readCapped(resp.Body, c.maxBody)
	if err != nil {
		return nil, c.transport(ctx, rctx, err)
	}
	if int64(len(b)) > c.maxBody {
		return nil, c.tooBig()
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: b}, nil
}
