package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// Functions, procedures, while loops and the aggregates count and sum.
//
// A top-level function is a Go function that takes the run's environment
// (for params, n and groups) and its arguments; a function of a process
// type is a method of the process that reads its state. A function may be
// called from a property's check, so it also takes the *runtime.Stop that
// its loops tick (stopParam); handlers share the functions and run
// concurrently with the checks, so they pass nil, which never fires. A
// procedure is a
// method that also takes the runtime.Context, so a handler that calls it
// stays one atomic step. They are written among the handlers, with //line
// directives, so that a fault in one is reported at its line in the spec.

// maxWhileIterations bounds the iterations of one while loop: a loop that
// does not end is a fault of the run at the loop's position, not a backend
// that hangs.
const maxWhileIterations = 100_000_000

// nameFuncs gives the functions and procedures fs their Go names in names:
// defName for a function, procName for a procedure.
func (g *generator) nameFuncs(fs []*spec.Function, names nameSet) {
	if g.funcName == nil {
		g.funcName = map[*spec.Function]string{}
	}
	for _, f := range fs {
		prefix := "def"
		if f.IsProc {
			prefix = "proc"
		}
		g.funcName[f] = names.take(prefix + exported(f.Name))
	}
}

// genFuncs writes every function and procedure.
func (g *generator) genFuncs() {
	for _, f := range g.alg.Funcs {
		c := g.newFnCtx("", jen.Id("env"))
		c.stop = jen.Id("stop")
		params := append([]jen.Code{jen.Id("env").Op("*").Id("env"), stopParam}, g.funcParams(c, f)...)
		g.handlers = append(g.handlers, jen.Commentf("%s is the function %s at line %d.", g.funcName[f], f.Name, f.Decl.Position().Line).Line().
			Func().Id(g.funcName[f]).Params(params...).Add(g.goType(f.Result)).Block(c.funcBody(f)...))
		g.report(c)
	}
	for _, p := range g.alg.Processes {
		for _, f := range p.Funcs {
			c := g.handlerCtx(p)
			recv := jen.Func().Params(jen.Id("st").Op("*").Id(g.procName[p])).Id(g.funcName[f])
			doc := jen.Commentf("%s is the %s %s at line %d.", g.funcName[f], f.What(), f.Name, f.Decl.Position().Line).Line()
			if f.IsProc {
				params := append([]jen.Code{jen.Id("ctx").Qual(rtPath, "Context")}, g.funcParams(c, f)...)
				g.handlers = append(g.handlers, doc.Add(recv.Params(params...).Block(c.block(f.Block)...)))
			} else {
				c.hasCtx = false
				c.stop = jen.Id("stop")
				params := append([]jen.Code{stopParam}, g.funcParams(c, f)...)
				g.handlers = append(g.handlers, doc.Add(recv.Params(params...).Add(g.goType(f.Result)).Block(c.funcBody(f)...)))
			}
			g.report(c)
		}
	}
}

// stopParam is the parameter of every function that its loops tick: the
// Stop of the check that called it, passed on to the functions it calls,
// or nil.
var stopParam = jen.Id("stop").Op("*").Qual(rtPath, "Stop")

// funcBody compiles the body of function f: its expression, returned, or
// its block. The checker makes sure a block ends in a return on every path
// Go sees (a return, an if and else that end so); a while true it also
// allows is no terminating statement to Go, so a fault follows it.
func (c *fnCtx) funcBody(f *spec.Function) []jen.Code {
	if f.Block == nil {
		return []jen.Code{c.lineDirective(f.Body), jen.Return(c.expr(f.Body))}
	}
	body := c.block(f.Block)
	if n := len(f.Block.Stmts); n > 0 {
		if _, loop := f.Block.Stmts[n-1].(*parser.WhileStmt); loop {
			body = append(body, jen.Panic(jen.Lit("function "+f.Name+" ended without return")))
		}
	}
	return body
}

// funcParams declares the parameters of f in c.
func (g *generator) funcParams(c *fnCtx, f *spec.Function) []jen.Code {
	var out []jen.Code
	for _, sym := range f.Params {
		name := "_"
		if g.uses[sym] > 0 {
			name = localName(sym.Name, g.globals)
			c.locals[sym] = name
		}
		out = append(out, jen.Id(name).Add(g.goType(sym.Type)))
	}
	return out
}

// userCall compiles a call of a function or procedure of the spec, or of a
// function on a process a property quantifies over (p.f(args)). The
// arguments of a procedure are copied, as collections are values: the
// procedure may change the variable an argument was read from.
func (c *fnCtx) userCall(e *parser.Call, f *spec.Function) jen.Code {
	var args []jen.Code
	for _, a := range e.Args {
		if f.IsProc {
			args = append(args, c.value(a))
		} else {
			args = append(args, c.expr(a))
		}
	}
	name := c.g.funcName[f]
	if !f.IsProc {
		stop := c.stop
		if stop == nil {
			stop = jen.Nil()
		}
		args = append([]jen.Code{stop}, args...)
	}
	if sel, ok := e.Fun.(*parser.Selector); ok && !f.IsProc {
		// p.f(args) in a property: f is a method of p's process type.
		return jen.Add(c.operand(sel.X, precAtom)).Dot(name).Call(args...)
	}
	switch {
	case f.Process == nil:
		return jen.Id(name).Call(append([]jen.Code{c.env}, args...)...)
	case c.recv == "":
		return c.fail(e, "%s %s called outside its process", f.What(), f.Name)
	case f.IsProc:
		if !c.hasCtx {
			return c.fail(e, "procedure %s called outside a handler", f.Name)
		}
		return jen.Id(c.recv).Dot(name).Call(append([]jen.Code{jen.Id("ctx")}, args...)...)
	}
	return jen.Id(c.recv).Dot(name).Call(args...)
}

// whileStmt compiles `while cond { body }`, stopping the run with a fault
// at the loop after maxWhileIterations iterations. In a function it also
// ticks the function's Stop, like every other loop there.
func (c *fnCtx) whileStmt(s *parser.WhileStmt) jen.Code {
	i := c.tmp()
	prolog := []jen.Code{
		jen.If(jen.Id(i).Op("==").Lit(maxWhileIterations)).Block(
			c.lineDirective(s),
			jen.Panic(jen.Lit("while loop ran 100000000 iterations without ending"))),
	}
	if c.stop != nil {
		prolog = append(prolog, jen.Add(c.stop).Dot("Tick").Call())
	}
	return jen.For(jen.Id(i).Op(":=").Lit(0), c.expr(s.Cond), jen.Id(i).Op("++")).Block(
		append(prolog, c.block(s.Body)...)...)
}

// aggregate compiles count and sum to a function literal called in place.
func (c *fnCtx) aggregate(e *parser.Quantifier) jen.Code {
	acc := c.tmp()
	var nest func(i int) []jen.Code
	nest = func(i int) []jen.Code {
		if i == len(e.Vars) {
			if e.Kind == "count" {
				return []jen.Code{jen.If(c.expr(e.Body)).Block(jen.Id(acc).Op("++"))}
			}
			return []jen.Code{jen.Id(acc).Op("+=").Add(c.expr(e.Body))}
		}
		return []jen.Code{c.loop(e.Range, quantVar(e, i), loopVar{}, func() []jen.Code { return nest(i + 1) })}
	}
	body := append([]jen.Code{jen.Var().Id(acc).Int64()}, c.hoistFor(e)...)
	body = append(body, nest(0)...)
	delete(c.hoisted, e.Range)
	body = append(body, jen.Return(jen.Id(acc)))
	return jen.Func().Params().Int64().Block(body...).Call()
}
