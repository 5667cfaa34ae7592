package spec

import (
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/dsac-lang/dsac/parser"
)

// Helpers over the syntax tree: nil checks, positions and a compact printer
// for expressions in diagnostics.

// isNil reports whether n is nil or a typed nil pointer; the checker never
// dereferences a node it has not asked about first.
func isNil(n any) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// unparen strips parentheses.
func unparen(e parser.Expr) parser.Expr {
	for {
		p, ok := e.(*parser.Paren)
		if !ok || p == nil || isNil(p.X) {
			return e
		}
		e = p.X
	}
}

// leftmost returns the node whose position is where e starts: binary
// operators, ranges, selectors, indexes and calls are positioned at their
// operator, not at their first token.
func leftmost(e parser.Expr) parser.Node {
	for depth := 0; depth < 1000; depth++ {
		var next parser.Expr
		switch x := e.(type) {
		case *parser.Binary:
			if x != nil {
				next = x.X
			}
		case *parser.Range:
			if x != nil {
				next = x.Lo
			}
		case *parser.Selector:
			if x != nil {
				next = x.X
			}
		case *parser.Index:
			if x != nil {
				next = x.X
			}
		case *parser.Call:
			if x != nil {
				next = x.Fun
			}
		}
		if isNil(next) {
			return e
		}
		e = next
	}
	return e
}

// exprString prints e compactly for diagnostics; composite literals print
// as Name{…}.
func exprString(e parser.Expr) string {
	var b strings.Builder
	writeExpr(&b, e, 0)
	return b.String()
}

func writeExpr(b *strings.Builder, e parser.Expr, depth int) {
	if isNil(e) {
		b.WriteString("?")
		return
	}
	if depth > 50 || b.Len() > 200 {
		b.WriteString("…")
		return
	}
	depth++
	switch x := e.(type) {
	case *parser.IntLit:
		if x.Text != "" {
			b.WriteString(x.Text)
		} else {
			b.WriteString(strconv.FormatInt(x.Value, 10))
		}
	case *parser.StringLit:
		b.WriteString(strconv.Quote(x.Value))
	case *parser.BoolLit:
		b.WriteString(strconv.FormatBool(x.Value))
	case *parser.Name:
		b.WriteString(x.Name)
	case *parser.ListLit:
		b.WriteString("[")
		writeList(b, x.Elems, depth)
		b.WriteString("]")
	case *parser.Paren:
		b.WriteString("(")
		writeExpr(b, x.X, depth)
		b.WriteString(")")
	case *parser.Unary:
		b.WriteString(x.Op)
		if x.Op == "not" {
			b.WriteString(" ")
		}
		writeExpr(b, x.X, depth)
	case *parser.Binary:
		writeExpr(b, x.X, depth)
		b.WriteString(" " + x.Op + " ")
		writeExpr(b, x.Y, depth)
	case *parser.Range:
		writeExpr(b, x.Lo, depth)
		b.WriteString(" .. ")
		writeExpr(b, x.Hi, depth)
	case *parser.Selector:
		writeExpr(b, x.X, depth)
		b.WriteString(".")
		b.WriteString(identName(x.Name))
	case *parser.Index:
		writeExpr(b, x.X, depth)
		b.WriteString("[")
		writeExpr(b, x.Index, depth)
		b.WriteString("]")
	case *parser.Call:
		writeExpr(b, x.Fun, depth)
		b.WriteString("(")
		writeList(b, x.Args, depth)
		b.WriteString(")")
	case *parser.Composite:
		b.WriteString(identName(x.Type))
		b.WriteString("{…}")
	case *parser.Quantifier:
		b.WriteString(x.Kind + " ")
		for i, v := range x.Vars {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(identName(v))
		}
		b.WriteString(" in ")
		writeExpr(b, x.Range, depth)
		b.WriteString(": ")
		writeExpr(b, x.Body, depth)
	default:
		b.WriteString("?")
	}
}

func writeList(b *strings.Builder, es []parser.Expr, depth int) {
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, e, depth)
	}
}

func identName(id *parser.Ident) string {
	if id == nil {
		return "?"
	}
	return id.Name
}

// isUpper reports whether name starts with an upper-case letter.
func isUpper(name string) bool {
	for _, r := range name {
		return unicode.IsUpper(r)
	}
	return false
}
