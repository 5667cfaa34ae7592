package spec

import (
	"reflect"
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

// exprString prints e compactly for diagnostics; composite literals print
// as Name{…}.
func exprString(e parser.Expr) string { return parser.ShortExprString(e) }

func identName(id *parser.Ident) string {
	if id == nil {
		return "?"
	}
	return id.Name
}

// isUpper reports whether name starts with an upper-case letter; for a
// component's name (fd.Heartbeat), whether its last part does.
func isUpper(name string) bool {
	for _, r := range name[strings.LastIndex(name, ".")+1:] {
		return unicode.IsUpper(r)
	}
	return false
}
