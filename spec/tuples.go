package spec

import (
	"strconv"
	"strings"

	"github.com/dsac-lang/dsac/parser"
)

// The language's data constructs beyond the basic collections: tuples,
// the empty literals typed by their context, and min_by/max_by
// (docs/LANGUAGE.md).

// Tuple is a tuple type `(T, U, ...)`. Its parts are int, node, bool,
// string or tuples of them, so a tuple is a plain value: compared with ==,
// copied by assignment, never holding a collection. It is ordered (a set
// element, a map key, compared with <) when all its parts are,
// lexicographically.
type Tuple struct{ Elems []Type }

func (t *Tuple) String() string { return "(" + TypeList(t.Elems) + ")" }

// Built-ins of the data constructs.
const (
	BuiltinSorted  Builtin = "sorted"
	MethodRemoveAt Builtin = "remove_at"
	MethodSort     Builtin = "sort"
	MethodClear    Builtin = "clear"
)

// identicalTuples reports whether two tuple types have identical parts.
func identicalTuples(a, b *Tuple) bool {
	if len(a.Elems) != len(b.Elems) {
		return false
	}
	for i := range a.Elems {
		if !Identical(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

// orderedTuple reports whether every part of t is ordered.
func orderedTuple(t *Tuple) bool {
	for _, e := range t.Elems {
		if !IsOrdered(e) {
			return false
		}
	}
	return true
}

// tuplePart reports whether t may be a part of a tuple.
func tuplePart(t Type) bool {
	switch t := t.(type) {
	case *Basic:
		return t.Kind == Int || t.Kind == Node || t.Kind == Bool || t.Kind == String
	case *Tuple:
		return true
	}
	return false
}

// resolveTuple resolves a tuple type written `(T, U, ...)`.
func (c *checker) resolveTuple(te *parser.TypeExpr) Type {
	t := &Tuple{}
	ok := true
	for _, a := range te.Args {
		pt := c.resolveType(a)
		switch {
		case pt == TInvalid:
			ok = false
		case !tuplePart(pt):
			c.errorf(c.pos(a), "invalid tuple part type %s (want int, node, bool, string or a tuple)", pt)
			ok = false
		}
		t.Elems = append(t.Elems, pt)
	}
	if !ok {
		return TInvalid
	}
	return t
}

// tupleLit checks `(a, b, ...)`; hint, a tuple type, types its parts (an
// empty literal cannot be one, but a part may be a tuple that needs it).
func (c *checker) tupleLit(x *parser.TupleLit, hint Type) Type {
	ht, _ := hint.(*Tuple)
	if ht != nil && len(ht.Elems) != len(x.Elems) {
		ht = nil
	}
	t := &Tuple{}
	ok := true
	for i, e := range x.Elems {
		var h Type
		if ht != nil {
			h = ht.Elems[i]
		}
		pt := c.value(e, h)
		switch {
		case pt == TInvalid:
			ok = false
		case !tuplePart(pt):
			c.errorf(c.epos(e), "cannot use %s (type %s) as a part of a tuple (want int, node, bool, string or a tuple)", exprString(e), pt)
			ok = false
		}
		t.Elems = append(t.Elems, pt)
	}
	if !ok {
		return TInvalid
	}
	return t
}

// tupleSelector checks `t.0`, a part of a tuple.
func (c *checker) tupleSelector(x *parser.Selector, t *Tuple) Type {
	i, err := strconv.Atoi(x.Name.Name)
	if err != nil {
		c.errorf(c.pos(x.Name), "%s undefined (type %s has parts .0 to .%d, no field %s)", exprString(x), t, len(t.Elems)-1, x.Name.Name)
		return TInvalid
	}
	if i >= len(t.Elems) {
		c.errorf(c.pos(x.Name), "invalid tuple part %s (type %s has %d parts, .0 to .%d)", exprString(x), t, len(t.Elems), len(t.Elems)-1)
		return TInvalid
	}
	return t.Elems[i]
}

// emptyLit checks `{}`, which takes its type, a set or a map, from hint.
func (c *checker) emptyLit(x *parser.EmptyLit, hint Type) Type {
	switch hint.(type) {
	case *Set, *Map:
		return hint
	}
	if hint == nil || hint == TInvalid {
		c.errorf(c.pos(x), "cannot infer type of empty {} (give it a set or map type: a declared variable, a field, or a comparison with one)")
	} else {
		c.errorf(c.pos(x), "cannot use {} as %s (it is an empty set or map)", hint)
	}
	return TInvalid
}

// isEmptyLit reports whether e is an empty literal, `[]` or `{}`, that
// takes its type from its context.
func isEmptyLit(e parser.Expr) bool {
	if _, ok := unparen(e).(*parser.EmptyLit); ok {
		return true
	}
	return isEmptyList(e)
}

// extremum checks `min_by(x in coll: key)`: x ranges over coll as in a
// quantifier, the key is ordered, and the result is an element.
func (c *checker) extremum(x *parser.Extremum) Type {
	d := c.domain(x.Range, x.Kind)
	saved := c.ctx.scope
	c.ctx.scope = newScope(c.scope())
	if x.Var != nil {
		c.declare(c.ctx.scope, c.newSymbol(SymQuantVar, x.Var.Name, d.elem), x.Var)
	}
	kt := c.value(x.Key, nil)
	c.ctx.scope = saved
	if kt != TInvalid && !IsOrdered(kt) {
		c.errorf(c.epos(x.Key), "invalid key %s (type %s) of %s: want an ordered type (int, node, string or a tuple of them)", exprString(x.Key), kt, x.Kind)
	}
	if d.kind == domGroup {
		if _, ok := d.elem.(*ProcState); ok {
			c.errorf(c.epos(x.Range), "%s over process states is not supported (range over the ranks in a handler, or use forall/exists)", x.Kind)
			return TInvalid
		}
	}
	return d.elem
}

// sortedCall checks sorted(c): the elements of a list or set, ordered, in
// ascending order.
func (c *checker) sortedCall(x *parser.Call) Type {
	if !c.argCount(x, "sorted", 1) {
		c.args(x.Args, 0)
		return TInvalid
	}
	t := c.value(x.Args[0], nil)
	var elem Type
	switch t := t.(type) {
	case *List:
		elem = t.Elem
	case *Set:
		elem = t.Elem
	default:
		if t != TInvalid {
			c.errorf(c.epos(x.Args[0]), "invalid argument: %s (type %s) to sorted: want a list or set", exprString(x.Args[0]), t)
		}
		return TInvalid
	}
	if !IsOrdered(elem) {
		c.errorf(c.epos(x.Args[0]), "invalid argument: %s (type %s) to sorted: its elements are not ordered (want int, node, string or a tuple of them)", exprString(x.Args[0]), t)
		return TInvalid
	}
	return &List{Elem: elem}
}

// dataMethod returns the signature of the data methods of a list, set or
// map: remove(x), remove_at(i), sort() and clear(); nil for any other.
func dataMethod(recv Type, m Builtin) *Signature {
	switch r := recv.(type) {
	case *List:
		switch m {
		case MethodRemove:
			return &Signature{Builtin: m, Params: []Type{r.Elem}, Result: TVoid, Mutates: true}
		case MethodRemoveAt:
			return &Signature{Builtin: m, Params: []Type{TInt}, Result: TVoid, Mutates: true}
		case MethodSort:
			if IsOrdered(r.Elem) {
				return &Signature{Builtin: m, Result: TVoid, Mutates: true}
			}
		case MethodClear:
			return &Signature{Builtin: m, Result: TVoid, Mutates: true}
		}
	case *Set, *Map:
		if m == MethodClear {
			return &Signature{Builtin: m, Result: TVoid, Mutates: true}
		}
	}
	return nil
}

// orderedNames lists what IsOrdered admits, for messages.
var orderedNames = strings.Join([]string{"int", "node", "string"}, ", ") + " or a tuple of them"

// partStep is the step of a path (RankParts) into part i of a tuple: its
// digit, one character as the steps into collections are (parser.MaxTupleSize
// is 10).
func partStep(i int) string { return strconv.Itoa(i) }

// tupleLit is what a tuple expression carries: each part's under its step.
func (s *symmetry) tupleLit(x *parser.TupleLit) aval {
	var out aval
	for i, e := range x.Elems {
		out = out.join(s.val(e).under(partStep(i)))
	}
	return out
}

// tuplePart is what part x.Name of a tuple carrying t carries.
func (s *symmetry) tuplePart(t aval, x *parser.Selector) aval {
	return t.at(x.Name.Name)
}

// extremum binds the variable of min_by or max_by as a quantifier's, and
// orders the keys: ranks in a key are ordered. It carries what the
// elements do.
func (s *symmetry) extremum(x *parser.Extremum) aval {
	s.bindLoop(x.Range, loopVar{id: x.Var}, loopVar{})
	key := s.val(x.Key)
	s.blockTypes(key.all(), x.Key, x.Kind+" orders ranks ("+exprString(x.Key)+")")
	if x.Var == nil {
		return nil
	}
	return s.taint[s.info.Defs[x.Var]]
}

// destructure declares the locals of `let (a, b) = t`, one per part of the
// tuple t, of type t.
func (c *checker) destructure(s *parser.LetStmt, t Type) {
	tt, ok := t.(*Tuple)
	if t != TInvalid && !ok {
		c.errorf(c.epos(s.Value), "cannot destructure %s (type %s is not a tuple)", exprString(s.Value), t)
	}
	if ok && len(tt.Elems) != len(s.Parts) {
		c.errorf(c.pos(s), "cannot destructure %s (type %s) into %d names: it has %d parts", exprString(s.Value), t, len(s.Parts), len(tt.Elems))
		ok = false
	}
	c.declareParts(SymLocal, s.Parts, tt, ok)
}

// declareParts declares a symbol of kind for each name of parts, of the
// type of its part of t when ok (of no type otherwise: an error is
// reported).
func (c *checker) declareParts(kind SymbolKind, parts []*parser.Ident, t *Tuple, ok bool) {
	for i, p := range parts {
		if p == nil {
			continue
		}
		pt := Type(TInvalid)
		if ok {
			pt = t.Elems[i]
		}
		c.declare(c.scope(), c.newSymbol(kind, p.Name, pt), p)
	}
}

// bindVar declares what a for loop or a quantifier binds to each value of
// type t that it ranges over in coll: the name id, or, destructuring a
// tuple, the names of pattern's parts. role says what the values are ("an
// element", "a key"), for the messages.
func (c *checker) bindVar(kind SymbolKind, id *parser.Ident, pattern *parser.TuplePattern, t Type, role string, coll parser.Expr) {
	if id != nil {
		c.declare(c.scope(), c.newSymbol(kind, id.Name, t), id)
		return
	}
	if pattern == nil {
		return
	}
	tt, ok := t.(*Tuple)
	switch {
	case t == TInvalid:
	case !ok:
		c.errorf(c.pos(pattern), "cannot destructure %s of %s (type %s is not a tuple)", role, exprString(coll), t)
	case len(tt.Elems) != len(pattern.Parts):
		c.errorf(c.pos(pattern), "cannot destructure %s of %s (type %s) into %d names: it has %d parts", role, exprString(coll), t, len(pattern.Parts), len(tt.Elems))
		ok = false
	}
	c.declareParts(kind, pattern.Parts, tt, ok)
}

// binder is the node a loop variable is declared by, for positions: the
// name, or the tuple pattern.
func binder(id *parser.Ident, pattern *parser.TuplePattern) parser.Node {
	if id != nil {
		return id
	}
	return pattern
}
