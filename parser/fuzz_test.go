package parser

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dsac-lang/dsac/source"
)

// FuzzParse checks that Parse never panics, that its errors are
// diagnostics with positions, and that a file that parses formats to text
// that parses to the same tree and formats to the same text.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*.dsa", "testdata/format/*.dsa", "../algorithms/*.dsa"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkRoundTrip(t, src)
	})
}

func checkRoundTrip(t *testing.T, src []byte) {
	t.Helper()
	file, err := Parse("fuzz.dsa", src)
	if err != nil {
		var list source.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("error is %T, not a source.ErrorList: %v", err, err)
		}
		if len(list) == 0 {
			t.Fatalf("empty error list")
		}
		for _, d := range list {
			if !d.Pos.IsValid() || d.Pos.File != "fuzz.dsa" {
				t.Fatalf("diagnostic without position: %v", d)
			}
			if strings.Contains(d.Msg, "internal error") {
				t.Fatalf("parser panicked: %v", d)
			}
		}
		return
	}
	out := Format(file)
	file2, err := Parse("fuzz.dsa", out)
	if err != nil {
		t.Fatalf("formatted output does not parse: %v\ninput:\n%s\noutput:\n%s", err, src, out)
	}
	if d1, d2 := dump(file), dump(file2); d1 != d2 {
		t.Fatalf("formatted output parses to a different tree\ninput:\n%s\noutput:\n%s\n%s\n%s", src, out, d1, d2)
	}
	if len(file.Comments) != len(file2.Comments) {
		t.Fatalf("formatting lost comments: %d before, %d after\ninput:\n%s\noutput:\n%s", len(file.Comments), len(file2.Comments), src, out)
	}
	for i, c := range file.Comments {
		if c.Text != file2.Comments[i].Text {
			t.Fatalf("comment %d changed: %q became %q\ninput:\n%s\noutput:\n%s", i, c.Text, file2.Comments[i].Text, src, out)
		}
	}
	out2 := Format(file2)
	if !bytes.Equal(out, out2) {
		t.Fatalf("formatting is not idempotent\ninput:\n%s\nfirst:\n%s\nsecond:\n%s", src, out, out2)
	}
}
