package parser

import (
	"math"
	"strconv"
	"strings"
)

// Format prints f in canonical layout: two-space indentation, one
// declaration, member or statement per line, one blank line between
// top-level declarations (blank lines between members and statements are
// kept, at most one), single spaces around binary operators. Every comment
// of f.Comments is kept: a comment that followed code on its line stays at
// the end of the printed line, one on a line of its own stays on a line of
// its own before the code that followed it.
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

// flush prints the comments that start before offset off.
func (p *printer) flush(off int) {
	for p.ci < len(p.comments) && p.comments[p.ci].Pos.Offset < off {
		c := p.comments[p.ci]
		p.ci++
		end := c.Pos.Line + strings.Count(c.Text, "\n")
		// A comment is trailing when code or another comment precedes it
		// on its line.
		trailing := p.lay.trailing(c)
		if i := p.ci - 2; i >= 0 {
			prev := p.comments[i]
			trailing = trailing || prev.Pos.Line+strings.Count(prev.Text, "\n") == c.Pos.Line
		}
		if trailing && len(p.lines) > 0 && p.lines[len(p.lines)-1] != "" && !p.lineComment {
			p.appendLast(" " + c.Text)
		} else {
			p.sep(c.Pos.Line)
			p.line(c.Text)
		}
		p.lineComment = strings.HasPrefix(c.Text, "//")
		p.prevEnd = max(p.prevEnd, end)
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
		p.forceBlank = true
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
		s := "param " + identName(d.Name) + " " + typeString(d.Type)
		if d.Default != nil {
			s += " = " + exprString(d.Default)
		}
		p.line(s)
	case *SharedDecl:
		s := "shared " + identName(d.Kind) + " " + identName(d.Name)
		if d.Init != nil {
			s += " = " + exprString(d.Init)
		}
		p.line(s)
	case *TypeDecl:
		p.fields("type "+identName(d.Name), d.Pos.Offset, d.Pos.Line, d.Fields, next)
	case *MessageDecl:
		p.fields("message "+identName(d.Name), d.Pos.Offset, d.Pos.Line, d.Fields, next)
	case *ProcessDecl:
		p.process(d, next)
	case *PropertyDecl:
		p.line(d.Kind + " " + identName(d.Name) + ": " + exprString(d.Expr))
	case *FuncDecl:
		p.funcDecl(d)
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
		p.line(header + " { " + strings.Join(parts, "; ") + " }")
		return
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
	header := "process " + identName(d.Name) + " on " + placementString(d.Placement)
	closeOff, _ := p.closing(d.Pos.Offset, next)
	if len(d.Members) == 0 && !p.hasComments(closeOff) {
		p.line(header + " {}")
		return
	}
	p.line(header + " {")
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
				s += " = " + exprString(m.Init)
			}
			p.line(s)
		case *Handler:
			h := "on " + eventString(m.Event)
			if m.Guard != nil {
				h += " when " + exprString(m.Guard)
			}
			p.block(h, m.Body)
		case *FuncDecl:
			p.funcDecl(m)
		case *ProcDecl:
			p.block("proc "+signature(m.Name, m.Params), m.Body)
		}
		p.prevEnd = max(p.prevEnd, p.endLine(nextOff))
	}
	p.flush(closeOff)
	p.indent--
	p.blockStart = false
	p.line("}")
}

// block prints header, the block b and its closing brace.
func (p *printer) block(header string, b *Block) {
	if b == nil {
		p.line(header + " {}")
		return
	}
	if len(b.Stmts) == 0 && !p.hasComments(b.End.Offset) {
		p.line(header + " {}")
		return
	}
	p.line(header + " {")
	p.body(b)
	p.line("}")
}

// body prints the statements of b and the comments before its closing
// brace, one level deeper.
func (p *printer) body(b *Block) {
	p.indent++
	p.blockStart = true
	p.prevEnd = b.Pos.Line
	for i, s := range b.Stmts {
		if s == nil || isNilNode(s) {
			continue
		}
		nextOff := b.End.Offset
		var nextStmt Stmt
		if i+1 < len(b.Stmts) && b.Stmts[i+1] != nil && !isNilNode(b.Stmts[i+1]) {
			nextStmt = b.Stmts[i+1]
			nextOff = nextStmt.Position().Offset
		}
		start := s.Position()
		p.flush(start.Offset)
		p.sep(start.Line)
		p.stmt(s)
		if nextStmt != nil && endsWithExpr(s) && startsWithContinuation(nextStmt) {
			// Without the ";" the next statement would continue this one.
			p.appendLast(";")
		}
		p.prevEnd = max(p.prevEnd, p.endLine(nextOff))
	}
	p.flush(b.End.Offset)
	p.indent--
	p.blockStart = false
	p.prevEnd = max(p.prevEnd, b.End.Line)
}

func (p *printer) stmt(s Stmt) {
	switch s := s.(type) {
	case *IfStmt:
		p.ifStmt(s, "")
	case *ForStmt:
		h := "for " + binderString(s.Key, s.KeyTuple)
		if s.Value != nil || s.ValueTuple != nil {
			h += ", " + binderString(s.Value, s.ValueTuple)
		}
		p.block(h+" in "+exprString(s.Range), s.Body)
	case *LetStmt:
		h := "let " + identName(s.Name)
		if s.Name == nil && len(s.Parts) > 0 {
			h = "let " + partsString(s.Parts)
		}
		if s.Type != nil {
			h += " " + typeString(s.Type)
		}
		p.line(h + " = " + exprString(s.Value))
	case *SendStmt:
		p.line("send " + exprString(s.Msg) + " to " + exprString(s.To))
	case *ReplyStmt:
		p.line("reply " + exprString(s.Msg))
	case *BroadcastStmt:
		to := exprString(s.To)
		switch {
		case s.All:
			to = "all"
		case s.Others:
			to = "others"
		}
		p.line("broadcast " + exprString(s.Msg) + " to " + to)
	case *OutputStmt:
		p.line("output " + identName(s.Name) + "(" + exprList(s.Args) + ")")
	case *HaltStmt:
		p.line("halt")
	case *ReturnStmt:
		if s.Value != nil {
			p.line("return " + exprString(s.Value))
		} else {
			p.line("return")
		}
	case *TimerStmt:
		kw := " after "
		if s.Periodic {
			kw = " every "
		}
		p.line("timer " + identName(s.Name) + kw + exprString(s.Delay))
	case *CancelStmt:
		p.line("cancel " + identName(s.Name))
	case *WhileStmt:
		p.block("while "+exprString(s.Cond), s.Body)
	case *AwaitStmt:
		if s.Else == nil {
			p.block(awaitString(s), s.Body)
			break
		}
		p.line(awaitString(s) + " {")
		p.body(s.Body)
		p.line("} else {")
		p.body(s.Else)
		p.line("}")
	case *AssignStmt:
		l := exprString(s.LHS)
		if s.Op != "" {
			l += " " + s.Op + " " + exprString(s.RHS)
		}
		p.line(l)
	}
}

func (p *printer) ifStmt(s *IfStmt, prefix string) {
	h := prefix + "if " + exprString(s.Cond)
	if s.Else == nil || (s.Else.If == nil && s.Else.Block == nil) {
		p.block(h, s.Then)
		return
	}
	p.line(h + " {")
	if s.Then != nil {
		p.body(s.Then)
	}
	if s.Else.If != nil {
		p.ifStmt(s.Else.If, "} else ")
		return
	}
	p.line("} else {")
	p.body(s.Else.Block)
	p.line("}")
}

// endsWithExpr reports whether the last token of s belongs to an
// expression that a following "-", "(" or "[" would continue.
func endsWithExpr(s Stmt) bool {
	switch s := s.(type) {
	case *AssignStmt, *LetStmt, *SendStmt, *ReplyStmt, *TimerStmt:
		return true
	case *ReturnStmt:
		return s.Value != nil
	case *BroadcastStmt:
		return s.To != nil && !s.All && !s.Others
	}
	return false
}

// startsWithContinuation reports whether s starts with a token that could
// continue an expression: "-", "(" or "[".
func startsWithContinuation(s Stmt) bool {
	a, ok := s.(*AssignStmt)
	if !ok {
		return false
	}
	e := a.LHS
	for {
		switch x := e.(type) {
		case *Unary:
			return x.Op == "-"
		case *Paren, *ListLit, *TupleLit:
			return true
		case *Binary:
			e = x.X
		case *Range:
			e = x.Lo
		case *Selector:
			e = x.X
		case *Index:
			e = x.X
		case *Call:
			e = x.Fun
		default:
			return false
		}
	}
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

func placementString(pl *Placement) string {
	switch {
	case pl == nil:
		return ""
	case pl.All:
		return "all"
	case pl.Others:
		return "others"
	}
	return exprString(pl.Ranks)
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

func exprList(es []Expr) string {
	w := exprWriter{}
	w.list(es)
	return w.b.String()
}

// ExprString prints an expression as Format does.
func ExprString(e Expr) string { return exprString(e) }

// ShortExprString prints an expression for a diagnostic: as ExprString,
// except that a composite literal's fields are elided (Name{…}), a missing
// part of a broken tree prints as ?, and a long or deeply nested
// expression is cut short with ….
func ShortExprString(e Expr) string {
	w := exprWriter{short: true}
	w.expr(e)
	return w.b.String()
}

func exprString(e Expr) string {
	w := exprWriter{}
	w.expr(e)
	return w.b.String()
}

// exprWriter prints expressions, in full for the formatter or short for
// diagnostics.
type exprWriter struct {
	b     strings.Builder
	short bool
	depth int
}

func (w *exprWriter) list(es []Expr) {
	for i, e := range es {
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.expr(e)
	}
}

func (w *exprWriter) ident(id *Ident) {
	if id == nil && w.short {
		w.b.WriteString("?")
		return
	}
	w.b.WriteString(identName(id))
}

func (w *exprWriter) expr(e Expr) {
	b := &w.b
	if w.short {
		if e == nil || isNilNode(e) {
			b.WriteString("?")
			return
		}
		if w.depth > 50 || b.Len() > 200 {
			b.WriteString("…")
			return
		}
	}
	w.depth++
	defer func() { w.depth-- }()
	switch e := e.(type) {
	case nil:
	case *IntLit:
		switch {
		case e.Text != "":
			b.WriteString(e.Text)
		case e.Unit == "s" && e.Value%1000 == 0:
			b.WriteString(strconv.FormatInt(e.Value/1000, 10) + "s")
		case e.Unit != "":
			b.WriteString(strconv.FormatInt(e.Value, 10) + "ms")
		default:
			b.WriteString(strconv.FormatInt(e.Value, 10))
		}
	case *StringLit:
		if e.Text != "" && !w.short {
			b.WriteString(e.Text)
		} else {
			b.WriteString(strconv.Quote(e.Value))
		}
	case *BoolLit:
		b.WriteString(strconv.FormatBool(e.Value))
	case *ListLit:
		b.WriteByte('[')
		w.list(e.Elems)
		b.WriteByte(']')
	case *Name:
		b.WriteString(e.Name)
	case *Paren:
		b.WriteByte('(')
		w.expr(e.X)
		b.WriteByte(')')
	case *Unary:
		b.WriteString(e.Op)
		if u, ok := e.X.(*Unary); e.Op == "not" || ok && u != nil && u.Op == "-" && !w.short {
			b.WriteByte(' ')
		}
		w.expr(e.X)
	case *Binary:
		w.expr(e.X)
		b.WriteString(" " + e.Op + " ")
		w.expr(e.Y)
	case *Range:
		w.expr(e.Lo)
		b.WriteString(" .. ")
		w.expr(e.Hi)
	case *Selector:
		w.expr(e.X)
		b.WriteByte('.')
		w.ident(e.Name)
	case *Index:
		w.expr(e.X)
		b.WriteByte('[')
		w.expr(e.Index)
		b.WriteByte(']')
	case *Call:
		w.expr(e.Fun)
		b.WriteByte('(')
		w.list(e.Args)
		b.WriteByte(')')
	case *Composite:
		w.ident(e.Type)
		if w.short {
			b.WriteString("{…}")
			return
		}
		b.WriteByte('{')
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			if f == nil {
				continue
			}
			if f.Name != nil {
				b.WriteString(f.Name.Name + ": ")
			}
			w.expr(f.Value)
		}
		b.WriteByte('}')
	case *Quantifier:
		b.WriteString(e.Kind + " ")
		for i, v := range e.Vars {
			if i > 0 {
				b.WriteString(", ")
			}
			if t := e.Tuple(i); t != nil {
				b.WriteString(partsString(t.Parts))
			} else {
				w.ident(v)
			}
		}
		b.WriteString(" in ")
		w.expr(e.Range)
		b.WriteString(": ")
		w.expr(e.Body)
	case *TupleLit:
		b.WriteByte('(')
		w.list(e.Elems)
		b.WriteByte(')')
	case *EmptyLit:
		b.WriteString("{}")
	case *Extremum:
		b.WriteString(e.Kind + "(")
		w.ident(e.Var)
		b.WriteString(" in ")
		w.expr(e.Range)
		b.WriteString(": ")
		w.expr(e.Key)
		b.WriteByte(')')
	default:
		if w.short {
			b.WriteString("?")
		}
	}
}

// binderString prints what a for loop or quantifier binds: a name, or the
// parts of a tuple.
func binderString(id *Ident, t *TuplePattern) string {
	if id == nil && t != nil {
		return partsString(t.Parts)
	}
	return identName(id)
}

// partsString prints the names of a tuple's parts, `(a, b)`.
func partsString(parts []*Ident) string {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = identName(p)
	}
	return "(" + strings.Join(names, ", ") + ")"
}
