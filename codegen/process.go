package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/spec"
)

// genProcess writes the struct of one process type and its methods.
func (g *generator) genProcess(p *spec.Process) {
	name := g.procName[p]
	fields := []jen.Code{
		jen.Id("env").Op("*").Id("env"),
		jen.Id("self").Int64(),
	}
	for _, v := range p.Vars {
		fields = append(fields, jen.Id(g.varName[v]).Add(g.goType(v.Type)).Tag(map[string]string{"dsa": v.Name}))
	}
	g.f.Commentf("%s is the state of one process of type %s (placed on %s).", name, p.Name, placementSource(p))
	g.f.Type().Id(name).Struct(fields...)
	recv := func() *jen.Statement { return jen.Func().Params(jen.Id("st").Op("*").Id(name)) }
	ctxParam := jen.Id("ctx").Qual(rtPath, "Context")

	// init sets the initial state; initialisers may use self, n and parameters.
	c := g.handlerCtx(p)
	c.hasCtx = false
	var init []jen.Code
	for _, v := range p.Vars {
		if v.Init != nil {
			init = append(init, jen.Id("st").Dot(g.varName[v]).Op("=").Add(c.value(v.Init)))
		}
	}
	g.f.Comment("init sets the state variables to their initial values.")
	g.f.Add(recv().Id("init").Params().Block(init...))
	g.report(c)

	g.f.Comment("TypeName returns the process type's name in the spec.")
	g.f.Add(recv().Id("TypeName").Params().String().Block(jen.Return(jen.Lit(p.Name))))

	// Handlers, each as its own method; dispatchers pick by event and guard.
	byEvent := map[string][]int{}
	var order []string
	for i, h := range p.Handlers {
		key := eventKey(p, h)
		if _, ok := byEvent[key]; !ok {
			order = append(order, key)
		}
		byEvent[key] = append(byEvent[key], i)
		g.genHandler(p, i, h)
	}

	g.f.Comment("Start handles the start event.")
	g.f.Add(recv().Id("Start").Params(ctxParam).Block(g.dispatch(p, byEvent["start"], jen.Id("ctx"))...))
	g.genRecovery(p, byEvent)

	var msgCases []jen.Code
	var timerCases []jen.Code
	for _, key := range order {
		hs := byEvent[key]
		h := p.Handlers[hs[0]]
		switch h.Kind {
		case spec.OnMessage:
			msgCases = append(msgCases, jen.Case(jen.Op("*").Id(g.recordName[h.Message])).Block(
				g.dispatch(p, hs, jen.Id("ctx"), jen.Int64().Call(jen.Id("from")), jen.Op("*").Id("m"))...))
		case spec.OnTimer:
			timerCases = append(timerCases, jen.Case(jen.Lit(h.Timer)).Block(g.dispatch(p, hs, jen.Id("ctx"))...))
		}
	}
	g.f.Comment("Handle handles a message from rank from; a message no handler takes is dropped.")
	handle := []jen.Code{}
	if len(msgCases) > 0 {
		handle = append(handle, jen.Switch(jen.Id("m").Op(":=").Id("msg").Assert(jen.Type())).Block(msgCases...))
	}
	g.f.Add(recv().Id("Handle").Params(ctxParam, jen.Id("from").Int(), jen.Id("msg").Qual(rtPath, "Message")).Block(handle...))
	g.f.Comment("Fire handles the expiry of a timer.")
	fire := []jen.Code{}
	if len(timerCases) > 0 {
		fire = append(fire, jen.Switch(jen.Id("timer")).Block(timerCases...))
	}
	g.f.Add(recv().Id("Fire").Params(ctxParam, jen.Id("timer").Int()).Block(fire...))
	g.genHandleWire(p, byEvent)

	g.genStateMethods(p)
}

// handlerMethod is what the methods of the k-th handler (1-based) of an
// event would be called after their prefix (on, when): Start, Promise,
// Promise2, TimerRetry. The process's nameSet settles clashes.
func handlerMethod(p *spec.Process, h *spec.Handler, k int) string {
	name := "Start"
	switch h.Kind {
	case spec.OnMessage:
		name = exported(h.Message.Name)
	case spec.OnTimer:
		name = "Timer" + exported(p.Timers[h.Timer])
	case spec.OnRecover:
		name = "Recover"
	}
	if h.Await != nil {
		name = "Await" + name
	}
	if k > 1 {
		name += itoa(k)
	}
	return name
}

func eventKey(p *spec.Process, h *spec.Handler) string {
	switch h.Kind {
	case spec.OnMessage:
		return "msg:" + h.Message.Name
	case spec.OnTimer:
		return "timer:" + p.Timers[h.Timer]
	case spec.OnRecover:
		return "recover"
	}
	return "start"
}

// handlerCtx is the compile context of code that runs inside a process.
func (g *generator) handlerCtx(p *spec.Process) *fnCtx {
	c := g.newFnCtx("st", jen.Id("st").Dot("env"))
	c.proc = p
	c.self = jen.Id("st").Dot("self")
	c.hasCtx = true
	return c
}

func (g *generator) report(c *fnCtx) {
	g.errs = append(g.errs, c.errs...)
}

// handlerParams binds the sender and message of handler h.
func (g *generator) handlerParams(c *fnCtx, h *spec.Handler) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual(rtPath, "Context")}
	if h.Kind != spec.OnMessage {
		return params
	}
	from := "from"
	if h.From != nil {
		from = localName(h.From.Name, g.globals)
		c.locals[h.From] = from
	}
	c.sender = from
	m := "_"
	if h.Binding != nil {
		m = localName(h.Binding.Name, g.globals)
		c.locals[h.Binding] = m
	}
	return append(params, jen.Id(from).Int64(), jen.Id(m).Id(g.recordName[h.Message]))
}

func (g *generator) genHandler(p *spec.Process, i int, h *spec.Handler) {
	if h.Await != nil {
		g.genAwaitHandler(p, h)
		return
	}
	name := g.procName[p]
	c := g.handlerCtx(p)
	params := g.handlerParams(c, h)
	method := g.handlerName[h]
	line := h.Decl.Position().Line
	if h.Guard != nil {
		guard := g.guardName[h]
		g.handlers = append(g.handlers,
			jen.Commentf("%s reports whether the handler at line %d takes the event.", guard, line).Line().
				Func().Params(jen.Id("st").Op("*").Id(name)).Id(guard).Params(params...).Bool().Block(
				c.lineDirective(h.Guard), jen.Return(c.expr(h.Guard))))
	}
	g.handlers = append(g.handlers,
		jen.Commentf("%s is the handler at line %d.", method, line).Line().
			Func().Params(jen.Id("st").Op("*").Id(name)).Id(method).Params(params...).Block(c.block(h.Body)...))
	g.report(c)
}

// dispatch runs the first handler of hs whose guard holds. It reports to
// coverage the handler that runs and every handler before it whose guard
// was false: one call each, so the channel and MPI backends pay a type
// assertion per event and nothing more.
func (g *generator) dispatch(p *spec.Process, hs []int, args ...jen.Code) []jen.Code {
	return g.dispatchThen(p, hs, jen.Return(), args...)
}

// dispatchThen is dispatch in a function that ends with ret after a
// guarded handler ran.
func (g *generator) dispatchThen(p *spec.Process, hs []int, ret jen.Code, args ...jen.Code) []jen.Code {
	var out []jen.Code
	for _, i := range hs {
		h := p.Handlers[i]
		method := g.handlerName[h]
		call := jen.Id("st").Dot(method).Call(args...)
		cover := func(ran bool) jen.Code {
			return jen.Qual(rtPath, "Cover").Call(jen.Id("ctx"), jen.Lit(g.handlerID[h]), jen.Lit(ran))
		}
		if h.Guard == nil && h.Await == nil {
			return append(out, cover(true), call)
		}
		out = append(out,
			jen.If(jen.Id("st").Dot(g.guardName[h]).Call(args...)).Block(cover(true), call, ret),
			cover(false))
	}
	return out
}

// genStateMethods writes EncodeState, DecodeState, Clone and String.
func (g *generator) genStateMethods(p *spec.Process) {
	name := g.procName[p]
	recv := func() *jen.Statement { return jen.Func().Params(jen.Id("st").Op("*").Id(name)) }
	var enc, dec, clone []jen.Code
	var names, values []jen.Code
	for _, v := range p.Vars {
		f := jen.Id("st").Dot(g.varName[v])
		enc = append(enc, jen.Id("b").Op("=").Add(g.encode(v.Type, jen.Id("b"), f)))
		dec = append(dec, jen.Id("st").Dot(g.varName[v]).Op("=").Add(g.decode(v.Type, jen.Id("d"))))
		if needsClone(v.Type) {
			clone = append(clone, jen.Id("c").Dot(g.varName[v]).Op("=").Add(g.clone(v.Type, jen.Id("st").Dot(g.varName[v]))))
		}
		names = append(names, jen.Lit(v.Name))
		values = append(values, jen.Id("st").Dot(g.varName[v]))
	}
	g.f.Comment("EncodeState appends the binary encoding of the state to b.")
	g.f.Add(recv().Id("EncodeState").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(append(enc, jen.Return(jen.Id("b")))...))
	g.f.Comment("DecodeState replaces the state by the one encoded in b.")
	g.f.Add(recv().Id("DecodeState").Params(jen.Id("b").Index().Byte()).Error().Block(
		append(append([]jen.Code{jen.Id("d").Op(":=").Qual(wirePath, "NewDecoder").Call(jen.Id("b"))}, dec...),
			jen.Return(jen.Id("d").Dot("Finish").Call()))...))
	g.f.Comment("Clone returns an independent copy of the process.")
	g.f.Add(recv().Id("Clone").Params().Qual(rtPath, "Process").Block(
		append(append([]jen.Code{jen.Id("c").Op(":=").Op("*").Id("st")}, clone...),
			jen.Return(jen.Op("&").Id("c")))...))
	g.genCopyState(p)
	g.f.Comment("String shows the process and its state, for property violations.")
	g.f.Add(recv().Id("String").Params().String().Block(jen.Return(jen.Qual(rtPath, "ShowState").Call(
		jen.Lit(p.Name), jen.Id("st").Dot("self"),
		jen.Index().String().Values(names...), jen.Index().Any().Values(values...)))))
	if g.alg.Permutable {
		g.genProcessPermute(p)
	}
}
