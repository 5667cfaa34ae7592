package parser

import (
	"runtime"
	"sort"
	"sync"
	"weak"

	"github.com/alecthomas/participle/v2/lexer"
)

// layout knows where the code tokens (everything but comments and white
// space) of a file are. The formatter uses it to tell a comment that ends a
// line of code from one on a line of its own, and to find the closing brace
// of a declaration, which the syntax tree does not record.
//
// Parse records the layout of every file it returns, keyed weakly by the
// *File so that it is dropped with the tree; for a tree built by hand the
// formatter falls back on the positions of the nodes.
type layout struct {
	offs  []int // ascending
	lines []int
}

var (
	layoutMu sync.Mutex
	layouts  = map[weak.Pointer[File]]*layout{}
)

func recordLayout(f *File, toks []lexer.Token) {
	l := &layout{}
	for _, t := range toks {
		if t.EOF() || t.Type == tokComment || t.Type == tokWhitespace {
			continue
		}
		l.offs = append(l.offs, t.Pos.Offset)
		l.lines = append(l.lines, t.Pos.Line)
	}
	k := weak.Make(f)
	layoutMu.Lock()
	layouts[k] = l
	layoutMu.Unlock()
	runtime.AddCleanup(f, func(k weak.Pointer[File]) {
		layoutMu.Lock()
		delete(layouts, k)
		layoutMu.Unlock()
	}, k)
}

// layoutOf returns the recorded layout of f, or one made from the
// positions in the tree.
func layoutOf(f *File) *layout {
	layoutMu.Lock()
	l := layouts[weak.Make(f)]
	layoutMu.Unlock()
	if l != nil {
		return l
	}
	type pl struct{ off, line int }
	var ps []pl
	addPos := func(p lexer.Position) {
		if p.Line > 0 {
			ps = append(ps, pl{p.Offset, p.Line})
		}
	}
	Inspect(f, func(n Node) bool {
		addPos(lexer.Position{Offset: n.Position().Offset, Line: n.Position().Line})
		switch n := n.(type) {
		case *Block:
			addPos(n.End)
		case *Composite:
			addPos(n.End)
		}
		return true
	})
	sort.Slice(ps, func(i, j int) bool { return ps[i].off < ps[j].off })
	l = &layout{}
	for _, p := range ps {
		l.offs = append(l.offs, p.off)
		l.lines = append(l.lines, p.line)
	}
	return l
}

// lastBefore returns the offset and line of the last code token before
// offset off, or ok == false when there is none.
func (l *layout) lastBefore(off int) (offset, line int, ok bool) {
	i := sort.SearchInts(l.offs, off) - 1
	if i < 0 {
		return 0, 0, false
	}
	return l.offs[i], l.lines[i], true
}

// trailing reports whether code precedes the comment c on its line.
func (l *layout) trailing(c *Comment) bool {
	_, line, ok := l.lastBefore(c.Pos.Offset)
	return ok && line == c.Pos.Line
}

// brokenBefore reports whether a line break separates the code token at
// offset off from the token two before it: the expression that starts at
// off from the one before the operator, ":" or "," between them.
func (l *layout) brokenBefore(off int) bool {
	i := sort.SearchInts(l.offs, off)
	if i < 2 || i >= len(l.offs) || l.offs[i] != off {
		return false
	}
	return l.lines[i] > l.lines[i-2]
}
