package spec

import (
	"sort"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// scope maps names to symbols; lookups continue in the parent. The chain is
// universe (self, n) → global (params, process groups) → process (state
// variables) → handler body → nested blocks and quantifiers.
type scope struct {
	parent *scope
	syms   map[string]*Symbol
	pos    map[string]source.Pos
}

func newScope(parent *scope) *scope {
	return &scope{parent: parent, syms: map[string]*Symbol{}, pos: map[string]source.Pos{}}
}

// insert adds sym; it returns the position of an earlier declaration of the
// same name in this scope and false if there is one.
func (s *scope) insert(sym *Symbol, pos source.Pos) (source.Pos, bool) {
	if prev, ok := s.pos[sym.Name]; ok {
		return prev, false
	}
	s.syms[sym.Name] = sym
	s.pos[sym.Name] = pos
	return source.Pos{}, true
}

func (s *scope) lookup(name string) *Symbol {
	for ; s != nil; s = s.parent {
		if sym, ok := s.syms[name]; ok {
			return sym
		}
	}
	return nil
}

// names lists every name visible from s, for "did you mean" suggestions.
func (s *scope) names() []string {
	seen := map[string]bool{}
	var out []string
	for ; s != nil; s = s.parent {
		for name := range s.syms {
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// reserved names can never be declared: self and n, and the built-in
// functions (they are called by name, so a declaration would hide them).
var reserved = map[string]bool{
	"self": true, "n": true,
	string(BuiltinMajority): true, string(BuiltinNow): true, string(BuiltinRandom): true,
	string(BuiltinMin): true, string(BuiltinMax): true, string(BuiltinAbs): true,
}

// blank is the name that declares nothing: `for _, v in m`.
const blank = "_"

// declare inserts sym into the current scope, reporting a redeclaration or
// a reserved name, and records the definition in Info.Defs.
// It returns false if the declaration is in error.
func (c *checker) declare(s *scope, sym *Symbol, id *parser.Ident) bool {
	pos := c.pos(id)
	if id != nil {
		c.info.Defs[id] = sym
	}
	if reserved[sym.Name] {
		c.errorf(pos, "cannot declare %s: reserved name", sym.Name)
		return false
	}
	if sym.Name == blank {
		return true
	}
	if prev, ok := s.insert(sym, pos); !ok {
		c.errorf(pos, "%s redeclared (previous declaration at %s)", sym.Name, at(prev))
		return false
	}
	return true
}

// suggestion formats a " (did you mean x?)" suffix, or "".
// One-letter names get none: every other short name is one edit away.
func suggestion(name string, candidates []string) string {
	if len([]rune(name)) < 2 {
		return ""
	}
	if s := parser.Suggest(name, candidates); s != "" {
		return " (did you mean " + s + "?)"
	}
	return ""
}
