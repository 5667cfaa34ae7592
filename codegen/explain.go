package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// Explanations (Instance.Explain): for a property that is false, the
// values its quantifiers were bound to and the value of each sub-expression
// of its body under those bindings.
//
// The failing path starts at the property: its outer foralls, directly
// nested ones included, are bound to the first values (in iteration order)
// that make their body false. Inside the body the path follows the boolean
// connectives to the operands that decide their value: the first false
// operand of a false `and` (both of a true one), the first true operand of
// a true `or` (both of a false one), both sides of a false `implies`, and
// the premise (false) or the conclusion (true) of a true one. A forall that
// is false on the path, or an exists that is true, is expanded: its
// variables are bound to the first witness and its body explained in turn;
// any other quantifier is one term.
//
// Terms are listed outermost first, depth first, without literals, the
// names of quantified variables (they are in Bindings) and groups. An
// operand that evaluation skips (the right of an `and` whose left is
// false, and so on) is not listed: evaluating it could fault. Evaluation
// is pure, so each listed term is computed anew where it is listed; an
// explanation is for reading, not for a hot path.

// genExplain writes explain, which Instance.Explain calls, and one
// explainN per property.
func (g *generator) genExplain() {
	cases := []jen.Code{}
	for i, p := range g.alg.Properties {
		fn := fmt.Sprintf("explain%d", i)
		g.genExplainProperty(fn, p)
		cases = append(cases, jen.Case(jen.Lit(i)).Block(jen.Return(jen.Id(fn).Call(jen.Id("w")))))
	}
	body := []jen.Code{}
	if len(cases) > 0 {
		body = append(body,
			jen.Id("w").Op(":=").Id("newWorld").Call(jen.Id("procs"), jen.Id("shared"), jen.Id("stop")),
			jen.Switch(jen.Id("property")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Nil()))
	g.f.Comment("explain says why property (an index into Descriptor.Properties) is false")
	g.f.Comment("over procs, or returns nil when it holds.")
	g.f.Func().Id("explain").Params(jen.Id("procs").Index().Qual(rtPath, "Process"), jen.Id("shared").Index().Int64(), jen.Id("stop").Op("*").Qual(rtPath, "Stop"), jen.Id("property").Int()).
		Op("*").Qual(rtPath, "Explanation").Block(body...)
}

// genExplainProperty writes the function that explains one property.
func (g *generator) genExplainProperty(fn string, p *spec.Property) {
	c := g.newFnCtx("", jen.Id("w").Dot("env"))
	c.stop = jen.Id("w").Dot("stop")
	c.keep = map[*spec.Symbol]bool{}
	body := []jen.Code{
		jen.Id("expl").Op(":=").Op("&").Qual(rtPath, "Explanation").Values(jen.Dict{
			jen.Id("Property"): jen.Lit(p.Name),
			jen.Id("Text"):     jen.Lit(p.Text),
		}),
	}
	// The outer foralls, nested ones included, become loops that stop at
	// the first bindings that make the body false.
	var quants []*parser.Quantifier
	e := unparen(p.Expr)
	for {
		q, ok := e.(*parser.Quantifier)
		if !ok || q.Kind != "forall" {
			break
		}
		quants = append(quants, q)
		e = unparen(q.Body)
	}
	if len(quants) == 0 {
		// The property itself is the body: listed even when it is a
		// literal or a name.
		v := c.tmp()
		body = append(body, jen.Id(v).Op(":=").Add(c.expr(e)), jen.If(jen.Id(v)).Block(jen.Return(jen.Nil())))
		body = append(body, c.explainTerm(e, always, v)...)
		body = append(body, jen.Return(jen.Id("expl")))
	} else {
		failing := func() []jen.Code {
			v := c.tmp()
			out := []jen.Code{jen.Id(v).Op(":=").Add(c.expr(e)), jen.If(jen.Id(v)).Block(jen.Continue())}
			if listed(c.g.info, e) {
				out = append(out, c.explainTerm(e, always, v)...)
			}
			return append(out, jen.Return(jen.Id("expl")))
		}
		body = append(body, c.witness(quants, failing)...)
		body = append(body, jen.Return(jen.Nil()))
	}
	g.f.Commentf("%s explains why %s %s is false, or returns nil when it holds.", fn, kindWord(p), p.Name)
	g.f.Func().Id(fn).Params(jen.Id("w").Op("*").Id("world")).Op("*").Qual(rtPath, "Explanation").Block(body...)
	g.report(c)
}

// witness loops over the variables of the quantifiers qs, outermost first,
// records each binding in expl.Bindings and runs inner for them: inner
// skips (continue) or stops (return) at the bindings it wants.
func (c *fnCtx) witness(qs []*parser.Quantifier, inner func() []jen.Code) []jen.Code {
	type variable struct {
		q *parser.Quantifier
		i int
	}
	// The variables, and the parts of the tuples they destructure, get Go
	// names even when the body does not use them: the bindings show them.
	var vars []variable
	var names []*parser.Ident
	for _, q := range qs {
		for i := range q.Vars {
			vars = append(vars, variable{q, i})
		}
		for _, id := range q.Names() {
			names = append(names, id)
			if sym := c.g.info.Defs[id]; sym != nil {
				c.keep[sym] = true
				defer delete(c.keep, sym)
			}
		}
	}
	var nest func(i int) []jen.Code
	nest = func(i int) []jen.Code {
		if i == len(vars) {
			var binds []jen.Code
			for _, id := range names {
				if name, ok := c.locals[c.g.info.Defs[id]]; ok && name != "_" {
					binds = append(binds, jen.Qual(rtPath, "Binding").Values(jen.Dict{
						jen.Id("Name"): jen.Lit(id.Name), jen.Id("Value"): jen.Qual(rtPath, "Show").Call(jen.Id(name))}))
				}
			}
			// The bindings are recorded once inner has decided to stop
			// here: inner's first two statements are the test that skips.
			code := inner()
			record := jen.Id("expl").Dot("Bindings").Op("=").Append(append([]jen.Code{jen.Id("expl").Dot("Bindings")}, binds...)...)
			if len(binds) == 0 {
				return code
			}
			return append(code[:2:2], append([]jen.Code{record}, code[2:]...)...)
		}
		return []jen.Code{c.loop(vars[i].q.Range, quantVar(vars[i].q, vars[i].i), loopVar{}, func() []jen.Code { return nest(i + 1) })}
	}
	return nest(0)
}

// pathCond is how a sub-expression learns whether it is on the failing
// path: given the Go name of its own value, it returns the condition, or
// nil when it is on the path whatever its value.
type pathCond func(v string) jen.Code

// always puts a sub-expression on the path unconditionally.
func always(string) jen.Code { return nil }

// and joins two conditions; nil is true.
func and(a, b jen.Code) jen.Code {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return jen.Add(a).Op("&&").Add(b)
}

// explainExpr lists e and its sub-expressions as terms. on is nil when e
// is not on the failing path.
func (c *fnCtx) explainExpr(e parser.Expr, on pathCond) []jen.Code {
	if p, ok := e.(*parser.Paren); ok {
		return c.explainExpr(p.X, on)
	}
	if !listed(c.g.info, e) {
		return nil
	}
	v := c.tmp()
	return append([]jen.Code{jen.Id(v).Op(":=").Add(c.expr(e))}, c.explainTerm(e, on, v)...)
}

// listed reports whether e is listed as a term: not a literal, nor the
// name of a quantified variable or a group. Parentheses are not listed,
// what they hold is.
func listed(info *spec.Info, e parser.Expr) bool {
	switch x := e.(type) {
	case nil, *parser.Paren, *parser.IntLit, *parser.StringLit, *parser.BoolLit:
		return false
	case *parser.Name:
		sym := info.Uses[x]
		return sym != nil && (sym.Kind == spec.SymParam || sym.Kind == spec.SymN)
	case *parser.ListLit:
		return !allLiterals(x.Elems)
	case *parser.TupleLit:
		return !allLiterals(x.Elems)
	case *parser.EmptyLit:
		return false
	case *parser.Composite:
		ci := info.Composites[x]
		return ci == nil || !allLiterals(ci.Values)
	}
	return true
}

func allLiterals(es []parser.Expr) bool {
	for _, e := range es {
		switch unparen(e).(type) {
		case nil, *parser.IntLit, *parser.StringLit, *parser.BoolLit:
		default:
			return false
		}
	}
	return true
}

// explainTerm lists e, whose value is in the Go variable v, and then its
// sub-expressions.
func (c *fnCtx) explainTerm(e parser.Expr, on pathCond, v string) []jen.Code {
	out := []jen.Code{jen.Id("expl").Dot("Terms").Op("=").Append(jen.Id("expl").Dot("Terms"),
		jen.Qual(rtPath, "TermValue").Values(jen.Dict{
			jen.Id("Text"): jen.Lit(parser.ExprString(e)), jen.Id("Value"): jen.Qual(rtPath, "Show").Call(jen.Id(v))}))}
	// self is the condition under which e is on the path, materialised
	// once when a quantifier below may need it.
	var self jen.Code
	if _, quant := e.(*parser.Quantifier); on != nil && !quant && pathReachesQuantifier(e) {
		if cond := on(v); cond != nil {
			name := c.tmp()
			out = append(out, jen.Id(name).Op(":=").Add(cond))
			self = jen.Id(name)
		}
	}
	child := func(same bool) pathCond {
		if on == nil {
			return nil
		}
		return func(cv string) jen.Code {
			op := "=="
			if !same {
				op = "!="
			}
			return and(self, jen.Id(cv).Op(op).Id(v))
		}
	}
	switch x := e.(type) {
	case *parser.Unary:
		if x.Op == "not" && on != nil {
			return append(out, c.explainExpr(x.X, func(string) jen.Code { return self })...)
		}
		return append(out, c.explainExpr(x.X, nil)...)
	case *parser.Binary:
		switch x.Op {
		case "and", "or", "implies":
			// The right operand is listed only where Go evaluates it. The
			// left operand is evaluated again for that: the variable that
			// holds its value is not in this scope, and a literal or an
			// unlisted name has none. (Before the operands are listed: a
			// quantifier expanded there names variables that its own
			// evaluation might leave unused.)
			cond := c.operand(x.X, precAtom)
			if x.Op == "or" {
				cond = jen.Op("!").Add(cond)
			}
			left := c.explainExpr(x.X, child(x.Op != "implies"))
			right := c.explainExpr(x.Y, child(true))
			if len(right) == 0 {
				return append(out, left...)
			}
			return append(append(out, left...), jen.If(cond).Block(right...))
		}
		return append(append(out, c.explainExpr(x.X, nil)...), c.explainExpr(x.Y, nil)...)
	case *parser.Selector:
		return append(out, c.explainExpr(x.X, nil)...)
	case *parser.Index:
		return append(append(out, c.explainExpr(x.X, nil)...), c.explainExpr(x.Index, nil)...)
	case *parser.Call:
		if sel, ok := x.Fun.(*parser.Selector); ok {
			out = append(out, c.explainExpr(sel.X, nil)...)
		}
		for _, a := range x.Args {
			out = append(out, c.explainExpr(a, nil)...)
		}
		return out
	case *parser.ListLit:
		for _, el := range x.Elems {
			out = append(out, c.explainExpr(el, nil)...)
		}
		return out
	case *parser.TupleLit:
		for _, el := range x.Elems {
			out = append(out, c.explainExpr(el, nil)...)
		}
		return out
	case *parser.Extremum:
		// What it ranges over; its key names a variable bound only inside.
		if _, r := x.Range.(*parser.Range); !r {
			out = append(out, c.explainExpr(x.Range, nil)...)
		}
		return out
	case *parser.Composite:
		if ci := c.g.info.Composites[x]; ci != nil {
			for _, fv := range ci.Values {
				out = append(out, c.explainExpr(fv, nil)...)
			}
		}
		return out
	case *parser.Quantifier:
		if on == nil {
			return out
		}
		return append(out, c.expand(x, on, v)...)
	}
	return out
}

// expand explains a quantifier on the failing path whose value is in v,
// when its value makes it explainable: a forall that is false, an exists
// that is true. Its variables are bound to the first witness.
func (c *fnCtx) expand(q *parser.Quantifier, on pathCond, v string) []jen.Code {
	forall := q.Kind == "forall"
	var cond jen.Code = jen.Id(v)
	if forall {
		cond = jen.Op("!").Id(v)
	}
	cond = and(on(v), cond)
	body := unparen(q.Body)
	inner := func() []jen.Code {
		bv := c.tmp()
		var skip jen.Code = jen.Id(bv)
		if !forall {
			skip = jen.Op("!").Id(bv)
		}
		out := []jen.Code{jen.Id(bv).Op(":=").Add(c.expr(body)), jen.If(skip).Block(jen.Continue())}
		if listed(c.g.info, body) {
			out = append(out, c.explainTerm(body, always, bv)...)
		}
		return append(out, jen.Return())
	}
	loops := c.witness([]*parser.Quantifier{q}, inner)
	return []jen.Code{jen.If(cond).Block(jen.Func().Params().Block(loops...).Call())}
}

// pathReachesQuantifier reports whether a quantifier hangs below e through
// boolean connectives only, where the failing path can reach it.
func pathReachesQuantifier(e parser.Expr) bool {
	switch x := e.(type) {
	case *parser.Paren:
		return pathReachesQuantifier(x.X)
	case *parser.Quantifier:
		return true
	case *parser.Unary:
		return x.Op == "not" && pathReachesQuantifier(x.X)
	case *parser.Binary:
		switch x.Op {
		case "and", "or", "implies":
			return pathReachesQuantifier(x.X) || pathReachesQuantifier(x.Y)
		}
	}
	return false
}
