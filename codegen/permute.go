package codegen

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/spec"
)

// Symmetry reduction: when a process type is symmetric, every process and
// message type gets PermuteRanks (runtime.RankPermuter), which renames the
// ranks of symmetric types it holds: the parts of variables and fields the
// checker's analysis found to hold them (spec.Var.Ranks,
// spec.FieldInfo.Ranks), and the records inside. Collections are rebuilt,
// never written into, so a shallow copy of a message shares nothing that
// changes.

// permRank is the receiver-free call that renames one rank.
func permRank(v jen.Code) jen.Code {
	return jen.Qual(rtPath, "PermuteRank").Call(jen.Id("perm"), v)
}

// subParts is parts below one step into a collection, relative to it.
func subParts(parts spec.RankParts, step string) spec.RankParts {
	var out spec.RankParts
	for _, p := range parts {
		if rest, ok := strings.CutPrefix(p, step); ok {
			out = append(out, rest)
		}
	}
	return out
}

// holdsRankRecord reports whether a value of type t holds a record with
// ranks in its fields.
func holdsRankRecord(t spec.Type) bool {
	switch t := t.(type) {
	case *spec.List:
		return holdsRankRecord(t.Elem)
	case *spec.Map:
		return holdsRankRecord(t.Value)
	case *spec.Record:
		return t.HoldsRanks
	}
	return false
}

// permValue returns code for v, of type t, with the ranks in the given
// parts (and in the records it holds) renamed; nil when it holds none.
func (g *generator) permValue(t spec.Type, parts spec.RankParts, v jen.Code) jen.Code {
	switch t := t.(type) {
	case *spec.Basic:
		if (t.Kind == spec.Int || t.Kind == spec.Node) && parts.Has("") {
			return permRank(v)
		}
		return nil
	case *spec.Record:
		if !t.HoldsRanks {
			return nil
		}
		return jen.Id(g.permHelper(t, nil)).Call(jen.Id("perm"), v)
	case *spec.Tuple:
		if len(parts) == 0 {
			return nil
		}
		return jen.Id(g.permHelper(t, parts)).Call(jen.Id("perm"), v)
	case *spec.List, *spec.Set, *spec.Map:
		if !parts.Under("e") && !parts.Under("k") && !parts.Under("v") && !holdsRankRecord(t) {
			return nil
		}
		return jen.Id(g.permHelper(t, parts)).Call(jen.Id("perm"), v)
	}
	return nil
}

// permHelper is one function that PermuteRanks methods call.
type permHelper struct {
	name string
	code jen.Code // nil while it is being written
}

// permHelper returns the name of the function that renames the ranks in
// the given parts of a value of type t, writing it on first use.
func (g *generator) permHelper(t spec.Type, parts spec.RankParts) string {
	stem := g.typeKey(t)
	key := typeID(t)
	var keep []string
	if _, ok := t.(*spec.Record); !ok {
		// Only the parts a collection of this type can have.
		for _, p := range parts {
			if p != "" {
				keep = append(keep, p)
			}
		}
	}
	if h, ok := g.permHelpers[key+"|"+strings.Join(keep, "_")]; ok {
		return h.name
	}
	// typeKey took "perm"+stem for the helper without parts.
	name := "perm" + stem
	if len(keep) > 0 {
		name = g.top.take(name + "_" + strings.Join(keep, "_"))
	}
	h := &permHelper{name: name} // being written: a record does not hold itself
	g.permHelpers[key+"|"+strings.Join(keep, "_")] = h
	typ := g.goType(t)
	head := jen.Func().Id(name).Params(jen.Id("perm").Index().Int(), jen.Id("v").Add(typ)).Add(typ)
	nilIsNil := jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil()))
	var body []jen.Code
	switch t := t.(type) {
	case *spec.Tuple:
		body = g.permTuple(t, parts)
	case *spec.Record:
		for i, f := range t.Fields {
			field := jen.Id("v").Dot(g.fieldName[t][i])
			if c := g.permValue(f.Type, f.Ranks, field); c != nil {
				body = append(body, jen.Id("v").Dot(g.fieldName[t][i]).Op("=").Add(c))
			}
		}
		body = append(body, jen.Return(jen.Id("v")))
	case *spec.List:
		el := g.permValue(t.Elem, subParts(parts, "e"), jen.Id("x"))
		body = []jen.Code{nilIsNil,
			jen.Id("out").Op(":=").Make(typ, jen.Len(jen.Id("v"))),
			jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
				jen.Id("out").Index(jen.Id("i")).Op("=").Add(orID(el, "x"))),
			jen.Return(jen.Id("out"))}
	case *spec.Set:
		body = []jen.Code{nilIsNil,
			jen.Id("out").Op(":=").Make(typ, jen.Len(jen.Id("v"))),
			jen.For(jen.Id("x").Op(":=").Range().Id("v")).Block(
				jen.Id("out").Index(orID(g.permValue(t.Elem, subParts(parts, "e"), jen.Id("x")), "x")).Op("=").Struct().Values()),
			jen.Return(jen.Id("out"))}
	case *spec.Map:
		var key, val jen.Code = jen.Id("k"), jen.Id("x")
		if c := g.permValue(t.Key, subParts(parts, "k"), jen.Id("k")); c != nil {
			key = c
		}
		if c := g.permValue(t.Value, subParts(parts, "v"), jen.Id("x")); c != nil {
			val = c
		}
		body = []jen.Code{nilIsNil,
			jen.Id("out").Op(":=").Make(typ, jen.Len(jen.Id("v"))),
			jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
				jen.Id("out").Index(key).Op("=").Add(val)),
			jen.Return(jen.Id("out"))}
	}
	h.code = head.Block(body...)
	return name
}

func orID(c jen.Code, id string) jen.Code {
	if c == nil {
		return jen.Id(id)
	}
	return c
}

// genPermuteRanks writes PermuteRanks on a process type (recv "st") or a
// message (recv "m"), given its fields' Go names, types and rank parts.
func (g *generator) genPermuteRanks(recv, typeName, what string, names []string, types []spec.Type, parts []spec.RankParts, after ...jen.Code) {
	var body []jen.Code
	for i, name := range names {
		if c := g.permValue(types[i], parts[i], jen.Id(recv).Dot(name)); c != nil {
			body = append(body, jen.Id(recv).Dot(name).Op("=").Add(c))
		}
	}
	body = append(body, after...)
	g.f.Commentf("PermuteRanks renames every rank of a symmetric process type that the %s", what)
	g.f.Comment("holds, from r to perm[r] (runtime.RankPermuter).")
	g.f.Func().Params(jen.Id(recv).Op("*").Id(typeName)).Id("PermuteRanks").Params(jen.Id("perm").Index().Int()).Block(body...)
}

func (g *generator) genProcessPermute(p *spec.Process) {
	var names []string
	var types []spec.Type
	var parts []spec.RankParts
	for _, v := range p.Vars {
		names = append(names, g.varName[v])
		types = append(types, v.Type)
		parts = append(parts, v.Ranks)
	}
	g.genPermuteRanks("st", g.procName[p], "state", names, types, parts, g.resortAwaits(p)...)
}

func (g *generator) genMessagePermute(m *spec.Record) {
	var types []spec.Type
	var parts []spec.RankParts
	for _, f := range m.Fields {
		types = append(types, f.Type)
		parts = append(parts, f.Ranks)
	}
	g.genPermuteRanks("m", g.recordName[m], "message", g.fieldName[m], types, parts)
}

// genPermHelpers writes the functions PermuteRanks methods call, in a
// stable order.
func (g *generator) genPermHelpers() {
	byName := make(map[string]jen.Code, len(g.permHelpers))
	for _, h := range g.permHelpers {
		byName[h.name] = h.code
	}
	g.writeByName(byName)
}
