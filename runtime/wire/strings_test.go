package wire

import (
	"strings"
	"testing"
)

type owner struct{ s Strings }

func (o *owner) WireStrings() *Strings { return &o.s }

// TestStringsRemembers: a string decoded again through a StringsOwner is
// the one decoded before (no allocation); different strings, empty ones
// and long ones decode to their own bytes whatever the slots hold.
func TestStringsRemembers(t *testing.T) {
	var o owner
	pad := strings.Repeat("x", 57)
	frame := AppendString(AppendInt(nil, 3), pad)
	decode := func(ctx any, b []byte) (int64, string) {
		d := DecoderFor(ctx, b)
		i, s := d.Int(), d.String()
		if err := d.Finish(); err != nil {
			t.Fatal(err)
		}
		return i, s
	}
	if _, s := decode(&o, frame); s != pad {
		t.Fatalf("decoded %q", s)
	}
	if a := testing.AllocsPerRun(100, func() { decode(&o, frame) }); a != 0 {
		t.Errorf("%v allocations decoding a string received before, want 0", a)
	}
	if a := testing.AllocsPerRun(100, func() { decode(nil, frame) }); a != 1 {
		t.Errorf("%v allocations without a StringsOwner, want 1", a)
	}
	long := strings.Repeat("y", 2000)
	for i, s := range []string{"", "a", "ab", "ba", "xx", pad + "y", "y" + pad, long, long, pad} {
		if _, got := decode(&o, AppendString(AppendInt(nil, 1), s)); got != s {
			t.Fatalf("string %d: decoded %q, want %q", i, got, s)
		}
	}
}
