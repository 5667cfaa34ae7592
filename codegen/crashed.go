package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// Crash status. Properties that call crashed() or correct() read which
// ranks are down from env.down, the slice the Instance hands backends as
// Instance.Down; code for other specs has neither, so it stays as it was.

// asksDown reports whether any property calls crashed() or correct() (the
// checker allows them nowhere else).
func asksDown(info *spec.Info) bool {
	for _, ci := range info.Calls {
		if ci.Recv == nil && ci.Func == nil && (ci.Builtin == spec.BuiltinCrashed || ci.Builtin == spec.BuiltinCorrect) {
			return true
		}
	}
	return false
}

// allocDown allocates env.down in newInstance, or writes nothing.
func (g *generator) allocDown() jen.Code {
	if !g.asksDown {
		return jen.Null()
	}
	return jen.Id("e").Dot("down").Op("=").Make(jen.Index().Bool(), jen.Len(jen.Id("types")))
}

// instanceFields adds Down to the fields of the Instance newInstance builds.
func (g *generator) instanceFields(d jen.Dict) jen.Dict {
	if g.asksDown {
		d[jen.Id("Down")] = jen.Id("e").Dot("down")
	}
	return d
}

// crashCall is crashed(x) or correct(x), x a process bound in the
// property or a rank.
func (c *fnCtx) crashCall(e *parser.Call, b spec.Builtin) jen.Code {
	var rank jen.Code
	if _, ok := c.g.info.TypeOf(e.Args[0]).(*spec.ProcState); ok {
		rank = jen.Add(c.operand(e.Args[0], precAtom)).Dot("self")
	} else {
		rank = c.expr(e.Args[0])
	}
	down := jen.Qual(rtPath, "IsDown").Call(jen.Add(c.env).Dot("down"), rank)
	if b == spec.BuiltinCorrect {
		return jen.Op("!").Add(down)
	}
	return down
}
