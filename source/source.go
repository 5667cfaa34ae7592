// Package source holds what every stage of the compiler shares about input
// text: positions, diagnostics, sorted error lists, and the printer that
// shows a diagnostic with its source line and a caret under the column.
//
// It imports nothing of the compiler and nothing outside the standard
// library.
package source

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a source file. Lines and columns start at 1; a zero
// Pos means "no position".
type Pos struct {
	File   string
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether p names a place in a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as file:line:col.
func (p Pos) String() string {
	file := p.File
	if file == "" {
		file = "<input>"
	}
	if !p.IsValid() {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Before reports whether p comes before q in the same file.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Diagnostic is an error found in the input, at a position.
type Diagnostic struct {
	Pos Pos
	Msg string
}

func (d *Diagnostic) Error() string { return d.Pos.String() + ": " + d.Msg }

// MaxErrors is how many diagnostics a stage reports; a list cut there ends
// with one more, TooManyErrors, so that the cut is not silent.
const MaxErrors = 10

// TooManyErrors is the message of the diagnostic that ends a list cut
// after MaxErrors diagnostics; it sits at the first diagnostic left out.
const TooManyErrors = "too many errors"

// ErrorList collects diagnostics; the zero value is ready to use.
type ErrorList []*Diagnostic

// Add records a diagnostic at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Len, Less and Swap sort diagnostics by position.
func (l ErrorList) Len() int           { return len(l) }
func (l ErrorList) Less(i, j int) bool { return l[i].Pos.Before(l[j].Pos) }
func (l ErrorList) Swap(i, j int)      { l[i], l[j] = l[j], l[i] }

// Sorted returns the diagnostics sorted by position, without duplicates
// (same position and message), at most MaxErrors of them followed, when
// more were found, by a TooManyErrors diagnostic.
func (l ErrorList) Sorted() ErrorList {
	out := append(ErrorList(nil), l...)
	sort.Stable(out)
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d.Pos == out[i-1].Pos && d.Msg == out[i-1].Msg {
			continue
		}
		dedup = append(dedup, d)
	}
	if len(dedup) > MaxErrors {
		dedup = append(dedup[:MaxErrors], &Diagnostic{Pos: dedup[MaxErrors].Pos, Msg: TooManyErrors})
	}
	return dedup
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Sorted()
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Print writes every diagnostic in err as file:line:col: message, followed
// by the source line and a caret under the column. src maps a file name to
// its contents; files it lacks are printed without a snippet. Errors that
// are not diagnostics are printed as they are.
func Print(w interface{ Write([]byte) (int, error) }, err error, src map[string][]byte) {
	var list ErrorList
	switch e := err.(type) {
	case ErrorList:
		list = e
	case *Diagnostic:
		list = ErrorList{e}
	default:
		fmt.Fprintln(w, err)
		return
	}
	for _, d := range list {
		fmt.Fprintln(w, d.Error())
		if d.Msg == TooManyErrors {
			continue
		}
		if line, ok := sourceLine(src[d.Pos.File], d.Pos.Line); ok {
			fmt.Fprint(w, Snippet(line, d.Pos.Col))
		}
	}
}

// Snippet renders a source line and a caret under column col (1-based,
// counted in bytes as positions are). Tabs in the line are kept in the
// caret's indentation so the caret lines up in a terminal.
//
// A line longer than maxSnippet bytes is cut to a window around the column,
// with "..." where text was left out, so that one long line does not flood
// the terminal.
func Snippet(line string, col int) string {
	if len(line) > maxSnippet {
		from := max(0, min(col-1-maxSnippet/2, len(line)-maxSnippet))
		to := min(len(line), from+maxSnippet)
		for from > 0 && !utf8.RuneStart(line[from]) {
			from--
		}
		for to < len(line) && !utf8.RuneStart(line[to]) {
			to++
		}
		cut := line[from:to]
		col -= from
		if from > 0 {
			cut = "..." + cut
			col += 3
		}
		if to < len(line) {
			cut += "..."
		}
		line = cut
	}
	var b strings.Builder
	b.WriteString("    ")
	b.WriteString(line)
	b.WriteString("\n    ")
	for i := 0; i < col-1 && i < len(line); i++ {
		if line[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString("^\n")
	return b.String()
}

// maxSnippet is the most bytes of a source line a snippet shows.
const maxSnippet = 160

func sourceLine(src []byte, line int) (string, bool) {
	if src == nil || line < 1 {
		return "", false
	}
	lines := strings.Split(string(src), "\n")
	if line > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[line-1], "\r"), true
}
