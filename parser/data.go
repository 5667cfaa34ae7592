package parser

import (
	"strconv"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// Syntax of the language's data constructs: tuples, the empty set-or-map
// literal and the minimum or maximum of a collection by a key
// (docs/LANGUAGE.md, Types and Expressions).

// MaxTupleSize bounds the number of parts of a tuple type or expression:
// the symmetry analysis names a part by one digit (spec.RankParts).
const MaxTupleSize = 10

// TupleLit is a tuple expression `(a, b)`: two parts or more.
type TupleLit struct {
	Pos   lexer.Position // of the "("
	Elems []Expr
}

// EmptyLit is `{}`: the empty set or map, whichever its context wants.
type EmptyLit struct {
	Pos lexer.Position // of the "{"
}

// Extremum is `min_by(x in coll: key)` or `max_by(x in coll: key)`: the
// element of coll whose key is the least (greatest), the first of them in
// iteration order on a tie.
type Extremum struct {
	Pos   lexer.Position // of the keyword
	Kind  string         // "min_by" or "max_by"
	Var   *Ident
	Range Expr // a collection, a group or a *Range
	Key   Expr
}

func (*TupleLit) expr() {}
func (*EmptyLit) expr() {}
func (*Extremum) expr() {}

// Position returns the position of the node.
func (n *TupleLit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *EmptyLit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Extremum) Position() source.Pos { return ToPos(n.Pos) }

// tupleType parses the parts of a tuple type `(T, U, ...)` after its "(",
// into t, nested in depth levels of type arguments.
func tupleType(lex *lexer.PeekingLexer, t *TypeExpr, depth int) error {
	t.Tuple = true
	if err := typeArgs(lex, t, depth, ")"); err != nil {
		return err
	}
	switch {
	case len(t.Args) < 2:
		return participle.Errorf(t.Pos, "a tuple type has two parts or more")
	case len(t.Args) > MaxTupleSize:
		return participle.Errorf(t.Pos, "a tuple has at most %d parts", MaxTupleSize)
	}
	return nil
}

// tupleRest parses the parts of a tuple expression after its first part
// and the "," that follows it; open is the "(".
func (p *exprParser) tupleRest(open *lexer.Token, first Expr) Expr {
	t := &TupleLit{Pos: open.Pos, Elems: []Expr{first}}
	for {
		if len(t.Elems) == MaxTupleSize {
			p.failf(p.peek().Pos, "a tuple has at most %d parts", MaxTupleSize)
		}
		if !p.startsNested(p.peek()) {
			p.fail(p.peek(), "Expr")
		}
		t.Elems = append(t.Elems, p.nested(false))
		if p.isPunct(")") {
			p.next()
			return t
		}
		p.expect(",")
	}
}

// extremum parses `min_by(x in coll: key)`; the keyword is next.
func (p *exprParser) extremum() Expr {
	t := p.next()
	x := &Extremum{Pos: t.Pos, Kind: t.Value}
	p.expect("(")
	p.enter()
	defer p.leave()
	x.Var = p.ident()
	if !p.isKeyword("in") {
		p.fail(p.peek(), `"in"`)
	}
	p.next()
	if !p.startsNested(p.peek()) {
		p.fail(p.peek(), "Expr")
	}
	x.Range = p.nested(false)
	p.expect(":")
	if !p.startsNested(p.peek()) {
		p.fail(p.peek(), "Expr")
	}
	x.Key = p.nested(false)
	p.expect(")")
	return x
}

// starts reports whether t can begin an expression here: `{` begins the
// empty literal except in the head of a control construct, where it opens
// the body.
func (p *exprParser) starts(t *lexer.Token) bool {
	return startsExpr(t) || !p.head && t.Type == tokPunct && t.Value == "{"
}

// tuplePart parses the number of `t.0` after the ".": a part of a tuple,
// kept as a Selector whose name is the part's index.
func (p *exprParser) tuplePart(x Expr) Expr {
	t := p.next()
	if i, err := strconv.Atoi(t.Value); err != nil || strconv.Itoa(i) != t.Value || i >= MaxTupleSize {
		p.failf(t.Pos, "invalid tuple part .%s (want 0 to %d)", t.Value, MaxTupleSize-1)
	}
	return &Selector{Pos: t.Pos, X: x, Name: &Ident{Pos: t.Pos, Name: t.Value}}
}

// startsNested reports whether t can begin an expression nested in
// brackets, where `{` is always the empty literal.
func (p *exprParser) startsNested(t *lexer.Token) bool {
	return startsExpr(t) || t.Type == tokPunct && t.Value == "{"
}

// parseStmtExpr is the participle parse function for StmtExpr.
func parseStmtExpr(lex *lexer.PeekingLexer) (StmtExpr, error) {
	if isPunctTok(lex.Peek(), "{") {
		return nil, participle.NextMatch
	}
	return parseExpr(lex)
}
