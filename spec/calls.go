package spec

import (
	"sort"

	"github.com/dsac-lang/dsac/parser"
)

// call checks a call: a built-in function or a collection method. Calls
// of add, append and remove have type TVoid; value rejects them where a
// value is needed.
func (c *checker) call(x *parser.Call) Type {
	switch fun := x.Fun.(type) {
	case *parser.Name:
		if fun == nil {
			break
		}
		if isBuiltinFunc(fun.Name) && c.scope().lookup(fun.Name) == nil {
			return c.builtinCall(x, fun)
		}
		if sym := c.scope().lookup(fun.Name); sym != nil && sym.Kind == SymFunc {
			return c.userCall(x, fun, sym)
		}
		if c.scope().lookup(fun.Name) == nil {
			c.info.Types[fun] = TInvalid
			if f := c.processFunc(fun.Name); f != nil && c.ctx.mode == modeProperty {
				if f.IsProc {
					c.errorf(c.pos(fun), "undefined: %s (a procedure of %s, which a property cannot call)", fun.Name, f.Process.Name)
				} else {
					c.errorf(c.pos(fun), "undefined: %s (a function of %s: call it on a process, as in forall p in %s: p.%s(…))", fun.Name, f.Process.Name, f.Process.Name, fun.Name)
				}
				c.args(x.Args, 0)
				return TInvalid
			}
			c.undefined(fun.Name, c.pos(fun), sortedKeys(builtinFuncs))
			c.args(x.Args, 0)
			return TInvalid
		}
	case *parser.Selector:
		if fun != nil {
			return c.methodCall(x, fun)
		}
	}
	t := c.expr(x.Fun, nil)
	c.args(x.Args, 0)
	if t != TInvalid {
		c.errorf(c.epos(x.Fun), "invalid operation: cannot call non-function %s (type %s)", exprString(x.Fun), t)
	}
	return TInvalid
}

// processFunc returns the function or procedure named name of the first
// process type that has one, or nil.
func (c *checker) processFunc(name string) *Function {
	for _, p := range c.alg.Processes {
		if f := p.Func(name); f != nil {
			return f
		}
	}
	return nil
}

// args checks the arguments from index from on, whose types nothing
// constrains (extra arguments of a call in error).
func (c *checker) args(args []parser.Expr, from int) {
	for i := from; i < len(args); i++ {
		c.value(args[i], nil)
	}
}

// argCount reports a wrong number of arguments; it returns whether the
// count is right.
func (c *checker) argCount(x *parser.Call, name string, want int) bool {
	if len(x.Args) == want {
		return true
	}
	c.errorf(c.pos(x), "wrong number of arguments in call to %s: got %d, want %d", name, len(x.Args), want)
	return false
}

func (c *checker) builtinCall(x *parser.Call, fun *parser.Name) Type {
	b := builtinFuncs[fun.Name]
	c.info.Types[fun] = &Func{Builtin: b}
	name := fun.Name
	switch c.ctx.mode {
	case modeConst:
		if b != BuiltinMin && b != BuiltinMax && b != BuiltinAbs {
			c.errorf(c.pos(fun), "cannot use %s() in %s (only literals, n and params are allowed)", name, c.ctx.where)
		}
	case modeInit, modeProperty, modeFunc:
		if b == BuiltinNow || b == BuiltinRandom {
			c.errorf(c.pos(fun), "cannot use %s() in %s", name, c.ctx.where)
		}
	}
	c.info.Calls[x] = &CallInfo{Builtin: b}
	switch b {
	case BuiltinSorted:
		return c.sortedCall(x)
	case BuiltinCrashed, BuiltinCorrect:
		return c.crashCall(x, name)
	case BuiltinMajority:
		if c.argCount(x, name, 1) {
			t := c.expr(x.Args[0], nil)
			switch t.(type) {
			case *Group, *List, *Set, *Map:
			default:
				if t != TInvalid {
					c.errorf(c.epos(x.Args[0]), "invalid argument: %s (type %s) is not a process group or collection", exprString(x.Args[0]), t)
				}
			}
			return TInt
		}
	case BuiltinNow:
		c.argCount(x, name, 0)
	case BuiltinRandom:
		if c.argCount(x, name, 2) {
			c.wantInt(x.Args[0], "argument to random")
			c.wantInt(x.Args[1], "argument to random")
			return TInt
		}
	case BuiltinAbs:
		if c.argCount(x, name, 1) {
			c.wantInt(x.Args[0], "argument to abs")
			return TInt
		}
	case BuiltinMin, BuiltinMax:
		if c.argCount(x, name, 2) {
			a := c.value(x.Args[0], nil)
			b := c.value(x.Args[1], a)
			switch {
			case a == TInvalid || b == TInvalid:
				return TInvalid
			case !Identical(a, b):
				c.errorf(c.pos(x), "invalid argument: mismatched types %s and %s in call to %s", a, b, name)
				return TInvalid
			case Identical(a, TInt):
				return TInt
			case a == TString:
				return TString
			}
			c.errorf(c.epos(x.Args[0]), "invalid argument: %s (type %s) in call to %s: want int or string", exprString(x.Args[0]), a, name)
			return TInvalid
		}
	}
	c.args(x.Args, 0)
	if b == BuiltinNow {
		return TInt
	}
	return TInvalid
}

// methodCall checks x.m(args), a collection method.
func (c *checker) methodCall(x *parser.Call, sel *parser.Selector) Type {
	recv := c.expr(sel.X, nil)
	if sel.Name == nil || recv == TInvalid {
		c.info.Types[sel] = TInvalid
		c.args(x.Args, 0)
		return TInvalid
	}
	if p, ok := recv.(*ProcState); ok {
		if f := p.Process.Func(sel.Name.Name); f != nil {
			return c.processCall(x, sel, f)
		}
		if p.Process.Var(sel.Name.Name) == nil && sel.Name.Name != "self" {
			c.info.Types[sel] = TInvalid
			var names []string
			for _, f := range p.Process.Funcs {
				names = append(names, f.Name)
			}
			c.errorf(c.pos(sel.Name), "%s undefined (process %s has no function %s%s)", exprString(sel), p.Process.Name, sel.Name.Name, suggestion(sel.Name.Name, names))
			c.args(x.Args, 0)
			return TInvalid
		}
	}
	switch recv.(type) {
	case *Record, *ProcState:
		// A field of a record or process is not a function.
		t := c.selector(sel, recv)
		c.info.Types[sel] = t
		c.args(x.Args, 0)
		if t != TInvalid {
			c.errorf(c.pos(x), "invalid operation: cannot call non-function %s (type %s)", exprString(sel), t)
		}
		return TInvalid
	}
	name := sel.Name.Name
	sig := LookupMethod(recv, name)
	if sig == nil {
		c.info.Types[sel] = TInvalid
		c.errorf(c.pos(sel.Name), "%s undefined (type %s has no method %s%s)", exprString(sel), recv, name, suggestion(name, Methods(recv)))
		c.args(x.Args, 0)
		return TInvalid
	}
	c.info.Types[sel] = &Func{Builtin: sig.Builtin, Recv: recv}
	c.info.Calls[x] = &CallInfo{Builtin: sig.Builtin, Recv: recv}
	if _, shared := recv.(*Counter); shared {
		c.checkSharedUse(sel, sig.Builtin)
	}
	if sig.Mutates {
		c.modifiable(sel.X, "modify", exprString(sel.X))
	}
	what := exprString(sel)
	if c.argCount(x, what, len(sig.Params)) {
		for i, p := range sig.Params {
			t := c.value(x.Args[i], p)
			c.assignable(x.Args[i], t, p, "argument to "+what)
		}
	} else {
		c.args(x.Args, 0)
	}
	return sig.Result
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortStrings(s []string) []string {
	sort.Strings(s)
	return s
}
