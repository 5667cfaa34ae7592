package codegen

import (
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// CopyStateTo (runtime.StateCopier) copies a process's state into another
// process of the same type and rank, reusing the memory of the
// destination's collections: the explorer copies the acting process before
// every step that changes it, into the copy the previous step left behind,
// so in the steady state a copy allocates nothing. A nil collection stays
// nil and an empty one empty, so the copy is the state exactly, as Clone's.
// Collections in a state share nothing (assignment copies them), so each
// inner collection of the destination is reused for one value only.

// genCopyState writes CopyStateTo of process type p.
func (g *generator) genCopyState(p *spec.Process) {
	name := g.procName[p]
	var keep, copies []jen.Code
	for _, v := range p.Vars {
		if !needsClone(v.Type) {
			continue
		}
		field := g.varName[v]
		keep = append(keep, jen.Id("old"+field).Op(":=").Id("d").Dot(field))
		copies = append(copies, g.copyField(v))
	}
	body := []jen.Code{jen.Id("d").Op(":=").Id("dst").Assert(jen.Op("*").Id(name))}
	body = append(body, keep...)
	body = append(body, jen.Op("*").Id("d").Op("=").Op("*").Id("st"))
	body = append(body, copies...)
	g.f.Comment("CopyStateTo makes dst, a process of the same type and rank, an independent")
	g.f.Comment("copy of the state, reusing its collections' memory (runtime.StateCopier).")
	g.f.Func().Params(jen.Id("st").Op("*").Id(name)).Id("CopyStateTo").Params(jen.Id("dst").Qual(rtPath, "Process")).Block(body...)
	g.f.Var().Id("_").Qual(rtPath, "StateCopier").Op("=").Parens(jen.Op("*").Id(name)).Parens(jen.Nil())
	g.genCopyStateFor(p)
}

// genCopyStateFor writes CopyStateFor and Unshare of process type p
// (runtime.HandlerCopier): a handler's step copies only the collections
// the handler mentions (in its guard or body; a handler reaches its state
// by name only), and shares the others, which it cannot change. A record
// holding collections is copied whatever the handler: Unshare sets what
// it drops to nil.
func (g *generator) genCopyStateFor(p *spec.Process) {
	name := g.procName[p]
	var colls []*spec.Var
	for _, v := range p.Vars {
		if needsClone(v.Type) {
			colls = append(colls, v)
		}
	}
	if len(colls) == 0 {
		return
	}
	var keep, all, copyCases, unshareCases []jen.Code
	for _, v := range colls {
		field := g.varName[v]
		keep = append(keep, jen.Id("old"+field).Op(":=").Id("d").Dot(field))
		all = append(all, g.copyField(v))
	}
	for _, h := range p.Handlers {
		used := g.mentioned(h)
		var copies, drops []jen.Code
		for _, v := range colls {
			if _, record := v.Type.(*spec.Record); used[v] || record {
				copies = append(copies, g.copyField(v))
			} else {
				drops = append(drops, jen.Id("st").Dot(g.varName[v]).Op("=").Nil())
			}
		}
		if len(drops) == 0 {
			continue // the default cases
		}
		id := jen.Lit(g.handlerID[h])
		copyCases = append(copyCases, jen.Case(id).Block(copies...))
		unshareCases = append(unshareCases, jen.Case(id).Block(drops...))
	}
	if len(copyCases) == 0 {
		return
	}
	body := []jen.Code{jen.Id("d").Op(":=").Id("dst").Assert(jen.Op("*").Id(name))}
	body = append(body, keep...)
	body = append(body, jen.Op("*").Id("d").Op("=").Op("*").Id("st"))
	body = append(body, jen.Switch(jen.Id("handler")).Block(append(copyCases, jen.Default().Block(all...))...))
	g.f.Comment("CopyStateFor is CopyStateTo for a step that runs handler: the collections the")
	g.f.Comment("handler does not mention are shared with dst (runtime.HandlerCopier).")
	g.f.Func().Params(jen.Id("st").Op("*").Id(name)).Id("CopyStateFor").Params(jen.Id("dst").Qual(rtPath, "Process"), jen.Id("handler").Int()).Block(body...)
	g.f.Comment("Unshare drops the collections CopyStateFor(dst, handler) shared with dst.")
	g.f.Func().Params(jen.Id("st").Op("*").Id(name)).Id("Unshare").Params(jen.Id("handler").Int()).Block(
		jen.Switch(jen.Id("handler")).Block(unshareCases...))
	g.f.Var().Id("_").Qual(rtPath, "HandlerCopier").Op("=").Parens(jen.Op("*").Id(name)).Parens(jen.Nil())
}

// copyField is the statement of CopyStateTo that copies collection v.
func (g *generator) copyField(v *spec.Var) jen.Code {
	field := g.varName[v]
	return jen.Id("d").Dot(field).Op("=").Add(g.copyInto(v.Type, jen.Id("old"+field), jen.Id("st").Dot(field)))
}

// mentioned is the state variables handler h names, in its guard or body,
// or in the body of a function or procedure it calls (a procedure may
// change the state: `s.add(x)` in one changes s in place).
func (g *generator) mentioned(h *spec.Handler) map[*spec.Var]bool {
	used := map[*spec.Var]bool{}
	called := map[*spec.Function]bool{}
	var visit func(n parser.Node) bool
	visit = func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.Name:
			if sym := g.info.Uses[n]; sym != nil && sym.Kind == spec.SymStateVar {
				used[sym.Var] = true
			}
		case *parser.AwaitStmt:
			// Registering a wait empties every wait's collections in place.
			if a := g.info.Awaits[n]; a != nil {
				for _, b := range a.Process.Awaits {
					awaitState(b, used)
				}
			}
		case *parser.Call:
			if ci := g.info.Calls[n]; ci != nil && ci.Func != nil && !called[ci.Func] {
				called[ci.Func] = true
				if ci.Func.Body != nil {
					parser.Inspect(ci.Func.Body, visit)
				}
				if ci.Func.Block != nil {
					parser.Inspect(ci.Func.Block, visit)
				}
			}
		}
		return true
	}
	if h.Guard != nil {
		parser.Inspect(h.Guard, visit)
	}
	parser.Inspect(h.Body, visit)
	if h.Await != nil {
		awaitState(h.Await, used)
	}
	return used
}

// copyInto returns code for a copy of v, of type t, that reuses the
// memory of old (a value of t nothing else refers to).
func (g *generator) copyInto(t spec.Type, old, v jen.Code) jen.Code {
	if !needsClone(t) {
		return v
	}
	return jen.Id(g.copyHelper(t)).Call(old, v)
}

// copyHelper returns the name of copyK(old, v), which copies v into old's
// memory, writing it on first use.
func (g *generator) copyHelper(t spec.Type) string {
	name := "copy" + g.typeKey(t)
	if _, ok := g.copyHelpers[name]; ok {
		return name
	}
	g.copyHelpers[name] = nil // being written: a record does not hold itself
	typ := g.goType(t)
	head := jen.Func().Id(name).Params(jen.Id("old"), jen.Id("v").Add(typ)).Add(typ)
	nilIsNil := jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil()))
	var body []jen.Code
	switch t := t.(type) {
	case *spec.Record:
		body = append(body, jen.Id("out").Op(":=").Id("v"))
		for i, f := range t.Fields {
			if needsClone(f.Type) {
				field := g.fieldName[t][i]
				body = append(body, jen.Id("out").Dot(field).Op("=").Add(g.copyInto(f.Type, jen.Id("old").Dot(field), jen.Id("v").Dot(field))))
			}
		}
		body = append(body, jen.Return(jen.Id("out")))
	case *spec.List:
		if !needsClone(t.Elem) {
			body = []jen.Code{nilIsNil, jen.Return(jen.Append(jen.Id("old").Index(jen.Empty(), jen.Lit(0)), jen.Id("v").Op("...")))}
			break
		}
		// Elements past the old length are cloned; those within it reuse theirs.
		body = []jen.Code{nilIsNil,
			jen.Id("out").Op(":=").Id("old").Index(jen.Empty(), jen.Min(jen.Len(jen.Id("old")), jen.Len(jen.Id("v")))),
			jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
				jen.If(jen.Id("i").Op("<").Len(jen.Id("out"))).Block(
					jen.Id("out").Index(jen.Id("i")).Op("=").Add(g.copyInto(t.Elem, jen.Id("out").Index(jen.Id("i")), jen.Id("x"))),
				).Else().Block(
					jen.Id("out").Op("=").Append(jen.Id("out"), g.clone(t.Elem, jen.Id("x"))),
				),
			),
			jen.Return(jen.Id("out"))}
	case *spec.Set:
		body = []jen.Code{nilIsNil, g.reuseMap(typ),
			jen.For(jen.Id("x").Op(":=").Range().Id("v")).Block(
				jen.Id("old").Index(jen.Id("x")).Op("=").Struct().Values()),
			jen.Return(jen.Id("old"))}
	case *spec.Map:
		if !needsClone(t.Value) {
			body = []jen.Code{nilIsNil, g.reuseMap(typ),
				jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
					jen.Id("old").Index(jen.Id("k")).Op("=").Id("x")),
				jen.Return(jen.Id("old"))}
			break
		}
		// Keys both have keep their inner collections, reused. Once old
		// holds every key of v, it holds no other when the lengths agree.
		body = []jen.Code{nilIsNil,
			jen.If(jen.Id("old").Op("==").Nil()).Block(
				jen.Id("old").Op("=").Make(typ, jen.Len(jen.Id("v"))),
			),
			jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
				jen.Id("old").Index(jen.Id("k")).Op("=").Add(g.copyInto(t.Value, jen.Id("old").Index(jen.Id("k")), jen.Id("x")))),
			jen.If(jen.Len(jen.Id("old")).Op(">").Len(jen.Id("v"))).Block(
				jen.For(jen.Id("k").Op(":=").Range().Id("old")).Block(
					jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("v").Index(jen.Id("k")), jen.Op("!").Id("ok")).Block(
						jen.Delete(jen.Id("old"), jen.Id("k")),
					),
				),
			),
			jen.Return(jen.Id("old"))}
	}
	g.copyHelpers[name] = head.Block(body...)
	return name
}

// reuseMap empties old, or makes it when it is nil.
func (g *generator) reuseMap(typ jen.Code) jen.Code {
	return jen.If(jen.Id("old").Op("==").Nil()).Block(
		jen.Id("old").Op("=").Make(typ, jen.Len(jen.Id("v"))),
	).Else().Block(jen.Clear(jen.Id("old")))
}

// genCopyHelpers writes the functions CopyStateTo methods call, in a
// stable order.
func (g *generator) genCopyHelpers() { g.writeByName(g.copyHelpers) }

// writeByName writes functions in the order of their names.
func (g *generator) writeByName(fns map[string]jen.Code) {
	names := make([]string, 0, len(fns))
	for name := range fns {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		g.f.Add(fns[name])
	}
}
