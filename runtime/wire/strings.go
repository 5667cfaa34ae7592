package wire

// Strings remembers the strings a decoder made lately, so that a string
// received again — a name, a tag, the same padding in every message — is
// not allocated again: on a backend carrying a few million messages a
// second, a string allocated per message keeps the garbage collector busy
// on a core the ranks need. Strings are immutable, so handing out one
// value twice is safe. One goroutine at a time may use a Strings.
type Strings struct {
	slot [stringSlots]string
}

const (
	stringSlots = 64
	// maxRemembered bounds what a Strings keeps alive: 64 KiB at most.
	maxRemembered = 1 << 10
)

// StringsOwner is implemented by a handler context (runtime.Context) that
// keeps a Strings for the messages it receives.
type StringsOwner interface {
	WireStrings() *Strings
}

// DecoderFor returns a decoder reading b that takes its strings from the
// Strings of ctx when ctx is a StringsOwner. It costs nothing more than
// NewDecoder until a string is decoded.
func DecoderFor(ctx any, b []byte) *Decoder { return &Decoder{buf: b, ctx: ctx} }

// remembered returns b as a string from the Strings of ctx, if it has
// one. It is kept out of Decoder.String so that decoding a string that
// is not looked up pays nothing for it.
//
//go:noinline
func remembered(ctx any, b []byte) string {
	if o, ok := ctx.(StringsOwner); ok {
		return o.WireStrings().get(b)
	}
	return string(b)
}

// get returns b as a string, the one remembered if it has the same bytes.
func (c *Strings) get(b []byte) string {
	n := len(b)
	if n == 0 || n > maxRemembered {
		return string(b)
	}
	// A cheap hash: a miss costs only the allocation it was anyway.
	i := (uint(n)*0x9e37 ^ uint(b[0])<<3 ^ uint(b[n-1])<<6 ^ uint(b[n/2])) % stringSlots
	if s := c.slot[i]; s == string(b) { // compared without a conversion
		return s
	}
	s := string(b)
	c.slot[i] = s
	return s
}
