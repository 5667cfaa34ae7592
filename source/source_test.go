package source

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestErrorListSortsDeduplicatesAndCaps(t *testing.T) {
	var l ErrorList
	l.Add(Pos{File: "a.dsa", Line: 3, Col: 1}, "third")
	l.Add(Pos{File: "a.dsa", Line: 1, Col: 5}, "first")
	l.Add(Pos{File: "a.dsa", Line: 1, Col: 5}, "first")
	l.Add(Pos{File: "a.dsa", Line: 2, Col: 9}, "second")
	got := l.Sorted()
	if len(got) != 3 || got[0].Msg != "first" || got[1].Msg != "second" || got[2].Msg != "third" {
		t.Fatalf("Sorted() = %v", got)
	}
	for i := 0; i < 2*MaxErrors; i++ {
		l.Add(Pos{File: "a.dsa", Line: 10 + i, Col: 1}, "more")
	}
	cut := l.Sorted()
	if n := len(cut); n != MaxErrors+1 {
		t.Fatalf("Sorted() kept %d errors, want %d and a last one saying there were too many", n, MaxErrors)
	}
	if last := cut[MaxErrors]; last.Msg != TooManyErrors || last.Pos.Line != 10+MaxErrors-3 {
		t.Fatalf("last diagnostic = %v, want %q at the first one left out", last, TooManyErrors)
	}
	if again := cut.Sorted(); len(again) != len(cut) || again[MaxErrors].Msg != TooManyErrors {
		t.Fatalf("Sorted() of a cut list = %v", again)
	}
	if (ErrorList{}).Err() != nil {
		t.Fatal("an empty list is not an error")
	}
}

func TestPrintShowsLineAndCaret(t *testing.T) {
	src := map[string][]byte{"p.dsa": []byte("algorithm p\n\tvar x intt\n")}
	var l ErrorList
	l.Add(Pos{File: "p.dsa", Line: 2, Col: 8}, "undefined type: intt (did you mean int?)")
	var out bytes.Buffer
	Print(&out, l.Err(), src)
	want := "p.dsa:2:8: undefined type: intt (did you mean int?)\n    \tvar x intt\n    \t      ^\n"
	if out.String() != want {
		t.Fatalf("Print:\n%q\nwant\n%q", out.String(), want)
	}
	out.Reset()
	Print(&out, errors.New("plain"), src)
	if strings.TrimSpace(out.String()) != "plain" {
		t.Fatalf("a plain error prints as it is, got %q", out.String())
	}
}

func TestSnippetCutsLongLines(t *testing.T) {
	line := strings.Repeat("a", 1000) + "X" + strings.Repeat("b", 1000)
	got := Snippet(line, 1001)
	text, caret, _ := strings.Cut(strings.TrimPrefix(got, "    "), "\n    ")
	if len(text) > maxSnippet+6 || !strings.HasPrefix(text, "...a") || !strings.HasSuffix(text, "b...") {
		t.Fatalf("long line shown as %q", text)
	}
	if i := strings.IndexByte(caret, '^'); i < 0 || text[i] != 'X' {
		t.Fatalf("caret %q is not under the X of %q", caret, text)
	}
	if got := Snippet(strings.Repeat("é", 200), 1); !utf8.ValidString(got) {
		t.Fatalf("cut inside a rune: %q", got)
	}
}
