package parser

import "strings"

// The statement printer of Format, and its rules for what stays on one
// line.

// member prints a handler, procedure or function: head, then its body b,
// on one line when it was written on one line (from source line start to
// before offset next) and compactBlock allows it.
func (p *printer) member(head []any, b *Block, start, next int) {
	if p.oneLine(start, next) {
		if body, ok := compactBlock(b); ok {
			if s := plain(head...) + " " + body; p.fits(s) {
				p.line(s)
				return
			}
		}
	}
	p.block(render(p, head...), b)
}

// block prints the lines of a header, the block b and its closing brace.
func (p *printer) block(head []string, b *Block) {
	if b == nil || len(b.Stmts) == 0 && !p.hasComments(b.End.Offset) {
		p.print(suffix(head, " {}"))
		return
	}
	p.print(suffix(head, " {"))
	p.body(b)
	p.line("}")
}

// placed is a statement with the source line it starts on and the offset
// of what follows it (the next statement or the closing brace).
type placed struct {
	s          Stmt
	line, next int
}

// body prints the statements of b and the comments before its closing
// brace, one level deeper.
func (p *printer) body(b *Block) {
	p.indent++
	p.blockStart = true
	p.prevEnd = b.Pos.Line
	// A block written on one line that is printed on more gets one
	// statement a line.
	joinRuns := b.Pos.Line != b.End.Line
	var ss []placed
	for _, s := range b.Stmts {
		if s == nil || isNilNode(s) {
			continue
		}
		if n := len(ss); n > 0 {
			ss[n-1].next = s.Position().Offset
		}
		ss = append(ss, placed{s, s.Position().Line, b.End.Offset})
	}
	for i := 0; i < len(ss); {
		p.flush(ss[i].s.Position().Offset)
		p.sep(ss[i].line)
		n := p.run(ss[i:], joinRuns)
		if n == 0 {
			n = 1
			p.stmt(ss[i].s)
		}
		i += n
		if i < len(ss) {
			p.endStmt(ss[i-1].s, ss[i].s)
		}
		p.prevEnd = max(p.prevEnd, p.endLine(ss[i-1].next))
	}
	p.flush(b.End.Offset)
	p.indent--
	p.blockStart = false
	p.prevEnd = max(p.prevEnd, b.End.Line)
}

// endStmt ends the line of statement s with ";" when next, the statement
// on the next line, would otherwise continue it.
func (p *printer) endStmt(s, next Stmt) {
	if endsWithExpr(s) && startsWithContinuation(next) {
		p.appendLast(";")
	}
}

// run prints on one line ss[0] and, if join is set, the simple statements
// after it that the author wrote on the same source line, or ss[0] alone
// when it is a compound statement written on one line. It returns how many statements
// it printed: 0 when ss[0] was not written on one line or the line does
// not fit; a run that does not fit is printed one statement a line.
func (p *printer) run(ss []placed, join bool) int {
	if !p.oneLine(ss[0].line, ss[0].next) {
		return 0
	}
	line, ok := compactStmt(ss[0].s)
	if !ok {
		return 0
	}
	n := 1
	for ; join && n < len(ss) && isSimple(ss[0].s); n++ {
		if !isSimple(ss[n].s) || ss[n].line != ss[0].line || !p.oneLine(ss[n].line, ss[n].next) {
			break
		}
		line += "; " + plain(simpleParts(ss[n].s)...)
	}
	if p.fits(line) {
		p.line(line)
		return n
	}
	if n == 1 {
		return 0
	}
	for i, s := range ss[:n] {
		if i > 0 {
			p.endStmt(ss[i-1].s, s.s)
		}
		p.stmt(s.s)
	}
	return n
}

// isSimple reports whether s is a statement without a block.
func isSimple(s Stmt) bool { return simpleParts(s) != nil }

// compactStmt prints s on one line: a simple statement, or a compound one
// whose blocks hold only simple statements (see compactBlock).
func compactStmt(s Stmt) (string, bool) {
	if parts := simpleParts(s); parts != nil {
		return plain(parts...), true
	}
	var head []any
	var blocks []*Block
	switch s := s.(type) {
	case *IfStmt:
		return compactIf(s)
	case *ForStmt:
		head, blocks = forHead(s), []*Block{s.Body}
	case *WhileStmt:
		head, blocks = []any{"while ", s.Cond}, []*Block{s.Body}
	case *AwaitStmt:
		head, blocks = awaitHead(s), []*Block{s.Body}
		if s.Else != nil {
			blocks = append(blocks, s.Else)
		}
	default:
		return "", false
	}
	line := plain(head...)
	for i, b := range blocks {
		body, ok := compactBlock(b)
		if !ok {
			return "", false
		}
		if i > 0 {
			line += " else"
		}
		line += " " + body
	}
	return line, true
}

func compactIf(s *IfStmt) (string, bool) {
	then, ok := compactBlock(s.Then)
	if !ok {
		return "", false
	}
	line := plain("if ", s.Cond) + " " + then
	switch {
	case s.Else == nil:
	case s.Else.If != nil:
		rest, ok := compactIf(s.Else.If)
		if !ok {
			return "", false
		}
		line += " else " + rest
	case s.Else.Block != nil:
		rest, ok := compactBlock(s.Else.Block)
		if !ok {
			return "", false
		}
		line += " else " + rest
	}
	return line, true
}

// compactBlock prints b on one line, `{ a; b }` or `{}`, when it holds only
// simple statements.
func compactBlock(b *Block) (string, bool) {
	var parts []string
	if b != nil {
		for _, s := range b.Stmts {
			if s == nil || isNilNode(s) {
				continue
			}
			sp := simpleParts(s)
			if sp == nil {
				return "", false
			}
			parts = append(parts, plain(sp...))
		}
	}
	if len(parts) == 0 {
		return "{}", true
	}
	return "{ " + strings.Join(parts, "; ") + " }", true
}

// simpleParts returns the parts (for render) of a statement without a
// block, or nil for a compound statement.
func simpleParts(s Stmt) []any {
	switch s := s.(type) {
	case *LetStmt:
		h := "let " + identName(s.Name)
		if s.Name == nil && len(s.Parts) > 0 {
			h = "let " + partsString(s.Parts)
		}
		if s.Type != nil {
			h += " " + typeString(s.Type)
		}
		return []any{h + " =", gapped{s.Value}}
	case *SendStmt:
		return []any{"send ", s.Msg, " to ", s.To}
	case *ReplyStmt:
		return []any{"reply ", s.Msg}
	case *BroadcastStmt:
		switch {
		case s.All:
			return []any{"broadcast ", s.Msg, " to all"}
		case s.Others:
			return []any{"broadcast ", s.Msg, " to others"}
		}
		return []any{"broadcast ", s.Msg, " to ", s.To}
	case *OutputStmt:
		return []any{"output " + identName(s.Name) + "(", exprs(s.Args), ")"}
	case *HaltStmt:
		return []any{"halt"}
	case *ReturnStmt:
		if s.Value != nil {
			return []any{"return ", s.Value}
		}
		return []any{"return"}
	case *TimerStmt:
		kw := " after "
		if s.Periodic {
			kw = " every "
		}
		return []any{"timer " + identName(s.Name) + kw, s.Delay}
	case *CancelStmt:
		return []any{"cancel " + identName(s.Name)}
	case *AssignStmt:
		if s.Op != "" {
			return []any{s.LHS, " " + s.Op, gapped{s.RHS}}
		}
		return []any{s.LHS}
	}
	return nil
}

func forHead(s *ForStmt) []any {
	h := "for " + binderString(s.Key, s.KeyTuple)
	if s.Value != nil || s.ValueTuple != nil {
		h += ", " + binderString(s.Value, s.ValueTuple)
	}
	return []any{h + " in ", s.Range}
}

func (p *printer) stmt(s Stmt) {
	if parts := simpleParts(s); parts != nil {
		p.code(parts...)
		return
	}
	switch s := s.(type) {
	case *IfStmt:
		p.ifStmt(s, "")
	case *ForStmt:
		p.block(render(p, forHead(s)...), s.Body)
	case *WhileStmt:
		p.block(render(p, "while ", s.Cond), s.Body)
	case *AwaitStmt:
		if s.Else == nil {
			p.block(render(p, awaitHead(s)...), s.Body)
			break
		}
		p.print(suffix(render(p, awaitHead(s)...), " {"))
		p.body(s.Body)
		p.line("} else {")
		p.body(s.Else)
		p.line("}")
	}
}

func (p *printer) ifStmt(s *IfStmt, prefix string) {
	h := render(p, prefix+"if ", s.Cond)
	if s.Else == nil || (s.Else.If == nil && s.Else.Block == nil) {
		p.block(h, s.Then)
		return
	}
	p.print(suffix(h, " {"))
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
	switch x := Leftmost(a.LHS).(type) {
	case *Unary:
		return x.Op == "-"
	case *Paren, *ListLit, *TupleLit:
		return true
	}
	return false
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
