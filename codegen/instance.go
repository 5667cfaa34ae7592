package codegen

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// paramTypeName is the runtime's name of a parameter type.
func paramTypeName(t spec.Type) string { return t.String() }

// genParams writes the Params struct, the env every process shares, and
// parseParams, which applies defaults and overrides in declaration order
// (a default may use n and earlier parameters).
func (g *generator) genParams() {
	var fields []jen.Code
	for _, p := range g.alg.Params {
		fields = append(fields, jen.Id(g.paramName[p]).Add(g.goType(p.Type)))
	}
	g.f.Commentf("Params holds the parameters of %s.", g.alg.Name)
	g.f.Type().Id("Params").Struct(fields...)

	envFields := []jen.Code{
		jen.Id("n").Int64(),
		jen.Id("params").Id("Params"),
		jen.Id("all").Index().Int().Comment("every rank, for broadcasts to all"),
	}
	for _, p := range g.alg.Processes {
		envFields = append(envFields, jen.Id(g.groupField[p]).Index().Int().Commentf("ranks running %s", p.Name))
	}
	if g.asksDown {
		envFields = append(envFields, jen.Id("down").Index().Bool().Comment("Instance.Down: which ranks are down, as the backend last said"))
	}
	g.f.Comment("env is what all processes of one run share; it is read-only once built.")
	g.f.Type().Id("env").Struct(envFields...)

	c := g.newFnCtx("", jen.Id("e"))
	body := []jen.Code{}
	for _, p := range g.alg.Params {
		field := jen.Id("e").Dot("params").Dot(g.paramName[p])
		if p.Default != nil {
			body = append(body, jen.Add(field).Op("=").Add(c.expr(p.Default)))
		}
		typ := paramTypeName(p.Type)
		body = append(body, jen.If(jen.List(jen.Id("text"), jen.Id("ok")).Op(":=").Id("cfg").Dot("Params").Index(jen.Lit(p.Name)), jen.Id("ok")).Block(
			jen.List(jen.Id("v"), jen.Err()).Op(":=").Qual(rtPath, "ParseParamValue").Call(jen.Lit(typ), jen.Id("text")),
			jen.If(jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("parameter "+p.Name+": %w"), jen.Err())),
			),
			jen.Add(field).Op("=").Id("v").Assert(g.goType(p.Type)),
		))
	}
	body = append(body, jen.Return(jen.Nil()))
	g.f.Comment("parseParams sets e.params from the defaults and the overrides in cfg.")
	g.f.Func().Id("parseParams").Params(jen.Id("e").Op("*").Id("env"), jen.Id("cfg").Qual(rtPath, "Config")).Error().Block(body...)
	g.report(c)
}

// genInstance writes placeRanks and newInstance.
func (g *generator) genInstance() {
	c := g.newFnCtx("", jen.Id("e"))
	names := make([]jen.Code, len(g.alg.Processes))
	for i, p := range g.alg.Processes {
		names[i] = jen.Lit(p.Name)
	}
	// The runtime's Placement checks the claims and fills in the rest;
	// placeRanks only states the spec's placements.
	body := []jen.Code{
		jen.Id("place").Op(":=").Qual(rtPath, "NewPlacement").Call(jen.Id("e").Dot("n"), jen.Index().String().Values(names...)),
	}
	claim := func(method string, args ...jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Id("place").Dot(method).Call(args...), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err()))
	}
	for i, p := range g.alg.Processes {
		switch p.Placement {
		case spec.PlaceAll:
			body = append(body, claim("ClaimRange", jen.Lit(0), jen.Id("e").Dot("n").Op("-").Lit(1), jen.Lit(i)))
		case spec.PlaceRank:
			body = append(body, claim("Claim", c.expr(p.Lo), jen.Lit(i)))
		case spec.PlaceRange:
			body = append(body, claim("ClaimRange", c.expr(p.Lo), c.expr(p.Hi), jen.Lit(i)))
		case spec.PlaceOthers:
			body = append(body, jen.Id("place").Dot("Rest").Call(jen.Lit(i)))
		}
	}
	body = append(body, jen.Return(jen.Id("place").Dot("Types").Call()))
	g.f.Comment("placeRanks decides which process type runs on each rank.")
	g.f.Func().Id("placeRanks").Params(jen.Id("e").Op("*").Id("env")).Params(jen.Index().Int(), jen.Error()).Block(body...)
	g.report(c)

	// newInstance builds the env, the groups, and one process per rank.
	groups := []jen.Code{}
	construct := []jen.Code{}
	for i, p := range g.alg.Processes {
		groups = append(groups, jen.Case(jen.Lit(i)).Block(
			jen.Id("e").Dot(g.groupField[p]).Op("=").Append(jen.Id("e").Dot(g.groupField[p]), jen.Id("r"))))
		construct = append(construct, jen.Case(jen.Lit(i)).Block(
			jen.Id("p").Op(":=").Op("&").Id(g.procName[p]).Values(jen.Dict{
				jen.Id("env"):  jen.Id("e"),
				jen.Id("self"): jen.Int64().Call(jen.Id("r")),
			}),
			jen.Id("p").Dot("init").Call(),
			jen.Id("procs").Index(jen.Id("r")).Op("=").Id("p"),
		))
	}
	var sharedInit []jen.Code
	sc := g.newFnCtx("", jen.Id("e"))
	for _, s := range g.alg.Shared {
		if s.Init == nil {
			sharedInit = append(sharedInit, jen.Lit(0))
		} else {
			sharedInit = append(sharedInit, sc.expr(s.Init))
		}
	}
	g.report(sc)
	paramsMap := jen.Dict{}
	for _, p := range g.alg.Params {
		paramsMap[jen.Lit(p.Name)] = jen.Id("e").Dot("params").Dot(g.paramName[p])
	}
	g.f.Comment("newInstance instantiates the algorithm for one run.")
	g.f.Func().Id("newInstance").Params(jen.Id("cfg").Qual(rtPath, "Config")).Params(jen.Op("*").Qual(rtPath, "Instance"), jen.Error()).Block(
		jen.If(jen.Id("cfg").Dot("N").Op("<").Lit(1)).Block(
			jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("n must be at least 1, not %d"), jen.Id("cfg").Dot("N")))),
		jen.Id("e").Op(":=").Op("&").Id("env").Values(jen.Dict{jen.Id("n"): jen.Int64().Call(jen.Id("cfg").Dot("N"))}),
		jen.If(jen.Err().Op(":=").Id("parseParams").Call(jen.Id("e"), jen.Id("cfg")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err())),
		jen.List(jen.Id("types"), jen.Err()).Op(":=").Id("placeRanks").Call(jen.Id("e")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("e").Dot("all").Op("=").Make(jen.Index().Int(), jen.Lit(0), jen.Len(jen.Id("types"))),
		jen.For(jen.List(jen.Id("r"), jen.Id("t")).Op(":=").Range().Id("types")).Block(
			jen.Id("e").Dot("all").Op("=").Append(jen.Id("e").Dot("all"), jen.Id("r")),
			jen.Switch(jen.Id("t")).Block(groups...),
		),
		g.allocDown(),
		jen.Id("procs").Op(":=").Make(jen.Index().Qual(rtPath, "Process"), jen.Len(jen.Id("types"))),
		jen.For(jen.List(jen.Id("r"), jen.Id("t")).Op(":=").Range().Id("types")).Block(
			jen.Switch(jen.Id("t")).Block(construct...),
		),
		jen.Comment("Holds and InvariantsHold group the processes into one world, again and again."),
		jen.Var().Id("scratch").Id("world"),
		jen.Id("inst").Op(":=").Op("&").Qual(rtPath, "Instance").Values(g.instanceFields(jen.Dict{
			jen.Id("Params"): jen.Map(jen.String()).Any().Values(paramsMap),
			jen.Id("Procs"):  jen.Id("procs"),
			jen.Id("Shared"): jen.Index().Int64().Values(sharedInit...),
		})),
		jen.Id("scratch").Dot("stop").Op("=").Op("&").Id("inst").Dot("Stop"),
		jen.Id("inst").Dot("CheckEach").Op("=").Func().Params(jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("final").Bool(), jen.Id("each").Func().Params(jen.Qual(rtPath, "PropertyResult"))).Block(
			jen.Id("check").Call(jen.Id("procs"), jen.Id("inst").Dot("Shared"), jen.Op("&").Id("inst").Dot("Stop"), jen.Id("final"), jen.Id("each")),
		),
		jen.Id("inst").Dot("Check").Op("=").Qual(rtPath, "Collect").Call(jen.Id("inst").Dot("CheckEach")),
		jen.Id("inst").Dot("Holds").Op("=").Func().Params(jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("property").Int()).Bool().Block(
			jen.Return(jen.Id("holds").Call(jen.Op("&").Id("scratch"), jen.Id("procs"), jen.Id("inst").Dot("Shared"), jen.Id("property"))),
		),
		jen.Id("inst").Dot("InvariantsHold").Op("=").Func().Params(jen.Id("procs").Index().Qual(rtPath, "Process")).Bool().Block(
			jen.Return(jen.Id("invariantsHold").Call(jen.Op("&").Id("scratch"), jen.Id("procs"), jen.Id("inst").Dot("Shared"))),
		),
		jen.Id("inst").Dot("Explain").Op("=").Func().Params(jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("property").Int()).Op("*").Qual(rtPath, "Explanation").Block(
			jen.Return(jen.Id("explain").Call(jen.Id("procs"), jen.Id("inst").Dot("Shared"), jen.Op("&").Id("inst").Dot("Stop"), jen.Id("property"))),
		),
		jen.Return(jen.Id("inst"), jen.Nil()),
	)
}

// genDescriptor writes the exported Descriptor.
func (g *generator) genDescriptor() {
	var params, messages, procs, props, shared []jen.Code
	for _, s := range g.alg.Shared {
		init := "0"
		if s.Init != nil {
			init = parser.ExprString(s.Init)
		}
		info := jen.Dict{jen.Id("Name"): jen.Lit(s.Name), jen.Id("Kind"): jen.Lit(s.Kind), jen.Id("Initial"): jen.Lit(init)}
		if s.HoldsRanks && g.alg.Permutable {
			info[jen.Id("HoldsRanks")] = jen.True()
		}
		shared = append(shared, jen.Values(info))
	}
	for _, p := range g.alg.Params {
		def := ""
		if p.Default != nil {
			def = parser.ExprString(p.Default)
		}
		params = append(params, jen.Values(jen.Dict{
			jen.Id("Name"): jen.Lit(p.Name), jen.Id("Type"): jen.Lit(paramTypeName(p.Type)), jen.Id("Default"): jen.Lit(def)}))
	}
	for _, m := range g.alg.Messages {
		fields := []jen.Code{}
		for _, f := range m.Fields {
			fields = append(fields, jen.Lit(f.Name))
		}
		messages = append(messages, jen.Values(jen.Dict{
			jen.Id("Kind"): jen.Lit(m.Kind), jen.Id("Name"): jen.Lit(m.Name), jen.Id("Fields"): jen.Index().String().Values(fields...)}))
	}
	for _, p := range g.alg.Processes {
		timers := []jen.Code{}
		for _, t := range p.Timers {
			timers = append(timers, jen.Lit(t))
		}
		info := jen.Dict{
			jen.Id("Name"): jen.Lit(p.Name), jen.Id("Placement"): jen.Lit(placementSource(p)), jen.Id("Timers"): jen.Index().String().Values(timers...),
			jen.Id("Symmetric"): jen.Lit(p.Symmetric)}
		if p.SymmetryBlocker != "" {
			info[jen.Id("SymmetryBlocker")] = jen.Lit(g.sourcePosition(p.SymmetryBlocker))
		}
		procs = append(procs, jen.Values(info))
	}
	handlers := g.handlerInfos()
	for _, p := range g.alg.Properties {
		kind := "Invariant"
		if p.Eventually {
			kind = "Eventually"
		}
		props = append(props, jen.Values(jen.Dict{
			jen.Id("Name"): jen.Lit(p.Name), jen.Id("Kind"): jen.Qual(rtPath, kind), jen.Id("Text"): jen.Lit(parser.ExprString(p.Expr))}))
	}
	desc := jen.Dict{
		jen.Id("Name"):       jen.Lit(g.alg.Name),
		jen.Id("Source"):     jen.Lit(g.opts.Source),
		jen.Id("Params"):     jen.Index().Qual(rtPath, "ParamInfo").Values(lines(params)...),
		jen.Id("Messages"):   jen.Index().Qual(rtPath, "MessageInfo").Values(lines(messages)...),
		jen.Id("Processes"):  jen.Index().Qual(rtPath, "ProcessInfo").Values(lines(procs)...),
		jen.Id("Properties"): jen.Index().Qual(rtPath, "PropertyInfo").Values(lines(props)...),
		jen.Id("Shared"):     jen.Index().Qual(rtPath, "SharedInfo").Values(lines(shared)...),
		jen.Id("Handlers"):   jen.Index().Qual(rtPath, "HandlerInfo").Values(lines(handlers)...),
		jen.Id("Decode"):     jen.Id("decodeMessage"),
		jen.Id("New"):        jen.Id("newInstance"),
	}
	if g.alg.Permutable {
		desc[jen.Id("Permutable")] = jen.True() // every process and message has PermuteRanks
	}
	g.f.Commentf("Descriptor describes %s to the dsac backends.", g.alg.Name)
	g.f.Var().Id("Descriptor").Op("=").Op("&").Qual(rtPath, "Descriptor").Values(desc)
}

// sourcePosition rewrites a "file:line:col: message" of the checker to
// name the spec as Options.Source does, so that the output does not
// depend on the path the spec was read from.
func (g *generator) sourcePosition(msg string) string {
	if rest, ok := strings.CutPrefix(msg, g.alg.File+":"); ok && g.alg.File != "" {
		return g.opts.Source + ":" + rest
	}
	return msg
}

// handlerInfos describes every handler, in the order of their ids:
// process types in declaration order, handlers in source order.
func (g *generator) handlerInfos() []jen.Code {
	var out []jen.Code
	for _, p := range g.alg.Processes {
		for _, h := range p.Handlers {
			guard := ""
			if h.Guard != nil {
				guard = parser.ExprString(h.Guard)
			}
			out = append(out, jen.Values(jen.Dict{
				jen.Id("Process"): jen.Lit(p.Name),
				jen.Id("Event"):   jen.Lit(handlerEvent(p, h)),
				jen.Id("Guard"):   jen.Lit(guard),
				jen.Id("Line"):    jen.Lit(h.Decl.Position().Line),
			}))
		}
	}
	return out
}

// handlerEvent names what a handler reacts to, as coverage reports it.
func handlerEvent(p *spec.Process, h *spec.Handler) string {
	if h.Await != nil && h.Kind == spec.OnMessage {
		return "await " + h.Message.Name
	}
	switch h.Kind {
	case spec.OnMessage:
		return h.Message.Name
	case spec.OnTimer:
		return "timer " + p.Timers[h.Timer]
	case spec.OnRecover:
		return "recover"
	}
	return "start"
}

// lines puts each element of a composite literal on its own line.
func lines(items []jen.Code) []jen.Code {
	if len(items) == 0 {
		return nil
	}
	out := make([]jen.Code, 0, len(items)+1)
	for _, it := range items {
		out = append(out, jen.Line().Add(it))
	}
	return append(out, jen.Line())
}

func placementSource(p *spec.Process) string {
	switch p.Placement {
	case spec.PlaceAll:
		return "all"
	case spec.PlaceOthers:
		return "others"
	case spec.PlaceRank:
		return parser.ExprString(p.Lo)
	}
	return parser.ExprString(p.Lo) + " .. " + parser.ExprString(p.Hi)
}
