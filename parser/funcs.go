package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// Functions, procedures and while loops (docs/LANGUAGE.md, "Functions and
// procedures").

// FuncDecl is a pure function: `def higher(a int, b int) int = max(a, b)`.
// At the top level it sees only its parameters, params, n and other
// top-level functions; inside a process it may also read that process's
// state and self.
type FuncDecl struct {
	Pos    lexer.Position
	Name   *Ident    `parser:"'def' @@"`
	Params []*Field  `parser:"'(' (@@ (',' @@)*)? ')'"`
	Result *TypeExpr `parser:"@@ '='"`
	Body   Expr      `parser:"@@"`
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

// signature prints `name(a int, b int)`.
func signature(name *Ident, params []*Field) string {
	parts := make([]string, 0, len(params))
	for _, f := range params {
		parts = append(parts, fieldString(f))
	}
	return identName(name) + "(" + strings.Join(parts, ", ") + ")"
}

// funcString prints a function declaration on one line.
func funcString(d *FuncDecl) string {
	return "def " + signature(d.Name, d.Params) + " " + typeString(d.Result) + " = " + exprString(d.Body)
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
