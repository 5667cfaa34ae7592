package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// AwaitStmt is a quorum wait, as textbooks write "wait for a majority of
// PROMISE(b)":
//
//	await got = count(Promise m from a when m.ballot == ballot) >= majority(Acceptor) timeout 50ms {
//	  ...
//	} else {
//	  ...
//	}
//
// Into (`got =`), the message and sender bindings, the filter, the timeout
// and the else block are optional. count and timeout are not reserved
// words: they are matched by their text where the grammar expects them.
type AwaitStmt struct {
	Pos     lexer.Position
	Head    *AwaitHead `parser:"'await' @@"`
	Message *Ident     `parser:"'(' @@"`
	Binding *Ident     `parser:"@@?"`
	From    *Ident     `parser:"('from' @@)?"`
	Filter  Expr       `parser:"('when' @@)? ')'"`
	Quorum  HeadExpr   `parser:"'>=' @@"`
	Timeout HeadExpr   `parser:"('timeout' @@)?"`
	Body    *Block     `parser:"@@"`
	Else    *Block     `parser:"('else' @@)?"`
}

// AwaitHead is the `[name =] count` after await; Into names the collected
// messages in the body, or is nil.
type AwaitHead struct {
	Pos  lexer.Position
	Into *Ident
}

// Parse parses `count` or `name = count`: the name and count are both
// identifiers, so telling them apart takes a token of lookahead that the
// grammar does not have.
func (h *AwaitHead) Parse(lex *lexer.PeekingLexer) error {
	first := lex.Peek()
	if first.Type != tokIdent {
		return &participle.UnexpectedTokenError{Unexpected: *first, Expect: `"count" or a name`}
	}
	h.Pos = first.Pos
	lex.Next()
	if isPunctTok(lex.Peek(), "=") {
		lex.Next()
		h.Into = &Ident{Pos: first.Pos, Name: first.Value}
		first = lex.Peek()
		if first.Type != tokIdent || first.Value != "count" {
			return &participle.UnexpectedTokenError{Unexpected: *first, Expect: `"count"`}
		}
		lex.Next()
		return nil
	}
	if first.Value != "count" {
		return participle.Errorf(first.Pos, `unexpected %q after await (expected "count(Message …) >= quorum" or "name = count(…)")`, first.Value)
	}
	return nil
}

func (*AwaitStmt) stmt() {}

// Position returns the position of the node.
func (n *AwaitStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *AwaitHead) Position() source.Pos { return ToPos(n.Pos) }

// awaitChildren lists the children of an await statement for Inspect.
func awaitChildren(n *AwaitStmt, add func(Node)) {
	if n.Head != nil && n.Head.Into != nil {
		add(n.Head.Into)
	}
	add(n.Message)
	add(n.Binding)
	add(n.From)
	add(n.Filter)
	add(n.Quorum)
	add(n.Timeout)
	add(n.Body)
	add(n.Else)
}

// awaitHead is the head of an await statement as dsac fmt prints it, up
// to the "{" of its body, as parts for render.
func awaitHead(s *AwaitStmt) []any {
	h := "await "
	if s.Head != nil && s.Head.Into != nil {
		h += identName(s.Head.Into) + " = "
	}
	h += "count(" + identName(s.Message)
	if s.Binding != nil {
		h += " " + identName(s.Binding)
	}
	if s.From != nil {
		h += " from " + identName(s.From)
	}
	parts := []any{h}
	if s.Filter != nil {
		parts = append(parts, " when ", s.Filter)
	}
	parts = append(parts, ") >= ", s.Quorum)
	if s.Timeout != nil {
		parts = append(parts, " timeout ", s.Timeout)
	}
	return parts
}
