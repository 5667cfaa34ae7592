package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// block compiles the statements of a block.
func (c *fnCtx) block(b *parser.Block) []jen.Code {
	if b == nil {
		return nil
	}
	var out []jen.Code
	for _, s := range b.Stmts {
		out = append(out, c.lineDirective(s))
		out = append(out, c.stmt(s)...)
	}
	return out
}

func (c *fnCtx) stmt(s parser.Stmt) []jen.Code {
	switch s := s.(type) {
	case *parser.AssignStmt:
		return c.assignStmt(s)
	case *parser.LetStmt:
		if s.Name == nil {
			return c.destructure(s)
		}
		sym := c.g.info.Defs[s.Name]
		if sym == nil {
			return []jen.Code{c.fail(s, "unchecked let")}
		}
		v := c.value(s.Value)
		name := c.bind(s.Name)
		if name == "_" {
			return []jen.Code{jen.Id("_").Op("=").Add(v)}
		}
		decl := []jen.Code{jen.Var().Id(name).Add(c.g.goType(sym.Type)).Op("=").Add(v)}
		if c.g.onlyAssigned(sym) {
			decl = append(decl, jen.Id("_").Op("=").Id(name))
		}
		return decl
	case *parser.IfStmt:
		return []jen.Code{c.ifStmt(s)}
	case *parser.ForStmt:
		return []jen.Code{c.loop(s.Range, loopVar{s.Key, s.KeyTuple}, loopVar{s.Value, s.ValueTuple}, func() []jen.Code { return c.block(s.Body) })}
	case *parser.SendStmt:
		return []jen.Code{c.send(s.Msg, sendTo, jen.Int().Call(c.expr(s.To)))}
	case *parser.ReplyStmt:
		if c.sender == "" {
			return []jen.Code{c.fail(s, "reply outside a message handler")}
		}
		return []jen.Code{c.send(s.Msg, sendTo, jen.Int().Call(jen.Id(c.sender)))}
	case *parser.BroadcastStmt:
		if s.Others {
			// No process keeps a list of the others: n lists of n-1 ranks
			// would cost 8·n² bytes before the first message.
			return []jen.Code{c.send(s.Msg, broadcastOthers)}
		}
		return []jen.Code{c.send(s.Msg, broadcastTo, c.targets(s))}
	case *parser.OutputStmt:
		args := []jen.Code{jen.Lit(s.Name.Name)}
		for _, a := range s.Args {
			args = append(args, c.outputArg(a))
		}
		return []jen.Code{jen.Id("ctx").Dot("Output").Call(args...)}
	case *parser.HaltStmt:
		return []jen.Code{jen.Id("ctx").Dot("Halt").Call()}
	case *parser.ReturnStmt:
		if s.Value != nil {
			return []jen.Code{jen.Return(c.expr(s.Value))}
		}
		return []jen.Code{jen.Return()}
	case *parser.TimerStmt:
		id := c.timerID(s.Name)
		c.inDelay = true
		delay := c.expr(s.Delay)
		c.inDelay = false
		d := jen.Qual(rtPath, "Millis").Call(delay)
		return []jen.Code{jen.Id("ctx").Dot("SetTimer").Call(jen.Lit(id), d, jen.Lit(s.Periodic))}
	case *parser.CancelStmt:
		return []jen.Code{jen.Id("ctx").Dot("CancelTimer").Call(jen.Lit(c.timerID(s.Name)))}
	case *parser.WhileStmt:
		return []jen.Code{c.whileStmt(s)}
	case *parser.AwaitStmt:
		return c.awaitStmt(s)
	}
	return []jen.Code{c.fail(s, "unsupported statement %T", s)}
}

func (c *fnCtx) timerID(name *parser.Ident) int {
	for i, t := range c.proc.Timers {
		if t == name.Name {
			return i
		}
	}
	c.fail(name, "undefined timer %s", name.Name)
	return -1
}

func (c *fnCtx) ifStmt(s *parser.IfStmt) jen.Code {
	code := jen.If(c.expr(s.Cond)).Block(c.block(s.Then)...)
	if s.Else != nil {
		if s.Else.If != nil {
			code.Else().Add(c.ifStmt(s.Else.If))
		} else {
			code.Else().Block(c.block(s.Else.Block)...)
		}
	}
	return code
}

func unparen(e parser.Expr) parser.Expr {
	for {
		p, ok := e.(*parser.Paren)
		if !ok {
			return e
		}
		e = p.X
	}
}

// targets compiles the ranks of a broadcast.
func (c *fnCtx) targets(s *parser.BroadcastStmt) jen.Code {
	switch {
	case s.All:
		return jen.Add(c.env).Dot("all")
	}
	switch c.typeOf(s.To).(type) {
	case *spec.Group:
		return c.expr(s.To)
	case *spec.Set:
		return jen.Qual(rtPath, "Ranks").Call(jen.Add(c.operand(s.To, precAtom)).Dot("Sorted").Call())
	}
	return jen.Qual(rtPath, "Ranks").Call(c.expr(s.To))
}

// outputArg compiles an output argument: sets are reported as sorted lists
// and integer literals as int64, so outputs read the same on every backend.
func (c *fnCtx) outputArg(e parser.Expr) jen.Code {
	switch t := c.typeOf(e).(type) {
	case *spec.Set:
		return jen.Add(c.operand(e, precAtom)).Dot("Sorted").Call()
	case *spec.Basic:
		if t.Kind == spec.Int || t.Kind == spec.Node {
			if _, ok := e.(*parser.IntLit); ok {
				return jen.Int64().Call(c.expr(e))
			}
		}
	}
	return c.value(e)
}

func (c *fnCtx) assignStmt(s *parser.AssignStmt) []jen.Code {
	if s.Op == "" {
		call, ok := unparen(s.LHS).(*parser.Call)
		if !ok {
			return []jen.Code{c.fail(s, "expression statement is not a call")}
		}
		return c.callStmt(call)
	}
	if s.Op != "=" && c.addressable(s.LHS) {
		return []jen.Code{jen.Add(c.expr(s.LHS)).Op(s.Op).Add(c.expr(s.RHS))}
	}
	v := c.value(s.RHS)
	if s.Op != "=" {
		v = jen.Add(c.expr(s.LHS)).Op(s.Op[:1]).Add(c.operand(s.RHS, precProduct))
	}
	return c.store(s.LHS, v)
}

// callStmt compiles a method call used as a statement: the mutating
// collection methods, or a value-returning call whose value is dropped.
func (c *fnCtx) callStmt(e *parser.Call) []jen.Code {
	ci := c.g.info.Calls[e]
	if ci != nil && ci.Func != nil {
		return []jen.Code{c.userCall(e, ci.Func)}
	}
	sel, isMethod := e.Fun.(*parser.Selector)
	if ci == nil || ci.Recv == nil || !isMethod {
		return []jen.Code{jen.Id("_").Op("=").Add(c.expr(e))}
	}
	recv := sel.X
	if code, ok := c.dataStmt(e, recv, ci.Builtin); ok {
		return code
	}
	switch ci.Builtin {
	case spec.MethodAdd:
		if c.addressable(recv) {
			return []jen.Code{jen.Add(c.expr(recv)).Dot("Add").Call(c.expr(e.Args[0]))}
		}
		tmp := c.tmp()
		return append([]jen.Code{
			jen.Id(tmp).Op(":=").Add(c.expr(recv)),
			jen.Id(tmp).Dot("Add").Call(c.expr(e.Args[0])),
		}, c.store(recv, jen.Id(tmp))...)
	case spec.MethodAppend:
		return c.store(recv, jen.Append(c.expr(recv), c.value(e.Args[0])))
	case spec.MethodRemove:
		return []jen.Code{jen.Delete(c.expr(recv), c.expr(e.Args[0]))}
	}
	return []jen.Code{jen.Id("_").Op("=").Add(c.expr(e))}
}

// addressable reports whether Go can assign to e in place. Elements of Go
// maps cannot be, so a change below a map element reads the element,
// changes the copy and writes it back (store).
func (c *fnCtx) addressable(e parser.Expr) bool {
	switch e := e.(type) {
	case *parser.Paren:
		return c.addressable(e.X)
	case *parser.Name:
		return true
	case *parser.Selector:
		return c.addressable(e.X)
	case *parser.Index:
		_, isList := c.typeOf(e.X).(*spec.List)
		return isList
	}
	return false
}

// store assigns value to the place target, writing back through map
// elements where Go cannot assign in place.
func (c *fnCtx) store(target parser.Expr, value jen.Code) []jen.Code {
	switch t := target.(type) {
	case *parser.Paren:
		return c.store(t.X, value)
	case *parser.Name:
		return []jen.Code{jen.Add(c.expr(t)).Op("=").Add(value)}
	case *parser.Selector:
		if c.addressable(t.X) {
			return []jen.Code{jen.Add(c.expr(t)).Op("=").Add(value)}
		}
		tmp := c.tmp()
		rec := c.typeOf(t.X).(*spec.Record)
		field := ""
		for i, f := range rec.Fields {
			if f.Name == t.Name.Name {
				field = c.g.fieldName[rec][i]
			}
		}
		return append([]jen.Code{
			jen.Id(tmp).Op(":=").Add(c.expr(t.X)),
			jen.Id(tmp).Dot(field).Op("=").Add(value),
		}, c.store(t.X, jen.Id(tmp))...)
	case *parser.Index:
		switch mt := c.typeOf(t.X).(type) {
		case *spec.List:
			return []jen.Code{jen.Add(c.expr(t)).Op("=").Add(value)}
		case *spec.Map:
			if c.addressable(t.X) {
				m := c.expr(t.X)
				return []jen.Code{
					jen.If(jen.Add(m).Op("==").Nil()).Block(jen.Add(c.expr(t.X)).Op("=").Make(c.g.goType(mt))),
					jen.Add(c.expr(t.X)).Index(c.expr(t.Index)).Op("=").Add(value),
				}
			}
			tmp := c.tmp()
			return append([]jen.Code{
				jen.Id(tmp).Op(":=").Add(c.expr(t.X)),
				jen.If(jen.Id(tmp).Op("==").Nil()).Block(jen.Id(tmp).Op("=").Make(c.g.goType(mt))),
				jen.Id(tmp).Index(c.expr(t.Index)).Op("=").Add(value),
			}, c.store(t.X, jen.Id(tmp))...)
		}
	}
	return []jen.Code{c.fail(target, "cannot assign to this expression")}
}

// lineDirective maps the Go code that follows to the position of n in the
// spec.
func (c *fnCtx) lineDirective(n parser.Node) jen.Code {
	pos := n.Position()
	return jen.Comment(fmt.Sprintf("//line %s:%d:%d", c.g.specFile(pos), pos.Line, pos.Col))
}
