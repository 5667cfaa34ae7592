package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/spec"
)

// genRecovery writes Restart and Recover, which make every process type a
// runtime.Recoverable: a backend that crashes processes calls Restart (the
// crash: what is not durable is lost) and then Recover (the recover event).
func (g *generator) genRecovery(p *spec.Process, byEvent map[string][]int) {
	name := g.procName[p]
	recv := func() *jen.Statement { return jen.Func().Params(jen.Id("st").Op("*").Id(name)) }

	// Restart rebuilds the process as newInstance does, then puts the
	// durable variables back: non-durable ones get exactly the values init
	// gives, collections come back empty.
	var keep []jen.Code
	for _, v := range p.Vars {
		if v.Durable {
			keep = append(keep, jen.Id("st").Dot(g.varName[v]).Op("=").Id("keep").Dot(g.varName[v]))
		}
	}
	restart := []jen.Code{}
	if len(keep) > 0 {
		restart = append(restart, jen.Id("keep").Op(":=").Op("*").Id("st"))
	}
	restart = append(restart,
		jen.Op("*").Id("st").Op("=").Id(name).Values(jen.Dict{
			jen.Id("env"):  jen.Id("st").Dot("env"),
			jen.Id("self"): jen.Id("st").Dot("self"),
		}),
		jen.Id("st").Dot("init").Call())
	restart = append(restart, keep...)
	g.f.Comment("Restart is a crash: every variable not declared durable goes back to its")
	g.f.Comment("initial value, durable ones keep theirs.")
	g.f.Add(recv().Id("Restart").Params().Block(restart...))

	handlers, what := byEvent["recover"], "the on recover handler."
	if len(handlers) == 0 {
		handlers, what = byEvent["start"], "the on start handler, as the spec declares no on recover."
	}
	g.f.Comment("Recover handles the recover event, after a Restart: it runs")
	g.f.Comment(what)
	g.f.Add(recv().Id("Recover").Params(jen.Id("ctx").Qual(rtPath, "Context")).Block(g.dispatch(p, handlers, jen.Id("ctx"))...))
	g.f.Var().Id("_").Qual(rtPath, "Recoverable").Op("=").Parens(jen.Op("*").Id(name)).Parens(jen.Nil())
}
