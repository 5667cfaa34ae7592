package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// Quorum waits (spec.Await) compile to the handler shape: the await
// statement sets the process's await variable and returns; a handler the
// checker added before the process's own handlers of the message counts
// each sender once, in a set or in a map from sender to message, and runs
// the body in the step that completes the quorum; the timeout is a hidden
// timer whose handler runs the else block. There is no polling loop: a
// delivery costs the guard, a lookup and an insertion.

// awaitStmt compiles an await statement: it registers the wait, replacing
// any pending one of the process, and ends the handler.
func (c *fnCtx) awaitStmt(s *parser.AwaitStmt) []jen.Code {
	a := c.g.info.Awaits[s]
	if a == nil {
		return []jen.Code{c.fail(s, "unchecked await")}
	}
	out := []jen.Code{jen.Id("st").Dot(c.g.varName[a.Pending]).Op("=").Lit(int64(a.Index))}
	timed := false
	for _, b := range a.Process.Awaits {
		out = append(out, jen.Id("st").Dot(c.g.varName[b.Collection]).Op("=").Nil())
		timed = timed || b.Expire != nil
	}
	switch {
	case a.Expire != nil:
		c.inDelay = true
		delay := c.expr(s.Timeout)
		c.inDelay = false
		out = append(out, jen.Id("ctx").Dot("SetTimer").Call(jen.Lit(a.Timer), jen.Qual(rtPath, "Millis").Call(delay), jen.False()))
	case timed:
		// The wait it replaces may have armed the timeout.
		out = append(out, jen.Id("ctx").Dot("CancelTimer").Call(jen.Lit(awaitTimerID(a.Process))))
	}
	return append(out, jen.Return())
}

// awaitTimerID is the id of p's hidden timeout timer.
func awaitTimerID(p *spec.Process) int {
	for _, a := range p.Awaits {
		if a.Expire != nil {
			return a.Timer
		}
	}
	return -1
}

// genAwaitHandler writes the guard and method of a handler the checker
// added for an await: Collect takes a message of the pending wait that
// satisfies its condition, Expire its timeout.
func (g *generator) genAwaitHandler(p *spec.Process, h *spec.Handler) {
	a := h.Await
	name := g.procName[p]
	c := g.handlerCtx(p)
	params := g.handlerParams(c, h)
	msg := "_"
	if h.Kind == spec.OnMessage && a.Into != nil {
		if msg = c.locals[h.Binding]; h.Binding == nil {
			msg = "msg"
			params[len(params)-1] = jen.Id(msg).Id(g.recordName[h.Message])
		}
	}
	line := a.Stmt.Position().Line
	st := jen.Id("st")
	pending := st.Clone().Dot(g.varName[a.Pending]).Op("==").Lit(int64(a.Index))
	guard := []jen.Code{}
	if h.Kind == spec.OnMessage && h.Guard != nil {
		guard = append(guard, c.lineDirective(h.Guard))
		pending = pending.Op("&&").Parens(c.expr(h.Guard))
	}
	g.handlers = append(g.handlers,
		jen.Commentf("%s reports whether the await at line %d takes the event.", g.guardName[h], line).Line().
			Func().Params(st.Clone().Op("*").Id(name)).Id(g.guardName[h]).Params(params...).Bool().Block(
			append(guard, jen.Return(pending))...))

	coll := st.Clone().Dot(g.varName[a.Collection])
	var body []jen.Code
	if h.Kind == spec.OnMessage {
		from := jen.Id(c.sender)
		if a.Into != nil {
			body = append(body,
				jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Add(coll.Clone().Index(from)), jen.Id("ok")).Block(jen.Return()),
				jen.If(coll.Clone().Op("==").Nil()).Block(coll.Clone().Op("=").Make(g.goType(a.Collection.Type))),
				coll.Clone().Index(from).Op("=").Add(g.clone(a.Message, jen.Id(msg))))
		} else {
			body = append(body,
				jen.If(coll.Clone().Dot("Contains").Call(from)).Block(jen.Return()),
				coll.Clone().Dot("Add").Call(from))
		}
		body = append(body, c.lineDirective(a.Stmt.Quorum),
			jen.If(jen.Int64().Call(jen.Len(coll.Clone())).Op("<").Add(c.value(a.Stmt.Quorum))).Block(jen.Return()))
		if a.Into != nil {
			got := c.bind(a.Stmt.Head.Into)
			if got != "_" {
				body = append(body, jen.Id(got).Op(":=").Add(coll.Clone()))
			}
		}
		if a.Expire != nil {
			body = append(body, jen.Id("ctx").Dot("CancelTimer").Call(jen.Lit(a.Timer)))
		}
	}
	body = append(body, st.Clone().Dot(g.varName[a.Pending]).Op("=").Lit(0), coll.Clone().Op("=").Nil())
	if h.Body != nil {
		body = append(body, jen.Block(c.block(h.Body)...))
	}
	g.handlers = append(g.handlers,
		jen.Commentf("%s is the handler of the await at line %d.", g.handlerName[h], line).Line().
			Func().Params(st.Clone().Op("*").Id(name)).Id(g.handlerName[h]).Params(params...).Block(body...))
	g.report(c)
}
