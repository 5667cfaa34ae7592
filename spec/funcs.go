package spec

import (
	"fmt"
	"strings"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// Functions and procedures. A function (def) is pure: its body is one
// expression over its parameters, params, n and other functions and, for
// a function of a process type, that process's state and self; it sends
// nothing, changes nothing and uses neither now() nor random(), so it may
// be called from expressions, guards and (at the top level) properties. A
// procedure (proc) belongs to a process type: a block of statements with
// every effect of a handler but reply, called as a statement from that
// type's handlers and procedures, inside their atomic step. Recursion,
// direct or through other functions and procedures, is rejected: every
// call then ends, and a backend never runs out of stack.

// Function is a function or procedure of the spec.
type Function struct {
	Name     string
	Params   []*Symbol // SymArg symbols, in order
	paramIDs []*parser.Ident
	Result   Type     // the result of a function; TVoid for a procedure
	Process  *Process // the process type it belongs to; nil at the top level
	IsProc   bool
	Body     parser.Expr   // a function's body, when it is one expression
	Block    *parser.Block // a procedure's body, or a function's block
	Symbol   *Symbol       // SymFunc
	Decl     parser.Node   // *parser.FuncDecl or *parser.ProcDecl
}

// What names the kind of f for messages: "function" or "procedure".
func (f *Function) What() string {
	if f.IsProc {
		return "procedure"
	}
	return "function"
}

// funcCall is a call of a function or procedure, an edge of the call graph.
type funcCall struct {
	from, to *Function
	pos      source.Pos
}

// newFunction creates the function of a declaration (*parser.FuncDecl or
// *parser.ProcDecl); its signature is resolved by resolveSignature.
func (c *checker) newFunction(d parser.Node, p *Process) *Function {
	f := &Function{Process: p, Decl: d, Result: TVoid}
	var name *parser.Ident
	switch d := d.(type) {
	case *parser.FuncDecl:
		name, f.Body, f.Block = d.Name, d.Body, d.Block
	case *parser.ProcDecl:
		name, f.Block, f.IsProc = d.Name, d.Body, true
	}
	f.Name = name.Name
	f.Symbol = c.newSymbol(SymFunc, f.Name, TInvalid)
	f.Symbol.Func = f
	c.info.Defs[name] = f.Symbol
	return f
}

// resolveSignature gives f the types of its parameters and result.
func (c *checker) resolveSignature(f *Function) {
	var params []*parser.Field
	switch d := f.Decl.(type) {
	case *parser.FuncDecl:
		params = d.Params
		f.Result = c.resolveType(d.Result)
	case *parser.ProcDecl:
		params = d.Params
	}
	for _, fd := range params {
		if fd == nil || fd.Name == nil {
			continue
		}
		sym := c.newSymbol(SymArg, fd.Name.Name, c.resolveType(fd.Type))
		c.info.Defs[fd.Name] = sym
		f.Params = append(f.Params, sym)
		f.paramIDs = append(f.paramIDs, fd.Name)
	}
}

// declareMember declares a function or procedure of process type p.
func (c *checker) declareMember(p *Process, pi *procInfo, m parser.Member) {
	var name *parser.Ident
	switch d := m.(type) {
	case *parser.FuncDecl:
		name = d.Name
	case *parser.ProcDecl:
		name = d.Name
	}
	if isNil(m) || name == nil {
		return
	}
	f := c.newFunction(m, p)
	c.resolveSignature(f)
	if c.declare(pi.scope, f.Symbol, name) {
		p.Funcs = append(p.Funcs, f)
	}
}

// resolveFuncs gives the top-level functions their signatures, which
// params' defaults need to be checked (they may not call them, but a call
// is checked against the signature).
func (c *checker) resolveFuncs() {
	for _, f := range c.alg.Funcs {
		c.resolveSignature(f)
	}
}

// checkFuncs checks the bodies of the top-level functions.
func (c *checker) checkFuncs() {
	for _, f := range c.alg.Funcs {
		c.checkBody(f, c.global)
	}
}

// checkBody checks the body of f in a scope, below outer, that holds its
// parameters.
func (c *checker) checkBody(f *Function, outer *scope) {
	s := newScope(outer)
	seen := map[string]source.Pos{}
	for i, p := range f.Params {
		pos := c.pos(f.paramIDs[i])
		if reserved[p.Name] {
			c.errorf(pos, "cannot declare %s: reserved name", p.Name)
			continue
		}
		if prev, ok := seen[p.Name]; ok {
			c.errorf(pos, "%s redeclared (previous declaration at %s)", p.Name, at(prev))
			continue
		}
		seen[p.Name] = pos
		if p.Name != blank {
			s.insert(p, pos)
		}
	}
	where := f.What() + " " + f.Name
	if f.IsProc {
		c.ctx = context{mode: modeHandler, where: where, proc: f.Process, fn: f, scope: s}
		if f.Block != nil {
			c.stmts(f.Block.Stmts)
		}
	} else {
		c.ctx = context{mode: modeFunc, where: "function " + f.Name + " (functions are pure)", proc: f.Process, fn: f, scope: s}
		switch {
		case f.Block != nil:
			c.stmts(f.Block.Stmts)
			if !terminates(f.Block) {
				c.errorf(c.pos(f.Decl), "missing return at the end of function %s (its block must end in return, or in an if and else that both do)", f.Name)
			}
		case !isNil(f.Body):
			t := c.value(f.Body, f.Result)
			c.assignable(f.Body, t, f.Result, "result of "+f.Name)
		}
	}
	c.ctx = context{}
}

// funcName checks a name used in the body of a function: the names it
// resolves to are all pure, but for self and the state of a process at the
// top level (which a top-level function cannot see, having no process)
// and shared counters (which change under it).
func (c *checker) funcName(x *parser.Name, sym *Symbol) bool {
	switch sym.Kind {
	case SymSelf:
		if c.ctx.proc == nil {
			c.errorf(c.pos(x), "cannot use self in top-level function %s (pass it as an argument, or declare the function in a process)", c.ctx.fn.Name)
			return false
		}
	case SymShared:
		c.errorf(c.pos(x), "cannot use shared counter %s in %s", x.Name, c.ctx.where)
		return false
	}
	return true
}

// userCall checks a call of a function or procedure of the spec.
func (c *checker) userCall(x *parser.Call, fun *parser.Name, sym *Symbol) Type {
	f := sym.Func
	c.info.Uses[fun] = sym
	c.info.Types[fun] = &Func{Def: f}
	c.info.Calls[x] = &CallInfo{Func: f}
	pos := c.pos(fun)
	ok := true
	switch {
	case c.ctx.mode == modeConst:
		c.errorf(pos, "cannot call %s %s in %s (only literals, n and params are allowed)", f.What(), f.Name, c.ctx.where)
		ok = false
	case c.ctx.mode == modeInit && f.Process != nil:
		c.errorf(pos, "cannot call %s %s in an initializer (it reads the process's state, which is not yet set)", f.What(), f.Name)
		ok = false
	case f.IsProc && c.ctx.mode == modeFunc:
		c.errorf(pos, "cannot call procedure %s in %s", f.Name, c.ctx.where)
		ok = false
	case f.IsProc && c.ctx.mode != modeHandler:
		c.errorf(pos, "cannot call procedure %s in %s", f.Name, c.ctx.where)
		ok = false
	}
	if c.ctx.fn != nil {
		c.calls = append(c.calls, funcCall{from: c.ctx.fn, to: f, pos: pos})
	}
	c.callArgs(x, f)
	if !ok {
		return TInvalid
	}
	return f.Result
}

// callArgs checks the arguments of a call of f against its parameters.
func (c *checker) callArgs(x *parser.Call, f *Function) {
	if c.argCount(x, f.Name, len(f.Params)) {
		for i, p := range f.Params {
			t := c.value(x.Args[i], p.Type)
			c.assignable(x.Args[i], t, p.Type, "argument to "+f.Name)
		}
	} else {
		c.args(x.Args, 0)
	}
}

// processCall checks p.f(args) in a property, where p is a process a
// quantifier binds and f a function of its type: f is evaluated on p's
// state. Only a function may be called so: a procedure has effects.
func (c *checker) processCall(x *parser.Call, sel *parser.Selector, f *Function) Type {
	c.info.Types[sel] = &Func{Def: f}
	c.info.Calls[x] = &CallInfo{Func: f}
	c.callArgs(x, f)
	if f.IsProc {
		c.errorf(c.pos(sel.Name), "cannot call procedure %s of %s in %s (a procedure has effects; only a function, def, may be called on a process)", f.Name, f.Process.Name, c.ctx.where)
		return TInvalid
	}
	return f.Result
}

// checkRecursion rejects cycles in the call graph of functions and
// procedures, at the call that closes each cycle.
func (c *checker) checkRecursion() {
	out := map[*Function][]funcCall{}
	for _, e := range c.calls {
		out[e.from] = append(out[e.from], e)
	}
	const (
		white = iota
		grey
		black
	)
	color := map[*Function]int{}
	var stack []*Function
	var visit func(f *Function)
	visit = func(f *Function) {
		color[f] = grey
		stack = append(stack, f)
		for _, e := range out[f] {
			switch color[e.to] {
			case white:
				visit(e.to)
			case grey:
				var path []string
				for i := len(stack) - 1; i >= 0; i-- {
					path = append([]string{stack[i].Name}, path...)
					if stack[i] == e.to {
						break
					}
				}
				path = append(path, e.to.Name)
				c.errorf(e.pos, "recursive call of %s %s (%s): functions and procedures may not call themselves", e.to.What(), e.to.Name, strings.Join(path, " → "))
			}
		}
		stack = stack[:len(stack)-1]
		color[f] = black
	}
	var all []*Function
	all = append(all, c.alg.Funcs...)
	for _, p := range c.alg.Processes {
		all = append(all, p.Funcs...)
	}
	for _, f := range all {
		if color[f] == white {
			visit(f)
		}
	}
}

// quantifierBody checks the body of a quantifier and returns the
// quantifier's type: bool for forall and exists, int for the aggregates
// `count x in c: cond` (how many bindings make cond true) and
// `sum x in c: e` (the int sum of e over the bindings).
func (c *checker) quantifierBody(x *parser.Quantifier) Type {
	switch x.Kind {
	case "count":
		c.wantBool(x.Body, "count condition")
		return TInt
	case "sum":
		c.wantInt(x.Body, fmt.Sprintf("sum over %s", exprString(x.Range)))
		return TInt
	}
	c.wantBool(x.Body, "quantifier body")
	return TBool
}

// impure reports, in the block of a function, a statement with an effect;
// it returns whether it did.
func (c *checker) impure(s parser.Stmt) bool {
	if c.ctx.mode != modeFunc {
		return false
	}
	what := ""
	switch s.(type) {
	case *parser.SendStmt:
		what = "send"
	case *parser.ReplyStmt:
		what = "reply"
	case *parser.BroadcastStmt:
		what = "broadcast"
	case *parser.OutputStmt:
		what = "output"
	case *parser.HaltStmt:
		what = "halt"
	case *parser.TimerStmt:
		what = "arm a timer"
	case *parser.CancelStmt:
		what = "cancel a timer"
	default:
		return false
	}
	c.errorf(c.pos(s), "cannot %s in %s", what, c.ctx.where)
	return true
}

// returnStmt checks `return` and `return e`: a value in a function (of its
// result type), none elsewhere.
func (c *checker) returnStmt(s *parser.ReturnStmt) {
	f := c.ctx.fn
	switch {
	case f != nil && !f.IsProc && isNil(s.Value):
		c.errorf(c.pos(s), "missing return value (function %s returns %s)", f.Name, f.Result)
	case (f == nil || f.IsProc) && !isNil(s.Value):
		c.value(s.Value, nil)
		c.errorf(c.epos(s.Value), "return with a value outside a function (a handler or procedure returns nothing)")
	case !isNil(s.Value):
		t := c.value(s.Value, f.Result)
		c.assignable(s.Value, t, f.Result, "return of "+f.Name)
	}
}

// terminates reports whether a function's block ends every path with a
// return: its last statement is a return, an if whose branches all end so,
// or a while true.
func terminates(b *parser.Block) bool {
	if b == nil || len(b.Stmts) == 0 {
		return false
	}
	switch s := b.Stmts[len(b.Stmts)-1].(type) {
	case *parser.ReturnStmt:
		return true
	case *parser.IfStmt:
		for s != nil {
			if !terminates(s.Then) || s.Else == nil {
				return false
			}
			if s.Else.If == nil {
				return terminates(s.Else.Block)
			}
			s = s.Else.If
		}
	case *parser.WhileStmt:
		lit, ok := unparen(s.Cond).(*parser.BoolLit)
		return ok && lit.Value
	}
	return false
}
