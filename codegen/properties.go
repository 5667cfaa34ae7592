package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// genProperties writes the world (the processes of a run grouped by type),
// one function per property, and check, which the Instance exposes.
func (g *generator) genProperties() {
	fields := []jen.Code{
		jen.Id("env").Op("*").Id("env"),
		jen.Id("shared").Index().Int64().Comment("the values of the shared counters, by id"),
		jen.Id("stop").Op("*").Qual(rtPath, "Stop").Comment("ticked by every loop of a check: the run's deadline"),
	}
	cases := []jen.Code{}
	for _, p := range g.alg.Processes {
		name := g.procName[p]
		fields = append(fields, jen.Id(name).Index().Op("*").Id(name))
		cases = append(cases, jen.Case(jen.Op("*").Id(name)).Block(
			jen.Id("w").Dot(name).Op("=").Append(jen.Id("w").Dot(name), jen.Id("p")),
			jen.Id("w").Dot("env").Op("=").Id("p").Dot("env"),
		))
	}
	g.f.Comment("world is the state of every process of a run, grouped by type, as")
	g.f.Comment("properties quantify over it.")
	g.f.Type().Id("world").Struct(fields...)
	g.f.Func().Id("newWorld").Params(jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64(), jen.Id("stop").Op("*").Qual(rtPath, "Stop")).Op("*").Id("world").Block(
		jen.Return(jen.Parens(jen.Op("&").Id("world").Values(jen.Dict{jen.Id("stop"): jen.Id("stop")})).Dot("regroup").Call(jen.Id("procs"), jen.Id("shared"))),
	)
	reset := []jen.Code{jen.Id("w").Dot("shared").Op("=").Id("shared")}
	for _, p := range g.alg.Processes {
		name := g.procName[p]
		reset = append(reset, jen.Id("w").Dot(name).Op("=").Id("w").Dot(name).Index(jen.Empty(), jen.Lit(0)))
	}
	reset = append(reset,
		jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Id("procs")).Block(
			jen.Switch(jen.Id("p").Op(":=").Id("p").Assert(jen.Type())).Block(cases...),
		),
		jen.Return(jen.Id("w")),
	)
	g.f.Comment("regroup makes w the world of procs, reusing its memory: the model checker")
	g.f.Comment("evaluates the invariants in every state.")
	g.f.Func().Params(jen.Id("w").Op("*").Id("world")).Id("regroup").Params(jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64()).Op("*").Id("world").Block(reset...)

	if len(g.alg.Properties) == 0 {
		g.f.Comment("check evaluates the properties; this algorithm states none.")
		g.f.Func().Id("check").Params(checkParams()...).Block()
		g.f.Func().Id("holds").Params(jen.Id("w").Op("*").Id("world"), jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64(), jen.Id("i").Int()).Bool().Block(jen.Return(jen.True()))
		g.f.Func().Id("invariantsHold").Params(jen.Id("w").Op("*").Id("world"), jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64()).Bool().Block(jen.Return(jen.True()))
		return
	}
	checks := []jen.Code{
		jen.Id("w").Op(":=").Id("newWorld").Call(jen.Id("procs"), jen.Id("shared"), jen.Id("stop")),
	}
	for i, p := range g.alg.Properties {
		fn := fmt.Sprintf("property%d", i)
		g.genProperty(fn, p)
		kind := jen.Qual(rtPath, "Invariant")
		if p.Eventually {
			kind = jen.Qual(rtPath, "Eventually")
		}
		pos := p.Decl.Position()
		at := fmt.Sprintf("%s:%d:%d", g.specFile(pos), pos.Line, pos.Col)
		// Each property is judged on its own: one that fails to evaluate
		// does not hide the verdicts on the others.
		verdict := jen.Id("each").Call(jen.Qual(rtPath, "Judge").Call(jen.Lit(p.Name), kind, jen.Lit(at),
			jen.Func().Params().Params(jen.Bool(), jen.String()).Block(jen.Return(jen.Id(fn).Call(jen.Id("w"), jen.True()))),
		))
		if p.Eventually {
			checks = append(checks, jen.If(jen.Id("final")).Block(verdict).Else().Block(
				jen.Id("each").Call(jen.Qual(rtPath, "NotChecked").Call(jen.Lit(p.Name), kind))))
		} else {
			checks = append(checks, verdict)
		}
	}
	g.f.Comment("check evaluates the properties over the processes of a run, in order, handing")
	g.f.Comment("each verdict to each as soon as it is reached: checks cut short by a deadline")
	g.f.Comment("keep the verdicts reached.")
	g.f.Func().Id("check").Params(checkParams()...).Block(checks...)

	holds := []jen.Code{}
	for i := range g.alg.Properties {
		holds = append(holds, jen.Case(jen.Lit(i)).Block(
			jen.List(jen.Id("ok"), jen.Id("_")).Op(":=").Id(fmt.Sprintf("property%d", i)).Call(jen.Id("w").Dot("regroup").Call(jen.Id("procs"), jen.Id("shared")), jen.False()),
			jen.Return(jen.Id("ok")),
		))
	}
	var inv []jen.Code
	for i, p := range g.alg.Properties {
		if p.Eventually {
			continue
		}
		if inv == nil {
			inv = append(inv, jen.Id("w").Op("=").Id("w").Dot("regroup").Call(jen.Id("procs"), jen.Id("shared")))
		}
		inv = append(inv, jen.If(jen.List(jen.Id("ok"), jen.Id("_")).Op(":=").Id(fmt.Sprintf("property%d", i)).Call(jen.Id("w"), jen.False()), jen.Op("!").Id("ok")).Block(jen.Return(jen.False())))
	}
	inv = append(inv, jen.Return(jen.True()))
	g.f.Comment("invariantsHold reports whether every invariant holds, without describing a")
	g.f.Comment("failure: the model checker asks it of every state.")
	g.f.Func().Id("invariantsHold").Params(jen.Id("w").Op("*").Id("world"), jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64()).Bool().Block(inv...)
	g.f.Comment("holds evaluates property i alone, without describing a failure: the model")
	g.f.Comment("checker asks it of every state.")
	g.f.Func().Id("holds").Params(jen.Id("w").Op("*").Id("world"), jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64(), jen.Id("i").Int()).Bool().Block(
		jen.Switch(jen.Id("i")).Block(holds...),
		jen.Return(jen.True()),
	)
}

// genProperty writes one property as a function returning whether it holds
// and, when it does not and why is true, the values its outer forall was
// bound to.
func (g *generator) genProperty(fn string, p *spec.Property) {
	c := g.newFnCtx("", jen.Id("w").Dot("env"))
	c.stop = jen.Id("w").Dot("stop")
	var body []jen.Code
	if q, ok := p.Expr.(*parser.Quantifier); ok && q.Kind == "forall" {
		var nest func(i int) []jen.Code
		nest = func(i int) []jen.Code {
			if i == len(q.Vars) {
				bindings := []jen.Code{}
				for _, v := range q.Names() {
					if name, ok := c.locals[g.info.Defs[v]]; ok {
						bindings = append(bindings, jen.Lit(v.Name), jen.Id(name))
					}
				}
				return []jen.Code{jen.If(jen.Op("!").Add(c.operand(q.Body, precAtom))).Block(
					jen.If(jen.Op("!").Id("why")).Block(jen.Return(jen.False(), jen.Lit(""))),
					jen.Return(jen.False(), jen.Qual(rtPath, "Bindings").Call(bindings...)))}
			}
			return []jen.Code{c.loop(q.Range, quantVar(q, i), loopVar{}, func() []jen.Code { return nest(i + 1) })}
		}
		body = append(c.hoistFor(q), nest(0)...)
		delete(c.hoisted, q.Range)
		body = append(body, jen.Return(jen.True(), jen.Lit("")))
	} else {
		body = []jen.Code{jen.Return(c.expr(p.Expr), jen.Lit(""))}
	}
	g.f.Commentf("%s checks %s %s: %s", fn, kindWord(p), p.Name, parser.ExprString(p.Expr))
	g.f.Func().Id(fn).Params(jen.Id("w").Op("*").Id("world"), jen.Id("why").Bool()).Params(jen.Bool(), jen.String()).Block(body...)
	g.report(c)
}

func kindWord(p *spec.Property) string {
	if p.Eventually {
		return "eventually"
	}
	return "invariant"
}

// checkParams are the parameters of the generated check.
func checkParams() []jen.Code {
	return []jen.Code{
		jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64(), jen.Id("stop").Op("*").Qual(rtPath, "Stop"), jen.Id("final").Bool(),
		jen.Id("each").Func().Params(jen.Qual(rtPath, "PropertyResult")),
	}
}
