package parser

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Format prints f in canonical layout, in the tradition of gofmt: the
// spelling of the code is canonical (two-space indentation, single spaces
// around binary operators, one space inside a one-line brace block), and
// the layout choices of the author are kept where they carry meaning:
//
//   - Blank lines between declarations, members and statements are kept,
//     a run of them collapsed to one; none are inserted. (A tree built by
//     hand, without positions, gets one between top-level declarations.)
//   - A brace block written on one line stays on one line when it holds
//     only simple statements (no nested block) or fields, and the line fits
//     in maxWidth columns: `on start { x = 1; timer t after 1s }`,
//     `if c { y = 2 } else { y = 3 }`, `message M { a int; b int }`.
//     Otherwise every statement and field goes on its own line.
//   - Simple statements written on one line, `a = 1; b = 2`, stay on one
//     line, joined by "; ", when the line fits; otherwise each gets a line.
//   - A line break inside an expression is kept where the author put it
//     next to a binary operator or "..", after the ":" of a quantifier,
//     after a comma between elements, arguments or fields, and after the
//     ":" of a property or the "=" of a let, var or assignment; the
//     operator ends the line, and the continuation lines are indented one
//     level deeper than the first. Other breaks are joined.
//
// Every comment of f.Comments is kept: a comment that followed code on its
// line stays at the end of the printed line, one on a line of its own stays
// on a line of its own before the code that followed it.
//
// Format is idempotent on parsed files: Format of the parse of Format(f) is
// Format(f).
func Format(f *File) []byte {
	p := &printer{lay: layoutOf(f)}
	p.comments = append(p.comments, f.Comments...)
	p.file(f)
	var b strings.Builder
	for _, l := range p.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// maxWidth is the width, indentation included, up to which a block or a
// run of statements written on one line is kept on one line.
const maxWidth = 100

type printer struct {
	lines    []string
	indent   int
	comments []*Comment
	ci       int // next comment to print
	lay      *layout

	prevEnd    int  // source line where the last printed thing ended
	blockStart bool // nothing printed yet in the current block: no blank line
	forceBlank bool // the next thing printed is preceded by a blank line
	// lineComment is set when the last line ends in a // comment: nothing
	// can be appended to it.
	lineComment bool
}

func (p *printer) line(s string) {
	p.lines = append(p.lines, strings.Repeat("  ", p.indent)+s)
	p.lineComment = false
}

// print prints the lines of one statement or declaration: the lines after
// the first are continuation lines, one level deeper.
func (p *printer) print(ls []string) {
	p.line(ls[0])
	p.indent++
	for _, l := range ls[1:] {
		p.line(l)
	}
	p.indent--
}

// code prints parts as render does.
func (p *printer) code(parts ...any) { p.print(render(p, parts...)) }

// fits reports whether s fits in maxWidth at the current indentation.
func (p *printer) fits(s string) bool {
	return 2*p.indent+utf8.RuneCountInString(s) <= maxWidth
}

func (p *printer) appendLast(s string) {
	p.lines[len(p.lines)-1] += s
}

// sep prints the blank line that goes before something starting on source
// line start.
func (p *printer) sep(start int) {
	switch {
	case p.forceBlank:
		if len(p.lines) > 0 {
			p.lines = append(p.lines, "")
		}
	case p.blockStart:
	case p.prevEnd > 0 && start > p.prevEnd+1:
		p.lines = append(p.lines, "")
	}
	p.forceBlank = false
	p.blockStart = false
}

// next returns the next comment to print if it starts before offset off,
// and whether it is trailing: code or another comment precedes it on its
// line.
func (p *printer) next(off int) (c *Comment, trailing bool) {
	if p.ci >= len(p.comments) || p.comments[p.ci].Pos.Offset >= off {
		return nil, false
	}
	c = p.comments[p.ci]
	p.ci++
	trailing = p.lay.trailing(c)
	if i := p.ci - 2; i >= 0 {
		prev := p.comments[i]
		trailing = trailing || commentEnd(prev) == c.Pos.Line
	}
	return c, trailing
}

// commentEnd is the source line where c ends.
func commentEnd(c *Comment) int { return c.Pos.Line + strings.Count(c.Text, "\n") }

// flush prints the comments that start before offset off.
func (p *printer) flush(off int) {
	for {
		c, trailing := p.next(off)
		if c == nil {
			return
		}
		if trailing && len(p.lines) > 0 && p.lines[len(p.lines)-1] != "" && !p.lineComment {
			p.appendLast(" " + c.Text)
		} else {
			p.sep(c.Pos.Line)
			p.line(c.Text)
		}
		p.lineComment = strings.HasPrefix(c.Text, "//")
		p.prevEnd = max(p.prevEnd, commentEnd(c))
	}
}

// flushInto writes the comments that start before offset off into the
// expression being written by w, which breaks its line there: a trailing
// comment ends the line being written, one on a line of its own gets a line.
func (p *printer) flushInto(w *exprWriter, off int) {
	for {
		c, trailing := p.next(off)
		if c == nil {
			return
		}
		if !trailing || w.lineComment {
			w.newline()
		}
		if w.b.Len() > 0 {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(c.Text)
		w.lineComment = strings.HasPrefix(c.Text, "//")
		p.prevEnd = max(p.prevEnd, commentEnd(c))
	}
}

// hasComments reports whether a comment not yet printed starts before off.
func (p *printer) hasComments(off int) bool {
	return p.ci < len(p.comments) && p.comments[p.ci].Pos.Offset < off
}

// endLine is the source line of the last code token before offset off.
func (p *printer) endLine(off int) int {
	_, line, ok := p.lay.lastBefore(off)
	if !ok {
		return 0
	}
	return line
}

// oneLine reports whether the construct that starts on source line start
// and ends before offset next was written on one line, with no comment
// inside.
func (p *printer) oneLine(start, next int) bool {
	off, line, ok := p.lay.lastBefore(next)
	return ok && start > 0 && line == start && !p.hasComments(off)
}

func (p *printer) file(f *File) {
	p.flush(f.Pos.Offset)
	p.sep(f.Pos.Line)
	p.line("algorithm " + identName(f.Name))
	p.prevEnd = f.Pos.Line
	if f.Name != nil {
		p.prevEnd = f.Name.Pos.Line
	}
	for i, d := range f.Decls {
		next := math.MaxInt
		if i+1 < len(f.Decls) && f.Decls[i+1] != nil {
			next = f.Decls[i+1].Position().Offset
		}
		if d == nil || isNilNode(d) {
			continue
		}
		start := d.Position()
		// Without positions there is no layout to keep.
		p.forceBlank = start.Line == 0
		p.flush(start.Offset)
		p.sep(start.Line)
		p.decl(d, next)
		p.prevEnd = max(p.prevEnd, p.endLine(next))
	}
	p.flush(math.MaxInt)
}

func (p *printer) decl(d Decl, next int) {
	switch d := d.(type) {
	case *ImportDecl:
		p.line(importString(d))
	case *ParamDecl:
		parts := []any{"param " + identName(d.Name) + " " + typeString(d.Type)}
		if d.Default != nil {
			parts = append(parts, " = ", d.Default)
		}
		p.code(parts...)
	case *SharedDecl:
		parts := []any{"shared " + identName(d.Kind) + " " + identName(d.Name)}
		if d.Init != nil {
			parts = append(parts, " = ", d.Init)
		}
		p.code(parts...)
	case *TypeDecl:
		p.fields("type "+identName(d.Name), d.Pos.Offset, d.Pos.Line, d.Fields, next)
	case *MessageDecl:
		p.fields("message "+identName(d.Name), d.Pos.Offset, d.Pos.Line, d.Fields, next)
	case *ProcessDecl:
		p.process(d, next)
	case *PropertyDecl:
		p.code(d.Kind+" "+identName(d.Name)+":", gapped{d.Expr})
	case *FuncDecl:
		p.funcDecl(d, next)
	}
}

// closing returns the offset and line of the closing brace of a
// declaration that ends before next.
func (p *printer) closing(start, next int) (int, int) {
	off, line, ok := p.lay.lastBefore(next)
	if !ok || off < start {
		return start, 0
	}
	return off, line
}

func (p *printer) fields(header string, start, startLine int, fields []*Field, next int) {
	closeOff, closeLine := p.closing(start, next)
	if len(fields) == 0 && !p.hasComments(closeOff) {
		p.line(header + " {}")
		return
	}
	if closeLine == startLine && !p.hasComments(closeOff) {
		parts := make([]string, 0, len(fields))
		for _, f := range fields {
			parts = append(parts, fieldString(f))
		}
		if s := header + " { " + strings.Join(parts, "; ") + " }"; p.fits(s) {
			p.line(s)
			return
		}
	}
	p.line(header + " {")
	p.indent++
	p.blockStart = true
	p.prevEnd = startLine
	for i, f := range fields {
		if f == nil {
			continue
		}
		nextOff := closeOff
		if i+1 < len(fields) && fields[i+1] != nil {
			nextOff = fields[i+1].Pos.Offset
		}
		p.flush(f.Pos.Offset)
		p.sep(f.Pos.Line)
		p.line(fieldString(f))
		p.prevEnd = max(p.prevEnd, p.endLine(nextOff))
	}
	p.flush(closeOff)
	p.indent--
	p.blockStart = false
	p.line("}")
}

func fieldString(f *Field) string {
	if f == nil {
		return ""
	}
	return identName(f.Name) + " " + typeString(f.Type)
}

func (p *printer) process(d *ProcessDecl, next int) {
	header := []any{"process " + identName(d.Name) + " on "}
	header = append(header, placementParts(d.Placement)...)
	closeOff, _ := p.closing(d.Pos.Offset, next)
	if len(d.Members) == 0 && !p.hasComments(closeOff) {
		p.print(suffix(render(p, header...), " {}"))
		return
	}
	p.print(suffix(render(p, header...), " {"))
	p.indent++
	p.blockStart = true
	p.prevEnd = d.Pos.Line
	for i, m := range d.Members {
		if m == nil || isNilNode(m) {
			continue
		}
		nextOff := closeOff
		if i+1 < len(d.Members) && d.Members[i+1] != nil {
			nextOff = d.Members[i+1].Position().Offset
		}
		start := m.Position()
		p.flush(start.Offset)
		p.sep(start.Line)
		switch m := m.(type) {
		case *VarDecl:
			s := "var " + identName(m.Name) + " " + typeString(m.Type)
			if m.Durable {
				s = "durable " + s
			}
			if m.Init != nil {
				p.code(s+" =", gapped{m.Init})
			} else {
				p.line(s)
			}
		case *Handler:
			h := []any{"on " + eventString(m.Event)}
			if m.Guard != nil {
				h = append(h, " when ", m.Guard)
			}
			p.member(h, m.Body, start.Line, nextOff)
		case *FuncDecl:
			p.funcDecl(m, nextOff)
		case *ProcDecl:
			p.member([]any{"proc " + signature(m.Name, m.Params)}, m.Body, start.Line, nextOff)
		}
		p.prevEnd = max(p.prevEnd, p.endLine(nextOff))
	}
	p.flush(closeOff)
	p.indent--
	p.blockStart = false
	p.line("}")
}

// suffix appends s to the last of ls.
func suffix(ls []string, s string) []string {
	ls[len(ls)-1] += s
	return ls
}

func identName(id *Ident) string {
	if id == nil {
		return ""
	}
	return id.Name
}

func typeString(t *TypeExpr) string {
	if t == nil {
		return ""
	}
	if t.Tuple {
		parts := make([]string, len(t.Args))
		for i, a := range t.Args {
			parts[i] = typeString(a)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	s := identName(t.Name)
	if len(t.Args) > 0 {
		args := make([]string, len(t.Args))
		for i, a := range t.Args {
			args[i] = typeString(a)
		}
		s += "<" + strings.Join(args, ", ") + ">"
	}
	return s
}

func placementParts(pl *Placement) []any {
	switch {
	case pl == nil:
		return nil
	case pl.All:
		return []any{"all"}
	case pl.Others:
		return []any{"others"}
	}
	return []any{pl.Ranks}
}

func eventString(e *Event) string {
	switch {
	case e == nil:
		return ""
	case e.Start:
		return "start"
	case e.Recover:
		return "recover"
	case e.Timer != nil:
		return "timer " + e.Timer.Name
	}
	s := identName(e.Message)
	if e.Component != nil {
		return s + componentEventString(e.Component)
	}
	if e.Binding != nil {
		s += " " + e.Binding.Name
	}
	if e.From != nil {
		s += " from " + e.From.Name
	}
	return s
}
