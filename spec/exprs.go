package spec

import (
	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// expr checks e, records its type in Info.Types and returns it. hint is the
// type the context expects, or nil; it only serves to type an empty list
// literal `[]`. A sub-expression in error has type TInvalid, and no further
// error is reported about an expression with an invalid operand.
func (c *checker) expr(e parser.Expr, hint Type) Type {
	if isNil(e) {
		return TInvalid
	}
	if c.depth > parser.MaxTreeDepth {
		// The parser rejects deeper trees; this guards a tree built by hand.
		c.errorf(c.pos(e), "expression too long (its operators nest more than %d deep)", parser.MaxTreeDepth)
		return TInvalid
	}
	c.depth++
	t := c.expr0(e, hint)
	c.depth--
	if t == nil {
		t = TInvalid
	}
	c.info.Types[e] = t
	c.fold(e, t)
	return t
}

// value is expr for an expression whose value is used: it rejects calls
// without a result, process groups (which are not values, only the domains
// of in, for and quantifiers) and process states.
func (c *checker) value(e parser.Expr, hint Type) Type {
	t := c.expr(e, hint)
	switch t := t.(type) {
	case *Basic:
		if t.Kind == Void {
			c.errorf(c.epos(e), "%s (no value) used as value", exprString(e))
			return TInvalid
		}
	case *Group:
		c.errorf(c.epos(e), "cannot use process group %s as a value", exprString(e))
		return TInvalid
	case *ProcState:
		c.errorf(c.epos(e), "cannot use process state %s as a value (use %s.self for its rank)", exprString(e), exprString(e))
		return TInvalid
	case *Func:
		c.errorf(c.epos(e), "%s (built-in) must be called", exprString(e))
		return TInvalid
	case *Counter:
		c.errorf(c.epos(e), "cannot use shared counter %s as a value (use %s.read())", exprString(e), exprString(e))
		return TInvalid
	}
	return t
}

// assignable reports whether a value of type from, the type of e, can be
// used where type to is wanted, and reports an error if not. Invalid types
// are assignable to anything (their error is already reported).
func (c *checker) assignable(e parser.Expr, from, to Type, context string) bool {
	if from == TInvalid || to == TInvalid || from == nil || to == nil || Identical(from, to) {
		return true
	}
	c.errorf(c.epos(e), "cannot use %s (type %s) as %s in %s", exprString(e), from, to, context)
	return false
}

// wantBool checks that e is a bool condition.
func (c *checker) wantBool(e parser.Expr, context string) {
	if isNil(e) {
		return
	}
	t := c.value(e, TBool)
	if t != TInvalid && t != TBool {
		c.errorf(c.epos(e), "non-bool %s (type %s) used as %s", exprString(e), t, context)
	}
}

// wantInt checks that e is an int (or node).
func (c *checker) wantInt(e parser.Expr, context string) {
	if isNil(e) {
		return
	}
	t := c.value(e, TInt)
	c.assignable(e, t, TInt, context)
}

func (c *checker) expr0(e parser.Expr, hint Type) Type {
	if c.ctx.mode == modeConst && !constSyntax(e) {
		c.errorf(c.epos(e), "cannot use %s in %s (only literals, n and params are allowed)", exprString(e), c.ctx.where)
		return TInvalid
	}
	switch x := e.(type) {
	case *parser.IntLit:
		return TInt
	case *parser.StringLit:
		return TString
	case *parser.BoolLit:
		return TBool
	case *parser.Name:
		return c.name(x)
	case *parser.Paren:
		if isNil(x.X) {
			return TInvalid
		}
		return c.expr(x.X, hint)
	case *parser.ListLit:
		return c.listLit(x, hint)
	case *parser.Unary:
		return c.unary(x)
	case *parser.Binary:
		return c.binary(x)
	case *parser.Range:
		c.errorf(c.epos(x), "range %s is only allowed in for, forall, exists and placements", exprString(x))
		c.rangeBounds(x)
		return TInt
	case *parser.Selector:
		return c.selector(x, c.expr(x.X, nil))
	case *parser.Index:
		return c.index(x)
	case *parser.Call:
		return c.call(x)
	case *parser.Composite:
		return c.composite(x)
	case *parser.Quantifier:
		return c.quantifier(x)
	case *parser.TupleLit:
		return c.tupleLit(x, hint)
	case *parser.EmptyLit:
		return c.emptyLit(x, hint)
	case *parser.Extremum:
		return c.extremum(x)
	}
	c.errorf(c.pos(e), "unexpected expression %s", exprString(e))
	return TInvalid
}

// constSyntax reports whether e may appear in a param default or a
// placement, which are computed before any process exists: literals,
// names, arithmetic, comparisons, logic and the built-ins min, max and abs
// (which name() and builtinCall restrict further).
func constSyntax(e parser.Expr) bool {
	switch x := e.(type) {
	case *parser.IntLit, *parser.StringLit, *parser.BoolLit, *parser.Name, *parser.Paren, *parser.Unary, *parser.Range:
		return true
	case *parser.Binary:
		return x.Op != "in"
	case *parser.Call:
		_, ok := x.Fun.(*parser.Name)
		return ok
	}
	return false
}

// name resolves a name used as a value.
func (c *checker) name(x *parser.Name) Type {
	sym := c.scope().lookup(x.Name)
	if sym == nil {
		c.undefined(x.Name, c.pos(x), nil)
		return TInvalid
	}
	c.info.Uses[x] = sym
	pos := c.pos(x)
	switch c.ctx.mode {
	case modeConst:
		switch sym.Kind {
		case SymN:
		case SymParam:
			if i, ok := c.params[sym.Param]; ok && i >= c.ctx.params {
				c.errorf(pos, "cannot use %s in %s (a param default may use only earlier params)", x.Name, c.ctx.where)
				return TInvalid
			}
		default:
			c.errorf(pos, "cannot use %s in %s (only literals, n and params are allowed)", x.Name, c.ctx.where)
			return TInvalid
		}
	case modeInit:
		if sym.Kind == SymStateVar {
			c.errorf(pos, "cannot use state variable %s in an initializer", x.Name)
			return TInvalid
		}
	case modeProperty:
		if sym.Kind == SymSelf {
			c.errorf(pos, "cannot use self in a property (bind a process p and use p.self)")
			return TInvalid
		}
	case modeFunc:
		if !c.funcName(x, sym) {
			return TInvalid
		}
	}
	if sym.Kind == SymFunc {
		c.errorf(pos, "%s (%s) must be called", x.Name, sym.Func.What())
		return TInvalid
	}
	return sym.Type
}

// undefined reports an unresolved name, explaining the common confusions.
// extra names further candidates for the suggestion.
func (c *checker) undefined(name string, pos source.Pos, extra []string) {
	switch {
	case name == blank:
		c.errorf(pos, "cannot use _ as a value")
		return
	case isBuiltinFunc(name):
		c.errorf(pos, "%s (built-in function) must be called", name)
		return
	}
	if r, ok := c.types[name]; ok {
		what := "record type"
		if r.Message {
			what = "message type"
		}
		c.errorf(pos, "%s (%s) is not a value", name, what)
		return
	}
	if c.ctx.mode == modeProperty {
		for _, p := range c.alg.Processes {
			if p.Var(name) != nil {
				c.errorf(pos, "cannot use state variable %s directly in a property (bind a process: forall p in %s: p.%s)", name, p.Name, name)
				return
			}
		}
	}
	if c.ctx.handlerScope != nil && c.ctx.handlerScope.lookup(name) != nil {
		c.errorf(pos, "await cannot use %s, a local of the handler: its condition and body run in a later step, which sees only the process's state (keep %s in a var)", name, name)
		return
	}
	c.errorf(pos, "undefined: %s%s", name, suggestion(name, append(c.scope().names(), extra...)))
}

func (c *checker) scope() *scope {
	if c.ctx.scope == nil {
		return c.global
	}
	return c.ctx.scope
}

func (c *checker) unary(x *parser.Unary) Type {
	switch x.Op {
	case "-":
		t := c.value(x.X, TInt)
		if t == TInvalid {
			return TInvalid
		}
		if !Identical(t, TInt) {
			c.errorf(c.pos(x), "invalid operation: operator - not defined on %s (type %s)", exprString(x.X), t)
			return TInvalid
		}
		return TInt
	case "not":
		t := c.value(x.X, TBool)
		if t == TInvalid {
			return TInvalid
		}
		if t != TBool {
			c.errorf(c.pos(x), "invalid operation: operator not not defined on %s (type %s)", exprString(x.X), t)
			return TInvalid
		}
		return TBool
	}
	c.value(x.X, nil)
	c.errorf(c.pos(x), "unknown operator %s", x.Op)
	return TInvalid
}

func isEmptyList(e parser.Expr) bool {
	l, ok := unparen(e).(*parser.ListLit)
	return ok && l != nil && len(l.Elems) == 0
}

func (c *checker) binary(x *parser.Binary) Type {
	switch x.Op {
	case "and", "or", "implies":
		ok := true
		for _, e := range []parser.Expr{x.X, x.Y} {
			t := c.value(e, TBool)
			if t == TInvalid {
				ok = false
			} else if t != TBool {
				c.errorf(c.epos(e), "invalid operation: operator %s not defined on %s (type %s)", x.Op, exprString(e), t)
				ok = false
			}
		}
		if !ok {
			return TInvalid
		}
		return TBool
	case "in":
		return c.membership(x)
	}

	// Check an empty list literal after the other operand, so it can take
	// its type from it.
	var xt, yt Type
	if isEmptyLit(x.X) && !isEmptyLit(x.Y) {
		yt = c.value(x.Y, nil)
		xt = c.value(x.X, yt)
	} else {
		xt = c.value(x.X, nil)
		yt = c.value(x.Y, xt)
	}
	if xt == TInvalid || yt == TInvalid {
		if isComparison(x.Op) {
			return TBool
		}
		return TInvalid
	}
	if !Identical(xt, yt) {
		c.errorf(c.epos(x), "invalid operation: %s (mismatched types %s and %s)", exprString(x), xt, yt)
		if isComparison(x.Op) {
			return TBool
		}
		return TInvalid
	}
	isInt := Identical(xt, TInt)
	switch x.Op {
	case "==", "!=":
		return TBool
	case "<", "<=", ">", ">=":
		if !IsOrdered(xt) {
			c.errorf(c.epos(x), "invalid operation: %s (operator %s not defined on %s)", exprString(x), x.Op, xt)
		}
		return TBool
	case "+":
		if xt == TString {
			return TString
		}
		fallthrough
	case "-", "*", "/", "%":
		if !isInt {
			c.errorf(c.epos(x), "invalid operation: %s (operator %s not defined on %s)", exprString(x), x.Op, xt)
			return TInvalid
		}
		return TInt
	}
	c.errorf(c.pos(x), "unknown operator %s", x.Op)
	return TInvalid
}

func isComparison(op string) bool {
	switch op {
	case "==", "!=", "<", "<=", ">", ">=":
		return true
	}
	return false
}

// membership checks `x in c`: c is a list, a set, a map (its keys) or a
// process group (its ranks).
func (c *checker) membership(x *parser.Binary) Type {
	ct := c.expr(x.Y, nil)
	var elem Type
	switch t := ct.(type) {
	case *List:
		elem = t.Elem
	case *Set:
		elem = t.Elem
	case *Map:
		elem = t.Key
	case *Group:
		elem = TNode
	default:
		c.value(x.X, nil)
		if ct != TInvalid {
			c.errorf(c.epos(x.Y), "invalid operation: %s (%s of type %s is not a collection or process group)", exprString(x), exprString(x.Y), ct)
		}
		return TBool
	}
	xt := c.value(x.X, elem)
	if xt != TInvalid && !Identical(xt, elem) {
		c.errorf(c.epos(x), "invalid operation: %s (mismatched types %s and element type %s)", exprString(x), xt, elem)
	}
	return TBool
}

func (c *checker) listLit(x *parser.ListLit, hint Type) Type {
	var elemHint Type
	if l, ok := hint.(*List); ok {
		elemHint = l.Elem
	}
	if len(x.Elems) == 0 {
		if elemHint != nil {
			return hint
		}
		c.errorf(c.pos(x), "cannot infer type of empty list")
		return TInvalid
	}
	elem := elemHint
	for _, e := range x.Elems {
		t := c.value(e, elem)
		if t == TInvalid {
			continue
		}
		if elem == nil {
			elem = t
			continue
		}
		c.assignable(e, t, elem, "list element")
	}
	if elemHint != nil {
		return hint
	}
	if elem == nil {
		return TInvalid
	}
	return &List{Elem: elem}
}

// selector checks x.name, given the type of x: a field of a record or
// message, or, in a property, a state variable (or self) of a process.
func (c *checker) selector(x *parser.Selector, xt Type) Type {
	if x.Name == nil {
		return TInvalid
	}
	name := x.Name.Name
	pos := c.pos(x.Name)
	switch t := xt.(type) {
	case *Tuple:
		return c.tupleSelector(x, t)
	case *Record:
		if f := t.Field(name); f != nil {
			return f.Type
		}
		var names []string
		for _, f := range t.Fields {
			names = append(names, f.Name)
		}
		c.errorf(pos, "%s undefined (type %s has no field %s%s)", exprString(x), t, name, suggestion(name, names))
		return TInvalid
	case *ProcState:
		if name == "self" {
			return TNode
		}
		if v := t.Process.Var(name); v != nil {
			return v.Type
		}
		if f := t.Process.Func(name); f != nil {
			c.errorf(pos, "%s (%s of %s) must be called", exprString(x), f.What(), t.Process.Name)
			return TInvalid
		}
		names := []string{"self"}
		for _, v := range t.Process.Vars {
			names = append(names, v.Name)
		}
		c.errorf(pos, "%s undefined (process %s has no state variable %s%s)", exprString(x), t.Process.Name, name, suggestion(name, names))
		return TInvalid
	}
	if xt == TInvalid {
		return TInvalid
	}
	if LookupMethod(xt, name) != nil {
		c.errorf(pos, "%s (method) must be called", exprString(x))
		return TInvalid
	}
	c.errorf(pos, "%s undefined (type %s has no field or method %s)", exprString(x), xt, name)
	return TInvalid
}

func (c *checker) index(x *parser.Index) Type {
	xt := c.expr(x.X, nil)
	switch t := xt.(type) {
	case *List:
		it := c.value(x.Index, TInt)
		c.assignable(x.Index, it, TInt, "index")
		return t.Elem
	case *Map:
		kt := c.value(x.Index, t.Key)
		c.assignable(x.Index, kt, t.Key, "map index")
		return t.Value
	}
	c.value(x.Index, nil)
	if xt != TInvalid {
		c.errorf(c.epos(x), "invalid operation: cannot index %s (type %s)", exprString(x.X), xt)
	}
	return TInvalid
}

// quantifier checks forall/exists: every variable ranges over the domain
// (independently: `forall a, b in G` is over all pairs).
func (c *checker) quantifier(x *parser.Quantifier) Type {
	d := c.domain(x.Range, x.Kind)
	saved := c.ctx.scope
	c.ctx.scope = newScope(c.scope())
	for i, v := range x.Vars {
		c.bindVar(SymQuantVar, v, x.Tuple(i), d.elem, d.role(), x.Range)
	}
	t := c.quantifierBody(x)
	c.ctx.scope = saved
	return t
}

// domain is what a for loop or a quantifier ranges over.
type domain struct {
	kind  domainKind
	elem  Type // the element, map key, range value, rank or process state
	value Type // the map value or list element of a second loop variable
}

// role says what the values of a one-variable loop over d are, for
// messages: "an element", "a key", "a rank".
func (d domain) role() string {
	switch d.kind {
	case domMap:
		return "a key"
	case domRange:
		return "a value"
	case domGroup:
		if _, ok := d.elem.(*ProcState); ok {
			return "a process"
		}
		return "a rank"
	}
	return "an element"
}

type domainKind int

const (
	domInvalid domainKind = iota
	domRange
	domList
	domSet
	domMap
	domGroup
)

// domain checks the head of a for loop or quantifier: a range lo .. hi (the
// only place besides placements where one is allowed), a collection or a
// process group. In a property a group's elements are process states.
func (c *checker) domain(e parser.Expr, what string) domain {
	if isNil(e) {
		return domain{elem: TInvalid, value: TInvalid}
	}
	if r, ok := e.(*parser.Range); ok && r != nil {
		c.rangeBounds(r)
		c.info.Types[r] = TInt
		return domain{kind: domRange, elem: TInt, value: TInvalid}
	}
	if r, ok := unparen(e).(*parser.Range); ok && r != nil {
		c.errorf(c.epos(e), "range %s must not be parenthesized in %s", exprString(r), what)
		c.rangeBounds(r)
		return domain{elem: TInvalid, value: TInvalid}
	}
	t := c.expr(e, nil)
	switch t := t.(type) {
	case *List:
		return domain{kind: domList, elem: t.Elem, value: t.Elem}
	case *Set:
		return domain{kind: domSet, elem: t.Elem, value: TInvalid}
	case *Map:
		return domain{kind: domMap, elem: t.Key, value: t.Value}
	case *Group:
		if c.ctx.mode == modeProperty {
			return domain{kind: domGroup, elem: &ProcState{Process: t.Process}, value: TInvalid}
		}
		return domain{kind: domGroup, elem: TNode, value: TInvalid}
	}
	if t != TInvalid {
		c.errorf(c.epos(e), "cannot range over %s (type %s) in %s", exprString(e), t, what)
	}
	return domain{elem: TInvalid, value: TInvalid}
}

// rangeBounds checks the int bounds of lo .. hi.
func (c *checker) rangeBounds(r *parser.Range) {
	c.wantInt(r.Lo, "range bound")
	c.wantInt(r.Hi, "range bound")
}
