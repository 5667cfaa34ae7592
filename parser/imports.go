package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// The syntax of composition: a file imports another as a component,
// `import fd "failure_detector.dsa" (timeout = 4)`, and handles its events,
// `on fd.suspect(p) { … }`. What it means is spec's (spec/components.go).

// ImportDecl is `import fd "failure_detector.dsa" (timeout = 4) in Server`:
// the component's name in this file, the path of its file relative to
// this one, values for some of its parameters, and the process type that
// runs it (nil for the file's only one).
type ImportDecl struct {
	Pos  lexer.Position
	Name *Ident       `parser:"'import' @@"`
	Path *ImportPath  `parser:"@@"`
	Args []*ImportArg `parser:"( '(' ( @@ ( ',' @@ )* )? ')' )?"`
	In   *Ident       `parser:"( 'in' @@ )?"`
}

// ImportPath is the quoted path of an imported file, as written.
type ImportPath struct {
	Pos  lexer.Position
	Text string `parser:"@String"`
}

// Value is the path without quotes and escapes; "" when it is malformed.
func (p *ImportPath) Value() string {
	v, err := strconv.Unquote(p.Text)
	if err != nil {
		return ""
	}
	return v
}

// ImportArg sets a parameter of an imported component: `timeout = 4`. The
// value is an expression of the importing file, as a param default is.
type ImportArg struct {
	Pos   lexer.Position
	Name  *Ident `parser:"@@ '='"`
	Value Expr   `parser:"@@"`
}

// ComponentEvent is the part of `on fd.suspect(p)` after the component's
// name: the event (an output of the component) and names for its values.
// The event of a nested component, `on b.c.tick(k)`, is one name with the
// inner components' prefixes, c.tick, as the output is named in b.
type ComponentEvent struct {
	Pos    lexer.Position
	Event  *Ident
	Params []*Ident
}

// Parse parses `.name { .name } ( [ name { , name } ] )`; participle calls
// it after the component's name.
func (e *ComponentEvent) Parse(lex *lexer.PeekingLexer) error {
	if !isPunctTok(lex.Peek(), ".") {
		return participle.NextMatch
	}
	e.Pos = lex.Next().Pos
	for {
		t := lex.Peek()
		if t.Type != tokIdent {
			return &participle.UnexpectedTokenError{Unexpected: *t, Expect: "Ident"}
		}
		lex.Next()
		if e.Event == nil {
			e.Event = &Ident{Pos: t.Pos, Name: t.Value}
		} else {
			e.Event.Name += "." + t.Value
		}
		if !isPunctTok(lex.Peek(), ".") {
			break
		}
		lex.Next()
	}
	if t := lex.Peek(); !isPunctTok(t, "(") {
		return &participle.UnexpectedTokenError{Unexpected: *t, Expect: `"(" | "."`}
	}
	lex.Next()
	for !isPunctTok(lex.Peek(), ")") {
		if len(e.Params) > 0 {
			if t := lex.Peek(); !isPunctTok(t, ",") {
				return &participle.UnexpectedTokenError{Unexpected: *t, Expect: `"," | ")"`}
			}
			lex.Next()
		}
		t := lex.Peek()
		if t.Type != tokIdent {
			return &participle.UnexpectedTokenError{Unexpected: *t, Expect: "Ident"}
		}
		e.Params = append(e.Params, &Ident{Pos: t.Pos, Name: lex.Next().Value})
	}
	lex.Next()
	return nil
}

// Position returns the position of the node.
func (n *ImportDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ImportPath) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ImportArg) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ComponentEvent) Position() source.Pos { return ToPos(n.Pos) }

func importString(d *ImportDecl) string {
	s := "import " + identName(d.Name) + " "
	if d.Path != nil {
		s += d.Path.Text
	}
	if len(d.Args) > 0 {
		parts := make([]string, 0, len(d.Args))
		for _, a := range d.Args {
			if a != nil {
				parts = append(parts, identName(a.Name)+" = "+exprString(a.Value))
			}
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if d.In != nil {
		s += " in " + identName(d.In)
	}
	return s
}

func componentEventString(e *ComponentEvent) string {
	names := make([]string, 0, len(e.Params))
	for _, p := range e.Params {
		names = append(names, identName(p))
	}
	return "." + identName(e.Event) + "(" + strings.Join(names, ", ") + ")"
}
