package codegen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// fnCtx is what compiling the body of one generated function needs: where
// the state, the shared environment and the run's effects are.
type fnCtx struct {
	g      *generator
	proc   *spec.Process // the process whose handler this is, or nil
	recv   string        // the receiver holding process state ("st"), or ""
	env    jen.Code      // an expression of type *env
	self   jen.Code      // an expression of type int64 for `self`, or nil
	sender string        // the Go name of the sender in a message handler
	hasCtx bool          // whether a runtime.Context named ctx is in scope
	// stop, in a property's check or explanation or in a function, is an
	// expression of type *runtime.Stop that every loop ticks, so that a
	// check keeps to the run's deadline, and that the functions called
	// get; nil elsewhere (handlers, guards, procedures, init), which call
	// functions with a nil Stop.
	stop jen.Code
	// inDelay is set while compiling the duration of a timer statement:
	// random() there only decides when the timer fires (runtime.RandDelay).
	inDelay bool
	locals  map[*spec.Symbol]string
	// hoisted names the Go variables holding what a loop over a
	// collection ranges over, computed once before nested loops over the
	// same collection (forall a, b in s) rather than once per outer
	// iteration: sorting a set n times would cost n² log n and n slices.
	hoisted map[parser.Expr]hoist
	// keep holds symbols that get a Go name even when nothing uses them
	// (the quantified variables an explanation shows).
	keep map[*spec.Symbol]bool
	tmps int
	errs []error
}

func (g *generator) newFnCtx(recv string, env jen.Code) *fnCtx {
	return &fnCtx{g: g, recv: recv, env: env, locals: map[*spec.Symbol]string{}}
}

func (c *fnCtx) fail(n parser.Node, format string, args ...any) jen.Code {
	c.errs = append(c.errs, fmt.Errorf("%s: %s", n.Position(), fmt.Sprintf(format, args...)))
	return jen.Nil()
}

func (c *fnCtx) typeOf(e parser.Expr) spec.Type { return c.g.info.TypeOf(e) }

// tmp returns a fresh Go name for a temporary.
func (c *fnCtx) tmp() string {
	c.tmps++
	return fmt.Sprintf("tmp%d", c.tmps)
}

// bind gives the symbol declared by id a Go name, or "_" when it is never used.
func (c *fnCtx) bind(id *parser.Ident) string {
	if id == nil {
		return "_"
	}
	sym := c.g.info.Defs[id]
	if sym == nil || (c.g.uses[sym] == 0 && !c.keep[sym]) {
		return "_"
	}
	name := localName(id.Name, c.g.globals)
	c.locals[sym] = name
	return name
}

// Go operator precedence, for deciding where parentheses are needed.
const (
	precOr = 1 + iota
	precAnd
	precCompare
	precSum
	precProduct
	precAtom
)

func binaryPrec(op string) int {
	switch op {
	case "or", "implies":
		return precOr
	case "and":
		return precAnd
	case "==", "!=", "<", "<=", ">", ">=":
		return precCompare
	case "+", "-":
		return precSum
	case "*", "/", "%":
		return precProduct
	}
	return precAtom // "in" compiles to a call
}

func goPrec(e parser.Expr) int {
	switch e := e.(type) {
	case *parser.Binary:
		return binaryPrec(e.Op)
	case *parser.Unary:
		if e.Op == "-" {
			return precAtom
		}
	}
	return precAtom
}

// operand compiles e for use as an operand of an operator of precedence prec.
func (c *fnCtx) operand(e parser.Expr, prec int) jen.Code {
	if goPrec(e) < prec {
		return jen.Parens(c.expr(e))
	}
	return c.expr(e)
}

// expr compiles an expression to Go.
func (c *fnCtx) expr(e parser.Expr) jen.Code {
	switch e := e.(type) {
	case *parser.IntLit:
		return jen.Lit(int(e.Value))
	case *parser.StringLit:
		return jen.Lit(e.Value)
	case *parser.BoolLit:
		return jen.Lit(e.Value)
	case *parser.Paren:
		return jen.Parens(c.expr(e.X))
	case *parser.Name:
		return c.name(e)
	case *parser.ListLit:
		elems := make([]jen.Code, len(e.Elems))
		for i, x := range e.Elems {
			elems[i] = c.value(x)
		}
		return jen.Add(c.g.goType(c.typeOf(e))).Values(elems...)
	case *parser.Unary:
		if e.Op == "-" {
			return jen.Op("-").Add(c.operand(e.X, precAtom))
		}
		return jen.Op("!").Add(c.operand(e.X, precAtom))
	case *parser.Binary:
		return c.binary(e)
	case *parser.Selector:
		return c.selector(e)
	case *parser.Index:
		return jen.Add(c.operand(e.X, precAtom)).Index(c.expr(e.Index))
	case *parser.Call:
		return c.call(e)
	case *parser.Composite:
		return c.composite(e)
	case *parser.Quantifier:
		return c.quantifier(e)
	case *parser.Range:
		return c.fail(e, "a range is only allowed in for, forall/exists and placements")
	case *parser.TupleLit:
		return c.tupleLit(e)
	case *parser.EmptyLit:
		return jen.Add(c.g.goType(c.typeOf(e))).Values()
	case *parser.Extremum:
		return c.extremum(e)
	}
	return c.fail(e, "unsupported expression %T", e)
}

func (c *fnCtx) name(e *parser.Name) jen.Code {
	sym := c.g.info.Uses[e]
	if sym == nil {
		return c.fail(e, "unresolved name %s", e.Name)
	}
	switch sym.Kind {
	case spec.SymParam:
		return jen.Add(c.env).Dot("params").Dot(c.g.paramName[sym.Param])
	case spec.SymStateVar:
		return jen.Id(c.recv).Dot(c.g.varName[sym.Var])
	case spec.SymGroup:
		return jen.Add(c.env).Dot(c.g.groupField[sym.Process])
	case spec.SymSelf:
		if c.self == nil {
			return c.fail(e, "self is not defined here")
		}
		return c.self
	case spec.SymN:
		return jen.Add(c.env).Dot("n")
	}
	if name, ok := c.locals[sym]; ok {
		return jen.Id(name)
	}
	return c.fail(e, "no Go name for %s", e.Name)
}

func (c *fnCtx) selector(e *parser.Selector) jen.Code {
	switch t := c.typeOf(e.X).(type) {
	case *spec.Tuple:
		i, _ := strconv.Atoi(e.Name.Name)
		return jen.Add(c.operand(e.X, precAtom)).Dot(partName(i))
	case *spec.Record:
		for i, f := range t.Fields {
			if f.Name == e.Name.Name {
				return jen.Add(c.operand(e.X, precAtom)).Dot(c.g.fieldName[t][i])
			}
		}
	case *spec.ProcState:
		if e.Name.Name == "self" {
			return jen.Add(c.operand(e.X, precAtom)).Dot("self")
		}
		for _, v := range t.Process.Vars {
			if v.Name == e.Name.Name {
				return jen.Add(c.operand(e.X, precAtom)).Dot(c.g.varName[v])
			}
		}
	}
	return c.fail(e, "no field %s", e.Name.Name)
}

func (c *fnCtx) binary(e *parser.Binary) jen.Code {
	prec := binaryPrec(e.Op)
	x := func() jen.Code { return c.operand(e.X, prec) }
	y := func() jen.Code { return c.operand(e.Y, prec+1) }
	switch e.Op {
	case "and":
		return jen.Add(x()).Op("&&").Add(y())
	case "or":
		return jen.Add(x()).Op("||").Add(y())
	case "implies":
		return jen.Op("!").Add(c.operand(e.X, precAtom)).Op("||").Add(c.operand(e.Y, precOr+1))
	case "==", "!=":
		t := c.typeOf(e.X)
		if goComparable(t) {
			return jen.Add(x()).Op(e.Op).Add(y())
		}
		eq := c.g.equal(t, c.expr(e.X), c.expr(e.Y))
		if e.Op == "!=" {
			return jen.Op("!").Add(eq)
		}
		return eq
	case "in":
		return c.contains(e.Y, e.X)
	case "<", "<=", ">", ">=":
		if t := c.typeOf(e.X); isTuple(t) {
			return less(t, e.Op, c.operand(e.X, precAtom), c.expr(e.Y))
		}
	}
	return jen.Add(x()).Op(e.Op).Add(y())
}

// contains compiles `x in coll` and coll.contains(x).
func (c *fnCtx) contains(coll, x parser.Expr) jen.Code {
	switch c.typeOf(coll).(type) {
	case *spec.List:
		return jen.Qual("slices", "Contains").Call(c.expr(coll), c.expr(x))
	case *spec.Set:
		return jen.Add(c.operand(coll, precAtom)).Dot("Contains").Call(c.expr(x))
	case *spec.Map:
		return jen.Qual(rtPath, "HasKey").Call(c.expr(coll), c.expr(x))
	case *spec.Group:
		return jen.Qual(rtPath, "HasRank").Call(c.expr(coll), c.expr(x))
	}
	return c.fail(coll, "cannot test membership in %s", c.typeOf(coll))
}

// value compiles e where its value is stored or sent: a collection read
// from a variable is copied, because collections are values in the language.
func (c *fnCtx) value(e parser.Expr) jen.Code {
	t := c.typeOf(e)
	if !needsClone(t) || isFresh(e) {
		return c.expr(e)
	}
	return c.g.clone(t, c.expr(e))
}

// isFresh reports whether e builds a new value that nothing else refers to.
func isFresh(e parser.Expr) bool {
	switch e := e.(type) {
	case *parser.Composite, *parser.ListLit, *parser.EmptyLit:
		return true
	case *parser.Paren:
		return isFresh(e.X)
	case *parser.Call:
		if s, ok := e.Fun.(*parser.Selector); ok && s.Name.Name == "keys" {
			return true
		}
	}
	return false
}

func (c *fnCtx) composite(e *parser.Composite) jen.Code {
	ci := c.g.info.Composites[e]
	if ci == nil {
		return c.fail(e, "unchecked composite literal")
	}
	var fields []jen.Code
	for i, v := range ci.Values {
		if v == nil {
			continue
		}
		fields = append(fields, jen.Id(c.g.fieldName[ci.Record][i]).Op(":").Add(c.value(v)))
	}
	return jen.Id(c.g.recordName[ci.Record]).Values(fields...)
}

func (c *fnCtx) call(e *parser.Call) jen.Code {
	ci := c.g.info.Calls[e]
	if ci == nil {
		return c.fail(e, "unchecked call")
	}
	if ci.Func != nil {
		return c.userCall(e, ci.Func)
	}
	args := func(i int) jen.Code { return c.expr(e.Args[i]) }
	if ci.Recv == nil {
		switch ci.Builtin {
		case spec.BuiltinMajority:
			return jen.Qual(rtPath, "Majority").Call(jen.Len(c.expr(e.Args[0])))
		case spec.BuiltinNow:
			if !c.hasCtx {
				return c.fail(e, "now() is only available in handlers")
			}
			return jen.Id("ctx").Dot("Now").Call().Dot("Milliseconds").Call()
		case spec.BuiltinRandom:
			if !c.hasCtx {
				return c.fail(e, "random() is only available in handlers")
			}
			if c.inDelay {
				return jen.Qual(rtPath, "RandDelay").Call(jen.Id("ctx"), args(0), args(1))
			}
			return jen.Id("ctx").Dot("Rand").Call(args(0), args(1))
		case spec.BuiltinMin:
			return jen.Min(args(0), args(1))
		case spec.BuiltinMax:
			return jen.Max(args(0), args(1))
		case spec.BuiltinAbs:
			return jen.Qual(rtPath, "Abs").Call(args(0))
		case spec.BuiltinSorted:
			return c.sortedCall(e)
		case spec.BuiltinCrashed, spec.BuiltinCorrect:
			return c.crashCall(e, ci.Builtin)
		}
		return c.fail(e, "unknown built-in %s", ci.Builtin)
	}
	sel, ok := e.Fun.(*parser.Selector)
	if !ok {
		return c.fail(e, "method call without receiver")
	}
	if counter, ok := ci.Recv.(*spec.Counter); ok {
		return c.sharedCall(e, counter.Shared, ci.Builtin)
	}
	recv := sel.X
	elems := func() jen.Code {
		if _, ok := ci.Recv.(*spec.Set); ok {
			return jen.Add(c.operand(recv, precAtom)).Dot("Sorted").Call()
		}
		return c.expr(recv)
	}
	switch ci.Builtin {
	case spec.MethodSize:
		return jen.Int64().Call(jen.Len(c.expr(recv)))
	case spec.MethodContains:
		return c.contains(recv, e.Args[0])
	case spec.MethodMax:
		return jen.Qual(rtPath, "MaxOf").Call(elems())
	case spec.MethodMin:
		return jen.Qual(rtPath, "MinOf").Call(elems())
	case spec.MethodSum:
		return jen.Qual(rtPath, "Sum").Call(elems())
	case spec.MethodKeys:
		return jen.Add(ordered("SortedKeys", ci.Recv.(*spec.Map).Key)).Call(c.expr(recv))
	case spec.MethodValues:
		return jen.Add(ordered("ValuesByKey", ci.Recv.(*spec.Map).Key)).Call(c.expr(recv))
	}
	return c.fail(e, "%s() does not give a value", ci.Builtin)
}

// hoist is a collection evaluated once for several loops: the Go names of
// its elements (sorted set elements or map keys), or of a range's bounds.
type hoist struct{ elems, lo, hi string }

// hoistFor evaluates what the loops over coll of a quantifier with more
// than one variable range over, once; loop then uses it. It returns the
// statements to put before the outermost loop.
func (c *fnCtx) hoistFor(q *parser.Quantifier) []jen.Code {
	if len(q.Vars) < 2 {
		return nil
	}
	var h hoist
	var code []jen.Code
	if r, ok := q.Range.(*parser.Range); ok {
		h.lo, h.hi = c.tmp(), c.tmp()
		code = []jen.Code{jen.List(jen.Id(h.lo), jen.Id(h.hi)).Op(":=").List(jen.Int64().Call(c.expr(r.Lo)), jen.Int64().Call(c.expr(r.Hi)))}
	} else {
		var elems jen.Code
		switch c.typeOf(q.Range).(type) {
		case *spec.Set:
			elems = jen.Add(c.operand(q.Range, precAtom)).Dot("Sorted").Call()
		case *spec.Map:
			elems = jen.Add(ordered("SortedKeys", c.typeOf(q.Range).(*spec.Map).Key)).Call(c.expr(q.Range))
		default:
			return nil // lists and groups are ranged over in place
		}
		h.elems = c.tmp()
		code = []jen.Code{jen.Id(h.elems).Op(":=").Add(elems)}
	}
	if c.hoisted == nil {
		c.hoisted = map[parser.Expr]hoist{}
	}
	c.hoisted[q.Range] = h
	return code
}

// loopVar is what a loop binds to each value: a name, or the names of a
// tuple's parts.
type loopVar struct {
	id    *parser.Ident
	tuple *parser.TuplePattern
}

func (v loopVar) declared() bool { return v.id != nil || v.tuple != nil }

// quantVar is variable i of quantifier q.
func quantVar(q *parser.Quantifier, i int) loopVar { return loopVar{q.Vars[i], q.Tuple(i)} }

// bindLoopVar gives v a Go name, "_" when nothing uses it; for a tuple
// whose parts are used, a temporary, and the statements that declare the
// parts from it, which start the loop's body.
func (c *fnCtx) bindLoopVar(v loopVar) (string, []jen.Code) {
	if v.tuple == nil {
		return c.bind(v.id), nil
	}
	tuple := "_"
	var parts []jen.Code
	for i, p := range v.tuple.Parts {
		name := c.bind(p)
		if name == "_" {
			continue
		}
		if tuple == "_" {
			tuple = c.tmp()
		}
		parts = append(parts, jen.Id(name).Op(":=").Id(tuple).Dot(partName(i)))
	}
	return tuple, parts
}

// loop builds `for ... { body }` binding keyVar (and valVar) over coll.
func (c *fnCtx) loop(coll parser.Expr, keyVar, valVar loopVar, body func() []jen.Code) jen.Code {
	keyID, valID := keyVar.id, valVar.declared()
	if c.stop != nil {
		inner := body
		body = func() []jen.Code { return append([]jen.Code{jen.Add(c.stop).Dot("Tick").Call()}, inner()...) }
	}
	key, keyParts := c.bindLoopVar(keyVar)
	val, valParts := "_", []jen.Code(nil)
	if valID {
		val, valParts = c.bindLoopVar(valVar)
	}
	if keyParts != nil || valParts != nil {
		inner := body
		body = func() []jen.Code { return append(append(keyParts, valParts...), inner()...) }
	}
	h, hoisted := c.hoisted[coll]
	if r, ok := coll.(*parser.Range); ok {
		name := key
		if name == "_" {
			name = "i_"
		}
		// The loop steps with a flag instead of testing name <= hi alone:
		// after hi == MaxInt, name++ wraps around and would go on for ever.
		more := c.tmp()
		step := func(hi string) jen.Code {
			return jen.List(jen.Id(name), jen.Id(more)).Op("=").List(jen.Id(name).Op("+").Lit(1), jen.Id(name).Op("<").Id(hi))
		}
		if hoisted {
			return jen.For(jen.List(jen.Id(name), jen.Id(more)).Op(":=").List(jen.Id(h.lo), jen.True()),
				jen.Id(more).Op("&&").Id(name).Op("<=").Id(h.hi), step(h.hi)).Block(body()...)
		}
		// Both bounds are evaluated once, before the first iteration, as
		// the collection of `for x in coll` is.
		hi := c.tmp()
		return jen.For(jen.List(jen.Id(name), jen.Id(hi), jen.Id(more)).Op(":=").List(jen.Int64().Call(c.expr(r.Lo)), jen.Int64().Call(c.expr(r.Hi)), jen.True()),
			jen.Id(more).Op("&&").Id(name).Op("<=").Id(hi), step(hi)).Block(body()...)
	}
	// each ranges over elems binding key; Go rejects `for _, _ := range`.
	each := func(elems jen.Code) jen.Code {
		if key == "_" {
			return jen.For(jen.Range().Add(elems)).Block(body()...)
		}
		return jen.For(jen.List(jen.Id("_"), jen.Id(key)).Op(":=").Range().Add(elems)).Block(body()...)
	}
	switch t := c.typeOf(coll).(type) {
	case *spec.List:
		if !valID {
			return each(c.expr(coll))
		}
		idx := "_"
		var prolog []jen.Code
		if key != "_" {
			// key_ is no local's Go name unless key ends in _ (localName).
			idx = key + "_"
			if strings.HasSuffix(key, "_") {
				idx = c.tmp()
			}
			prolog = append(prolog, jen.Id(key).Op(":=").Int64().Call(jen.Id(idx)))
		}
		return jen.For(jen.List(jen.Id(idx), jen.Id(val)).Op(":=").Range().Add(c.expr(coll))).Block(append(prolog, body()...)...)
	case *spec.Set:
		if hoisted {
			return each(jen.Id(h.elems))
		}
		return each(jen.Add(c.operand(coll, precAtom)).Dot("Sorted").Call())
	case *spec.Map:
		keys := jen.Add(ordered("SortedKeys", t.Key)).Call(c.expr(coll))
		if hoisted {
			keys = jen.Id(h.elems)
		}
		if val == "_" {
			return each(keys)
		}
		var prolog []jen.Code
		k := key
		if val != "_" {
			if k == "_" {
				k = "k_"
			}
			prolog = append(prolog, jen.Id(val).Op(":=").Add(c.expr(coll)).Index(jen.Id(k)))
		}
		return jen.For(jen.List(jen.Id("_"), jen.Id(k)).Op(":=").Range().Add(keys)).Block(append(prolog, body()...)...)
	case *spec.Group:
		if sym := c.g.info.Defs[keyID]; sym != nil {
			if _, ok := sym.Type.(*spec.ProcState); ok {
				return each(jen.Id("w").Dot(c.g.procName[t.Process]))
			}
		}
		if key == "_" {
			return jen.For(jen.Range().Add(c.expr(coll))).Block(body()...)
		}
		return jen.For(jen.List(jen.Id("_"), jen.Id(key+"_")).Op(":=").Range().Add(c.expr(coll))).Block(
			append([]jen.Code{jen.Id(key).Op(":=").Int64().Call(jen.Id(key + "_"))}, body()...)...)
	}
	return c.fail(coll, "cannot iterate over %s", c.typeOf(coll))
}

// quantifier compiles forall/exists to a function literal called in place.
func (c *fnCtx) quantifier(e *parser.Quantifier) jen.Code {
	if e.IsAggregate() {
		return c.aggregate(e)
	}
	forall := e.Kind == "forall"
	var nest func(i int) []jen.Code
	nest = func(i int) []jen.Code {
		if i == len(e.Vars) {
			if forall {
				return []jen.Code{jen.If(jen.Op("!").Add(c.operand(e.Body, precAtom))).Block(jen.Return(jen.False()))}
			}
			return []jen.Code{jen.If(c.expr(e.Body)).Block(jen.Return(jen.True()))}
		}
		return []jen.Code{c.loop(e.Range, quantVar(e, i), loopVar{}, func() []jen.Code { return nest(i + 1) })}
	}
	body := append(c.hoistFor(e), nest(0)...)
	delete(c.hoisted, e.Range) // out of scope past this function literal
	body = append(body, jen.Return(jen.Lit(forall)))
	return jen.Func().Params().Bool().Block(body...).Call()
}

// sharedCall compiles an operation on a shared counter: through the
// backend's shared memory in a handler, from the final values in a property.
func (c *fnCtx) sharedCall(e *parser.Call, s *spec.Shared, op spec.Builtin) jen.Code {
	id := jen.Lit(s.Index)
	if !c.hasCtx {
		if op != spec.MethodRead {
			return c.fail(e, "%s() is only available in handlers", op)
		}
		return jen.Id("w").Dot("shared").Index(id)
	}
	switch op {
	case spec.MethodRead:
		return jen.Qual(rtPath, "ReadShared").Call(jen.Id("ctx"), id)
	case spec.MethodFetchAdd:
		return jen.Qual(rtPath, "FetchAdd").Call(jen.Id("ctx"), id, c.expr(e.Args[0]))
	case spec.MethodCompareAndSwap:
		return jen.Qual(rtPath, "CompareAndSwap").Call(jen.Id("ctx"), id, c.expr(e.Args[0]), c.expr(e.Args[1]))
	}
	return c.fail(e, "unknown operation %s on a shared counter", op)
}
