package parser

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The expression parser: precedence climbing over participle's token
// stream, registered with participle.ParseTypeWith for Expr and HeadExpr.
//
// Precedence, lowest first (docs/LANGUAGE.md):
//
//	..                     non-associative
//	implies                right-associative
//	or
//	and
//	not                    prefix
//	== != < <= > >= in     non-associative
//	+ -
//	* / %
//	-                      prefix
//	.name [i] (args)       postfix
//
// It stops at any token that cannot continue an expression, in particular
// at every reserved word except the operators (and, or, not, implies, in)
// and the primaries (true, false, forall, exists).

// maxExprDepth bounds the nesting of expressions (parentheses, brackets,
// prefix operators, quantifiers), so that hostile input cannot exhaust the
// stack.
const maxExprDepth = 500

// MaxTreeDepth bounds the depth of an expression's syntax tree, which a long
// chain of operators (1 + 1 + ... + 1) makes deep without any nesting:
// every later stage walks the tree recursively.
const MaxTreeDepth = 10000

// exprError aborts expression parsing; it is recovered in parseExprWith.
type exprError struct{ err error }

type exprParser struct {
	lex *lexer.PeekingLexer
	// head is set in the head of if, for, when and placements, where
	// `Name {` opens the body instead of a composite literal. It is cleared
	// inside parentheses, brackets, call arguments and composite literals.
	head  bool
	depth int
}

// parseExpr is the participle parse function for Expr.
func parseExpr(lex *lexer.PeekingLexer) (Expr, error) {
	return parseExprWith(lex, false)
}

// parseHeadExpr is the participle parse function for HeadExpr.
func parseHeadExpr(lex *lexer.PeekingLexer) (HeadExpr, error) {
	e, err := parseExprWith(lex, true)
	if err != nil {
		return nil, err
	}
	return e, nil
}

func parseExprWith(lex *lexer.PeekingLexer, head bool) (e Expr, err error) {
	p := &exprParser{lex: lex, head: head}
	if !p.starts(lex.Peek()) {
		return nil, participle.NextMatch
	}
	defer func() {
		if r := recover(); r != nil {
			ee, ok := r.(exprError)
			if !ok {
				panic(r)
			}
			e, err = nil, ee.err
		}
	}()
	start := lex.Peek().Pos
	e = p.parseExpr()
	if treeDepth(e) > MaxTreeDepth {
		return nil, participle.Errorf(start, "expression too long (its operators nest more than %d deep; split it, e.g. with let)", MaxTreeDepth)
	}
	return e, nil
}

// treeDepth is the depth of the syntax tree rooted at n, found without
// recursion since the tree may be too deep for that.
func treeDepth(n Node) int {
	type item struct {
		n     Node
		depth int
	}
	deepest := 0
	stack := []item{{n, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.depth)
		for _, c := range children(it.n) {
			stack = append(stack, item{c, it.depth + 1})
		}
	}
	return deepest
}

// startsExpr reports whether t can begin an expression.
func startsExpr(t *lexer.Token) bool {
	switch t.Type {
	case tokInt, tokDuration, tokString, tokIdent:
		return true
	case tokKeyword:
		switch t.Value {
		case "true", "false", "not", "forall", "exists", "min_by", "max_by":
			return true
		}
	case tokPunct:
		switch t.Value {
		case "-", "(", "[":
			return true
		}
	}
	return false
}

func (p *exprParser) peek() *lexer.Token { return p.lex.Peek() }
func (p *exprParser) next() *lexer.Token { return p.lex.Next() }

func (p *exprParser) isPunct(v string) bool {
	t := p.peek()
	return t.Type == tokPunct && t.Value == v
}

func (p *exprParser) isKeyword(v string) bool {
	t := p.peek()
	return t.Type == tokKeyword && t.Value == v
}

func (p *exprParser) fail(t *lexer.Token, expect string) {
	panic(exprError{&participle.UnexpectedTokenError{Unexpected: *t, Expect: expect}})
}

func (p *exprParser) failf(pos lexer.Position, format string, args ...any) {
	panic(exprError{participle.Errorf(pos, format, args...)})
}

// expect consumes the punctuation v or fails.
func (p *exprParser) expect(v string) *lexer.Token {
	if !p.isPunct(v) {
		p.fail(p.peek(), strconv.Quote(v))
	}
	return p.next()
}

// ident consumes a name or fails.
func (p *exprParser) ident() *Ident {
	t := p.peek()
	if t.Type != tokIdent {
		p.fail(t, "Ident")
	}
	p.next()
	return &Ident{Pos: t.Pos, Name: t.Value}
}

// nested parses a full expression with head mode set to head, restoring
// the mode afterwards.
func (p *exprParser) nested(head bool) Expr {
	saved := p.head
	p.head = head
	e := p.parseExpr()
	p.head = saved
	return e
}

func (p *exprParser) enter() {
	p.depth++
	if p.depth > maxExprDepth {
		p.failf(p.peek().Pos, "expression nested too deeply")
	}
}

func (p *exprParser) leave() { p.depth-- }

// parseExpr parses Range, the lowest level.
func (p *exprParser) parseExpr() Expr {
	p.enter()
	defer p.leave()
	lo := p.parseImplies()
	if p.isPunct("..") {
		t := p.next()
		hi := p.parseImplies()
		return &Range{Pos: t.Pos, Lo: lo, Hi: hi}
	}
	return lo
}

func (p *exprParser) parseImplies() Expr {
	x := p.parseOr()
	if p.isKeyword("implies") {
		t := p.next()
		p.enter()
		y := p.parseImplies()
		p.leave()
		return &Binary{Pos: t.Pos, Op: "implies", X: x, Y: y}
	}
	return x
}

func (p *exprParser) parseOr() Expr {
	x := p.parseAnd()
	for p.isKeyword("or") {
		t := p.next()
		y := p.parseAnd()
		x = &Binary{Pos: t.Pos, Op: "or", X: x, Y: y}
	}
	return x
}

func (p *exprParser) parseAnd() Expr {
	x := p.parseNot()
	for p.isKeyword("and") {
		t := p.next()
		y := p.parseNot()
		x = &Binary{Pos: t.Pos, Op: "and", X: x, Y: y}
	}
	return x
}

func (p *exprParser) parseNot() Expr {
	if p.isKeyword("not") {
		t := p.next()
		p.enter()
		x := p.parseNot()
		p.leave()
		return &Unary{Pos: t.Pos, Op: "not", X: x}
	}
	return p.parseCompare()
}

// compareOp returns the comparison operator at the head of the stream, or "".
func (p *exprParser) compareOp() string {
	t := p.peek()
	switch {
	case t.Type == tokPunct:
		switch t.Value {
		case "==", "!=", "<", "<=", ">", ">=":
			return t.Value
		}
	case t.Type == tokKeyword && t.Value == "in":
		return "in"
	}
	return ""
}

func (p *exprParser) parseCompare() Expr {
	x := p.parseSum()
	op := p.compareOp()
	if op == "" {
		return x
	}
	t := p.next()
	y := p.parseSum()
	if op2 := p.compareOp(); op2 != "" {
		p.failf(p.peek().Pos, "unexpected %q after a comparison (comparisons do not chain; use parentheses)", op2)
	}
	return &Binary{Pos: t.Pos, Op: op, X: x, Y: y}
}

func (p *exprParser) parseSum() Expr {
	x := p.parseProduct()
	for p.isPunct("+") || p.isPunct("-") {
		t := p.next()
		y := p.parseProduct()
		x = &Binary{Pos: t.Pos, Op: t.Value, X: x, Y: y}
	}
	return x
}

func (p *exprParser) parseProduct() Expr {
	x := p.parseUnary()
	for p.isPunct("*") || p.isPunct("/") || p.isPunct("%") {
		t := p.next()
		y := p.parseUnary()
		x = &Binary{Pos: t.Pos, Op: t.Value, X: x, Y: y}
	}
	return x
}

func (p *exprParser) parseUnary() Expr {
	if p.isPunct("-") {
		t := p.next()
		p.enter()
		x := p.parseUnary()
		p.leave()
		return &Unary{Pos: t.Pos, Op: "-", X: x}
	}
	return p.parsePostfix()
}

func (p *exprParser) parsePostfix() Expr {
	x := p.parsePrimary()
	for {
		switch {
		case p.isPunct("."):
			p.next()
			if p.peek().Type == tokInt {
				x = p.tuplePart(x)
				continue
			}
			name := p.ident()
			if q := qualifiedName(x); q != nil && !p.head && p.isPunct("{") && isUpper(name.Name) {
				// fd.Entry{…}: a record or message of a component.
				x = p.composite(&Ident{Pos: q.Pos, Name: q.Name + "." + name.Name})
				continue
			}
			x = &Selector{Pos: name.Pos, X: x, Name: name}
		case p.isPunct("["):
			t := p.next()
			i := p.nested(false)
			p.expect("]")
			x = &Index{Pos: t.Pos, X: x, Index: i}
		case p.isPunct("("):
			t := p.next()
			args := p.list(")")
			x = &Call{Pos: t.Pos, Fun: x, Args: args}
		default:
			return x
		}
	}
}

// list parses `[ Expr { "," Expr } ] close` after the opening bracket.
func (p *exprParser) list(close string) []Expr {
	var out []Expr
	if p.isPunct(close) {
		p.next()
		return out
	}
	for {
		if !p.startsNested(p.peek()) {
			p.fail(p.peek(), "Expr")
		}
		out = append(out, p.nested(false))
		if p.isPunct(",") {
			p.next()
			continue
		}
		if !p.isPunct(close) {
			p.fail(p.peek(), `"," | `+strconv.Quote(close))
		}
		p.next()
		return out
	}
}

func (p *exprParser) parsePrimary() Expr {
	t := p.peek()
	switch t.Type {
	case tokInt:
		p.next()
		v, err := strconv.ParseInt(t.Value, 10, 64)
		if err != nil {
			p.failf(t.Pos, "integer literal %s is too large", t.Value)
		}
		return &IntLit{Pos: t.Pos, Value: v, Text: t.Value}
	case tokDuration:
		p.next()
		digits, unit := strings.TrimSuffix(t.Value, "ms"), "ms"
		if digits == t.Value {
			digits, unit = strings.TrimSuffix(t.Value, "s"), "s"
		}
		v, err := strconv.ParseInt(digits, 10, 64)
		if err == nil && unit == "s" {
			if v > math.MaxInt64/1000 {
				err = strconv.ErrRange
			}
			v *= 1000
		}
		if err != nil {
			p.failf(t.Pos, "duration literal %s is too large", t.Value)
		}
		return &IntLit{Pos: t.Pos, Value: v, Text: t.Value, Unit: unit}
	case tokString:
		p.next()
		v, err := strconv.Unquote(t.Value)
		if err != nil {
			p.failf(t.Pos, "invalid string literal %s", t.Value)
		}
		return &StringLit{Pos: t.Pos, Value: v, Text: t.Value}
	case tokIdent:
		if p.aggregateAhead() {
			return p.quantifier()
		}
		p.next()
		if !p.head && p.isPunct("{") && isUpper(t.Value) {
			return p.composite(&Ident{Pos: t.Pos, Name: t.Value})
		}
		return &Name{Pos: t.Pos, Name: t.Value}
	case tokKeyword:
		switch t.Value {
		case "true", "false":
			p.next()
			return &BoolLit{Pos: t.Pos, Value: t.Value == "true"}
		case "forall", "exists":
			return p.quantifier()
		case "min_by", "max_by":
			return p.extremum()
		}
	case tokPunct:
		switch t.Value {
		case "(":
			p.next()
			p.enter()
			x := p.nested(false)
			p.leave()
			if p.isPunct(",") {
				p.next()
				return p.tupleRest(t, x)
			}
			p.expect(")")
			return &Paren{Pos: t.Pos, X: x}
		case "[":
			p.next()
			return &ListLit{Pos: t.Pos, Elems: p.list("]")}
		case "{":
			// A primary is wanted here, so even in the head of a control
			// construct this "{" cannot open its body: `if s == {} {`.
			p.next()
			p.expect("}")
			return &EmptyLit{Pos: t.Pos}
		}
	}
	p.fail(t, "Expr")
	return nil
}

// qualifiedName is fd or b.c as one name, with the position of its
// first part, or nil when x is not a chain of plain names.
func qualifiedName(x Expr) *Name {
	switch x := x.(type) {
	case *Name:
		return x
	case *Selector:
		if q := qualifiedName(x.X); q != nil && x.Name != nil {
			return &Name{Pos: q.Pos, Name: q.Name + "." + x.Name.Name}
		}
	}
	return nil
}

func isUpper(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r)
}

// composite parses the fields of `Type{...}`; the type name is consumed and
// the next token is "{".
func (p *exprParser) composite(typ *Ident) Expr {
	p.next() // {
	c := &Composite{Pos: typ.Pos, Type: typ}
	saved := p.head
	p.head = false
	defer func() { p.head = saved }()
	for !p.isPunct("}") {
		start := p.peek()
		if !p.starts(start) {
			p.fail(start, `Expr | "}"`)
		}
		fi := &FieldInit{Pos: start.Pos}
		if start.Type == tokIdent {
			cp := p.lex.MakeCheckpoint()
			p.next()
			if p.isPunct(":") {
				p.next()
				fi.Name = &Ident{Pos: start.Pos, Name: start.Value}
			} else {
				p.lex.LoadCheckpoint(cp)
			}
		}
		fi.Value = p.nested(false)
		c.Fields = append(c.Fields, fi)
		if p.isPunct(",") {
			p.next()
			continue
		}
		if !p.isPunct("}") {
			p.fail(p.peek(), `"," | "}"`)
		}
	}
	c.End = p.next().Pos
	return c
}

// aggregateAhead reports whether the stream starts with `count x in` or
// `sum x, y in` (or ","): count and sum are no reserved words, so that
// `l.sum()` and a variable named count keep working; a name followed by
// another name starts no other expression.
func (p *exprParser) aggregateAhead() bool {
	if t := p.peek(); t.Type != tokIdent || t.Value != "count" && t.Value != "sum" {
		return false
	}
	cp := p.lex.MakeCheckpoint()
	defer p.lex.LoadCheckpoint(cp)
	p.next()
	if p.peek().Type != tokIdent {
		return false
	}
	p.next()
	return p.isKeyword("in") || p.isPunct(",")
}

// quantVar parses a variable of quantifier q: a name or, in forall and
// exists, a tuple's parts `(a, b)`. An aggregate takes names only:
// `count (a, b) in s` would read as a call of a function named count.
func (p *exprParser) quantVar(q *Quantifier) {
	if !p.isPunct("(") || q.IsAggregate() {
		q.Vars = append(q.Vars, p.ident())
		if q.Tuples != nil {
			q.Tuples = append(q.Tuples, nil)
		}
		return
	}
	t := &TuplePattern{Pos: p.next().Pos}
	t.Parts = append(t.Parts, p.ident())
	p.expect(",")
	t.Parts = append(t.Parts, p.ident())
	for p.isPunct(",") {
		p.next()
		t.Parts = append(t.Parts, p.ident())
	}
	p.expect(")")
	if q.Tuples == nil {
		q.Tuples = make([]*TuplePattern, len(q.Vars))
	}
	q.Vars = append(q.Vars, nil)
	q.Tuples = append(q.Tuples, t)
}

// quantifier parses `forall a, b in range: body` (also exists, count, sum).
func (p *exprParser) quantifier() Expr {
	t := p.next()
	q := &Quantifier{Pos: t.Pos, Kind: t.Value}
	p.quantVar(q)
	for p.isPunct(",") {
		p.next()
		p.quantVar(q)
	}
	if !p.isKeyword("in") {
		p.fail(p.peek(), `"in"`)
	}
	p.next()
	p.enter()
	defer p.leave()
	if !startsExpr(p.peek()) {
		p.fail(p.peek(), "Expr")
	}
	q.Range = p.parseExpr()
	p.expect(":")
	if !startsExpr(p.peek()) {
		p.fail(p.peek(), "Expr")
	}
	q.Body = p.parseExpr()
	return q
}
