package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// Quorum waits (spec.Await) compile to the handler shape: the await
// statement sets the process's await variable, empties the waits'
// collections in place and returns; a handler the checker added before the
// process's own handlers of the message counts each sender once, in a
// sorted slice of senders (and their messages beside it), and runs the body
// in the step that completes the quorum; the timeout is a hidden timer
// whose handler runs the else block. There is no polling loop: a delivery
// costs the guard, a binary search and an insertion into memory the
// explorer reuses, so it allocates nothing once the slices have grown.

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
		out = append(out, c.g.emptyAwait(b)...)
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
			msg = "msg_"
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

	field := func(v *spec.Var) *jen.Statement { return jen.Id("st").Dot(g.varName[v]) }
	var body []jen.Code
	if h.Kind == spec.OnMessage {
		from := jen.Id(c.sender)
		body = append(body,
			jen.List(jen.Id("at_"), jen.Id("found_")).Op(":=").Qual("slices", "BinarySearch").Call(field(a.Senders), from),
			jen.If(jen.Id("found_")).Block(jen.Return()),
			field(a.Senders).Op("=").Qual("slices", "Insert").Call(field(a.Senders), jen.Id("at_"), from))
		if a.Messages != nil {
			body = append(body, field(a.Messages).Op("=").Qual("slices", "Insert").Call(field(a.Messages), jen.Id("at_"), g.clone(a.Message, jen.Id(msg))))
		}
		body = append(body, c.lineDirective(a.Stmt.Quorum),
			jen.If(jen.Int64().Call(jen.Len(field(a.Senders))).Op("<").Add(c.value(a.Stmt.Quorum))).Block(jen.Return()))
		if a.Into != nil {
			// The body's map is the wait's one allocation, when it completes.
			if got := c.bind(a.Stmt.Head.Into); got != "_" {
				body = append(body,
					jen.Id(got).Op(":=").Make(g.goType(a.Into.Type), jen.Len(field(a.Senders))),
					jen.For(jen.List(jen.Id("i_"), jen.Id("q_")).Op(":=").Range().Add(field(a.Senders))).Block(
						jen.Id(got).Index(jen.Id("q_")).Op("=").Add(field(a.Messages)).Index(jen.Id("i_"))))
			}
		}
		if a.Expire != nil {
			body = append(body, jen.Id("ctx").Dot("CancelTimer").Call(jen.Lit(a.Timer)))
		}
	}
	body = append(body, field(a.Pending).Op("=").Lit(0))
	body = append(body, g.emptyAwait(a)...)
	if h.Body != nil {
		body = append(body, jen.Block(c.block(h.Body)...))
	}
	g.handlers = append(g.handlers,
		jen.Commentf("%s is the handler of the await at line %d.", g.handlerName[h], line).Line().
			Func().Params(st.Clone().Op("*").Id(name)).Id(g.handlerName[h]).Params(params...).Block(body...))
	g.report(c)
}

// emptyAwait empties the collections of wait a, keeping their memory: the
// handlers that do so mention them (awaitState), so the explorer gave the
// step its own copy.
func (g *generator) emptyAwait(a *spec.Await) []jen.Code {
	var out []jen.Code
	for _, v := range []*spec.Var{a.Senders, a.Messages} {
		if v != nil {
			f := jen.Id("st").Dot(g.varName[v])
			out = append(out, f.Clone().Op("=").Add(f.Clone()).Index(jen.Empty(), jen.Lit(0)))
		}
	}
	return out
}

// awaitState adds the collections of wait a to the state a handler uses.
func awaitState(a *spec.Await, used map[*spec.Var]bool) {
	used[a.Senders] = true
	if a.Messages != nil {
		used[a.Messages] = true
	}
}

// resortAwaits is what PermuteRanks does after renaming the ranks in p's
// state: it puts each wait's senders of a symmetric process type back in
// ascending order, with their messages, so permuted states that are equal
// encode alike.
func (g *generator) resortAwaits(p *spec.Process) []jen.Code {
	var out []jen.Code
	for _, a := range p.Awaits {
		if !a.Senders.Ranks.Has("e") {
			continue
		}
		senders := jen.Id("st").Dot(g.varName[a.Senders])
		if a.Messages == nil {
			out = append(out, jen.Qual(rtPath, "SortSenders").Call(senders))
			continue
		}
		out = append(out, jen.Qual(rtPath, "SortSendersWith").Call(senders, jen.Id("st").Dot(g.varName[a.Messages])))
	}
	return out
}
