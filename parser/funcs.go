package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// Functions, procedures and while loops (docs/LANGUAGE.md, "Functions and
// procedures").

// FuncDecl is a pure function: `def higher(a int, b int) int = max(a, b)`,
// or with a block body that ends in `return e`. At the top level it sees
// only its parameters, params, n and other top-level functions; inside a
// process it may also read that process's state and self.
type FuncDecl struct {
	Pos    lexer.Position
	Name   *Ident    `parser:"'def' @@"`
	Params []*Field  `parser:"'(' (@@ (',' @@)*)? ')'"`
	Result *TypeExpr `parser:"@@"`
	Body   Expr      `parser:"( '=' @@"`
	Block  *Block    `parser:"| @@ )"`
}

// ProcDecl is a procedure of a process type: `proc start_round(b int) { … }`.
// Its body is a block of statements with the effects of a handler, called
// as a statement from the handlers and procedures of its process type.
type ProcDecl struct {
	Pos    lexer.Position
	Name   *Ident   `parser:"'proc' @@"`
	Params []*Field `parser:"'(' (@@ (',' @@)*)? ')'"`
	Body   *Block   `parser:"@@"`
}

// WhileStmt is `while cond { body }`.
type WhileStmt struct {
	Pos  lexer.Position
	Cond HeadExpr `parser:"'while' @@"`
	Body *Block   `parser:"@@"`
}

func (*FuncDecl) decl()   {}
func (*FuncDecl) member() {}
func (*ProcDecl) member() {}
func (*WhileStmt) stmt()  {}

func (n *FuncDecl) Position() source.Pos  { return ToPos(n.Pos) }
func (n *ProcDecl) Position() source.Pos  { return ToPos(n.Pos) }
func (n *WhileStmt) Position() source.Pos { return ToPos(n.Pos) }

// IsAggregate reports whether a quantifier is a count or a sum, whose value
// is an int, rather than forall or exists.
func (q *Quantifier) IsAggregate() bool { return q.Kind == "count" || q.Kind == "sum" }

// Tuple returns the tuple pattern of variable i, or nil when it is a name.
func (q *Quantifier) Tuple(i int) *TuplePattern {
	if i < len(q.Tuples) {
		return q.Tuples[i]
	}
	return nil
}

// Names lists the names a quantifier declares: its variables and the
// parts of the tuples it destructures, in source order.
func (q *Quantifier) Names() []*Ident {
	var out []*Ident
	for i, v := range q.Vars {
		if t := q.Tuple(i); t != nil {
			out = append(out, t.Parts...)
		} else if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// signature prints `name(a int, b int)`.
func signature(name *Ident, params []*Field) string {
	parts := make([]string, 0, len(params))
	for _, f := range params {
		parts = append(parts, fieldString(f))
	}
	return identName(name) + "(" + strings.Join(parts, ", ") + ")"
}

// funcHeader prints a function declaration up to its body.
func funcHeader(d *FuncDecl) string {
	return "def " + signature(d.Name, d.Params) + " " + typeString(d.Result)
}

// Parse parses `return`, and the value after it when one starts on the
// same line: newlines end no statement, so `return` at the end of a
// handler's block must not take the next line's statement for its value.
func (r *ReturnStmt) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if t.Type != tokKeyword || t.Value != "return" {
		return participle.NextMatch
	}
	lex.Next()
	r.Pos, r.Return = t.Pos, true
	if next := lex.Peek(); next.Pos.Line == t.Pos.Line && startsExpr(next) {
		v, err := parseExpr(lex)
		if err != nil {
			return err
		}
		r.Value = v
	}
	return nil
}

// funcChildren lists the children of the nodes of this file, for children.
func funcChildren(n Node, add func(Node)) {
	switch n := n.(type) {
	case *FuncDecl:
		add(n.Name)
		for _, f := range n.Params {
			add(f)
		}
		add(n.Result)
		add(n.Body)
		add(n.Block)
	case *ReturnStmt:
		add(n.Value)
	case *ProcDecl:
		add(n.Name)
		for _, f := range n.Params {
			add(f)
		}
		add(n.Body)
	case *WhileStmt:
		add(n.Cond)
		add(n.Body)
	}
}

// funcDecl prints a function declaration that ends before offset next.
func (p *printer) funcDecl(d *FuncDecl, next int) {
	if d.Block != nil {
		p.member([]any{funcHeader(d)}, d.Block, d.Pos.Line, next)
		return
	}
	p.code(funcHeader(d)+" =", gapped{d.Body})
}
