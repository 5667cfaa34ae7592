package parser

import (
	"strconv"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// MaxTypeDepth bounds the nesting of type arguments: list<list<int>> is two
// levels deep. Participle would recurse once per level and overflow the
// stack on a type half a million levels deep, and the generated code grows
// with the square of the depth, so types are parsed by hand and rejected
// past this depth.
const MaxTypeDepth = 32

// Parse parses a type, `Name` or `Name<T, ...>`; participle calls it
// wherever the grammar has a TypeExpr.
func (t *TypeExpr) Parse(lex *lexer.PeekingLexer) error {
	if lex.Peek().Type != tokIdent && !isPunctTok(lex.Peek(), "(") {
		return participle.NextMatch
	}
	return parseType(lex, t, 0)
}

// parseType parses the type at the head of lex into t, which is nested in
// depth levels of type arguments.
func parseType(lex *lexer.PeekingLexer, t *TypeExpr, depth int) error {
	name := lex.Peek()
	if isPunctTok(name, "(") {
		open := lex.Next()
		t.Pos = open.Pos
		if depth == MaxTypeDepth {
			return participle.Errorf(open.Pos, "type nested too deeply (more than %d levels of type arguments)", MaxTypeDepth)
		}
		return tupleType(lex, t, depth)
	}
	if name.Type != tokIdent {
		return &participle.UnexpectedTokenError{Unexpected: *name, Expect: "TypeExpr"}
	}
	lex.Next()
	t.Pos = name.Pos
	t.Name = &Ident{Pos: name.Pos, Name: name.Value}
	// A component's type, fd.Entry or b.c.Entry, is one name with its
	// components' prefixes, as the component's declaration is named once
	// it is imported (spec/components.go).
	for isPunctTok(lex.Peek(), ".") {
		lex.Next()
		part := lex.Peek()
		if part.Type != tokIdent {
			return &participle.UnexpectedTokenError{Unexpected: *part, Expect: "Ident"}
		}
		lex.Next()
		t.Name.Name += "." + part.Value
	}
	if !isPunctTok(lex.Peek(), "<") {
		return nil
	}
	open := lex.Next()
	if depth == MaxTypeDepth {
		return participle.Errorf(open.Pos, "type nested too deeply (more than %d levels of type arguments)", MaxTypeDepth)
	}
	return typeArgs(lex, t, depth, ">")
}

// typeArgs parses `T { "," T } close` into t.Args: the type arguments
// after "<", or the parts of a tuple type after "(".
func typeArgs(lex *lexer.PeekingLexer, t *TypeExpr, depth int, close string) error {
	for {
		arg := &TypeExpr{}
		if err := parseType(lex, arg, depth+1); err != nil {
			return err
		}
		t.Args = append(t.Args, arg)
		switch next := lex.Peek(); {
		case isPunctTok(next, ","):
			lex.Next()
		case isPunctTok(next, close):
			lex.Next()
			return nil
		default:
			return &participle.UnexpectedTokenError{Unexpected: *next, Expect: `"," | ` + strconv.Quote(close)}
		}
	}
}

func isPunctTok(t *lexer.Token, v string) bool { return t.Type == tokPunct && t.Value == v }
