package codegen

import (
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/spec"
)

// goType returns the Go type that represents t.
func (g *generator) goType(t spec.Type) jen.Code {
	switch t := t.(type) {
	case *spec.Basic:
		switch t.Kind {
		case spec.Bool:
			return jen.Bool()
		case spec.String:
			return jen.String()
		}
		return jen.Int64()
	case *spec.List:
		return jen.Index().Add(g.goType(t.Elem))
	case *spec.Set:
		return g.setType(t.Elem)
	case *spec.Map:
		return jen.Map(g.goType(t.Key)).Add(g.goType(t.Value))
	case *spec.Record:
		return jen.Id(g.recordName[t])
	case *spec.Tuple:
		return jen.Id(g.typeKey(t))
	case *spec.Group:
		return jen.Index().Int()
	case *spec.ProcState:
		return jen.Op("*").Id(g.procName[t.Process])
	}
	return jen.Any()
}

// typeID names a type structurally and injectively: types with one Go
// representation (int and node) share it, and so share their helpers.
func typeID(t spec.Type) string {
	switch t := t.(type) {
	case *spec.Basic:
		switch t.Kind {
		case spec.Bool:
			return "bool"
		case spec.String:
			return "string"
		}
		return "int"
	case *spec.List:
		return "list<" + typeID(t.Elem) + ">"
	case *spec.Set:
		return "set<" + typeID(t.Elem) + ">"
	case *spec.Map:
		return "map<" + typeID(t.Key) + "," + typeID(t.Value) + ">"
	case *spec.Record:
		return "record " + t.Name
	case *spec.Tuple:
		ids := make([]string, len(t.Elems))
		for i, e := range t.Elems {
			ids[i] = typeID(e)
		}
		return "(" + strings.Join(ids, ",") + ")"
	}
	return "?"
}

// helperPrefixes are the helper functions a type may have.
var helperPrefixes = []string{"enc", "dec", "clone", "eq", "perm"}

// typeKey names a type inside helper function names: encListInt,
// cloneMapIntSetInt. The stem is allocated from the package's names on
// first use, for all helpers at once, so a type's helpers never meet
// another's or a declaration of the spec (a record ListInt beside a
// list<int> gets encListInt_2).
func (g *generator) typeKey(t spec.Type) string {
	id := typeID(t)
	if stem, ok := g.stems[id]; ok {
		return stem
	}
	want := "X"
	switch t := t.(type) {
	case *spec.Basic:
		want = map[string]string{"bool": "Bool", "string": "String", "int": "Int"}[id]
	case *spec.List:
		want = "List" + g.typeKey(t.Elem)
	case *spec.Set:
		want = "Set" + g.typeKey(t.Elem)
	case *spec.Map:
		want = "Map" + g.typeKey(t.Key) + g.typeKey(t.Value)
	case *spec.Record:
		want = g.recordName[t]
	case *spec.Tuple:
		// The stem is also the name of the tuple's struct.
		want = "Tuple"
		for _, e := range t.Elems {
			want += g.typeKey(e)
		}
		stem := g.top.takeAll(want, append([]string{""}, helperPrefixes...)...)[0]
		g.stems[id] = stem
		return stem
	}
	stem := strings.TrimPrefix(g.top.takeAll(want, helperPrefixes...)[0], helperPrefixes[0])
	g.stems[id] = stem
	return stem
}

// needsClone reports whether copying a value of type t by Go assignment
// would share memory: collections, and records that hold them.
func needsClone(t spec.Type) bool {
	switch t := t.(type) {
	case *spec.List, *spec.Set, *spec.Map:
		return true
	case *spec.Record:
		for _, f := range t.Fields {
			if needsClone(f.Type) {
				return true
			}
		}
	}
	return false
}

// goComparable reports whether Go's == compares values of t as the
// language does.
func goComparable(t spec.Type) bool {
	switch t := t.(type) {
	case *spec.Basic, *spec.Tuple:
		return true
	case *spec.Record:
		for _, f := range t.Fields {
			if !goComparable(f.Type) {
				return false
			}
		}
		return true
	}
	return false
}

// minSize is the fewest bytes a value of t takes on the wire; decoders use
// it to reject lengths the input cannot hold.
func minSize(t spec.Type) int {
	if tt, ok := t.(*spec.Tuple); ok {
		n := 0
		for _, e := range tt.Elems {
			n += minSize(e)
		}
		return n
	}
	if r, ok := t.(*spec.Record); ok {
		n := 0
		for _, f := range r.Fields {
			n += minSize(f.Type)
		}
		return max(n, 1)
	}
	return 1
}

func (g *generator) encode(t spec.Type, b, v jen.Code) jen.Code {
	if bt, ok := t.(*spec.Basic); ok {
		switch bt.Kind {
		case spec.Bool:
			return jen.Qual(wirePath, "AppendBool").Call(b, v)
		case spec.String:
			return jen.Qual(wirePath, "AppendString").Call(b, v)
		}
		return jen.Qual(wirePath, "AppendInt").Call(b, v)
	}
	return jen.Id("enc"+g.typeKey(t)).Call(b, v)
}

func (g *generator) decode(t spec.Type, d jen.Code) jen.Code {
	if bt, ok := t.(*spec.Basic); ok {
		switch bt.Kind {
		case spec.Bool:
			return jen.Add(d).Dot("Bool").Call()
		case spec.String:
			return jen.Add(d).Dot("String").Call()
		}
		return jen.Add(d).Dot("Int").Call()
	}
	return jen.Id("dec" + g.typeKey(t)).Call(d)
}

func (g *generator) clone(t spec.Type, v jen.Code) jen.Code {
	if !needsClone(t) {
		return v
	}
	if _, ok := t.(*spec.Set); ok {
		return jen.Add(v).Dot("Clone").Call()
	}
	return jen.Id("clone" + g.typeKey(t)).Call(v)
}

func (g *generator) equal(t spec.Type, a, b jen.Code) jen.Code {
	if goComparable(t) {
		return jen.Add(a).Op("==").Add(b)
	}
	if _, ok := t.(*spec.Set); ok {
		return jen.Add(a).Dot("Equal").Call(b)
	}
	return jen.Id("eq"+g.typeKey(t)).Call(a, b)
}

// collectTypes records every composite type the algorithm uses, so each
// gets its helper functions exactly once, and names their helpers in a
// stable order.
func (g *generator) collectTypes() {
	byID := map[string]spec.Type{}
	var visit func(t spec.Type)
	visit = func(t spec.Type) {
		switch t := t.(type) {
		case *spec.List:
			byID[typeID(t)] = t
			visit(t.Elem)
		case *spec.Set:
			byID[typeID(t)] = t
			visit(t.Elem)
		case *spec.Map:
			byID[typeID(t)] = t
			visit(t.Key)
			visit(t.Value)
		case *spec.Tuple:
			byID[typeID(t)] = t
			for _, e := range t.Elems {
				visit(e)
			}
		case *spec.Record:
			if _, seen := byID[typeID(t)]; seen {
				return
			}
			byID[typeID(t)] = t
			for _, f := range t.Fields {
				visit(f.Type)
			}
		}
	}
	for _, r := range g.alg.Records {
		visit(r)
	}
	for _, m := range g.alg.Messages {
		visit(m)
	}
	for _, p := range g.alg.Processes {
		for _, v := range p.Vars {
			visit(v.Type)
		}
	}
	for _, t := range g.info.Types {
		visit(t)
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		g.helperTypes[g.typeKey(byID[id])] = byID[id]
	}
}

// genHelpers writes the encode, decode, clone and equality functions of
// every composite type, in a stable order.
func (g *generator) genHelpers() {
	keys := make([]string, 0, len(g.helperTypes))
	for k := range g.helperTypes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t := g.helperTypes[k]
		switch t := t.(type) {
		case *spec.List:
			g.genListHelpers(k, t)
		case *spec.Set:
			g.genSetHelpers(k, t)
		case *spec.Map:
			g.genMapHelpers(k, t)
		case *spec.Record:
			g.genRecordHelpers(k, t)
		case *spec.Tuple:
			g.genTupleHelpers(k, t)
		}
	}
}

func decoderParam() jen.Code { return jen.Id("d").Op("*").Qual(wirePath, "Decoder") }

func (g *generator) genListHelpers(k string, t *spec.List) {
	typ := g.goType(t)
	g.f.Func().Id("enc"+k).Params(jen.Id("b").Index().Byte(), jen.Id("v").Add(typ)).Index().Byte().Block(
		jen.Id("b").Op("=").Qual(wirePath, "AppendLen").Call(jen.Id("b"), jen.Len(jen.Id("v"))),
		jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
			jen.Id("b").Op("=").Add(g.encode(t.Elem, jen.Id("b"), jen.Id("x"))),
		),
		jen.Return(jen.Id("b")),
	)
	g.f.Func().Id("dec"+k).Params(decoderParam()).Add(typ).Block(
		jen.Id("n").Op(":=").Id("d").Dot("Len").Call(jen.Lit(minSize(t.Elem))),
		jen.If(jen.Id("n").Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		jen.Id("v").Op(":=").Make(typ, jen.Id("n")),
		jen.For(jen.Id("i").Op(":=").Range().Id("v")).Block(
			jen.Id("v").Index(jen.Id("i")).Op("=").Add(g.decode(t.Elem, jen.Id("d"))),
		),
		jen.Return(jen.Id("v")),
	)
	g.f.Func().Id("clone"+k).Params(jen.Id("v").Add(typ)).Add(typ).Block(
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Id("out").Op(":=").Make(typ, jen.Len(jen.Id("v"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
			jen.Id("out").Index(jen.Id("i")).Op("=").Add(g.clone(t.Elem, jen.Id("x"))),
		),
		jen.Return(jen.Id("out")),
	)
	g.f.Func().Id("eq"+k).Params(jen.List(jen.Id("a"), jen.Id("b")).Add(typ)).Bool().Block(
		jen.If(jen.Len(jen.Id("a")).Op("!=").Len(jen.Id("b"))).Block(jen.Return(jen.False())),
		jen.For(jen.Id("i").Op(":=").Range().Id("a")).Block(
			jen.If(jen.Op("!").Parens(g.equal(t.Elem, jen.Id("a").Index(jen.Id("i")), jen.Id("b").Index(jen.Id("i"))))).Block(jen.Return(jen.False())),
		),
		jen.Return(jen.True()),
	)
}

func (g *generator) genSetHelpers(k string, t *spec.Set) {
	typ := g.goType(t)
	g.f.Func().Id("enc"+k).Params(jen.Id("b").Index().Byte(), jen.Id("v").Add(typ)).Index().Byte().Block(
		jen.Id("b").Op("=").Qual(wirePath, "AppendLen").Call(jen.Id("b"), jen.Len(jen.Id("v"))),
		sortBuffer(g.goType(t.Elem)),
		jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(ordered("AppendSorted", t.Elem)).Call(jen.Id("buf").Index(jen.Empty(), jen.Lit(0)), jen.Id("v"))).Block(
			jen.Id("b").Op("=").Add(g.encode(t.Elem, jen.Id("b"), jen.Id("x"))),
		),
		jen.Return(jen.Id("b")),
	)
	g.f.Func().Id("dec"+k).Params(decoderParam()).Add(typ).Block(
		jen.Id("n").Op(":=").Id("d").Dot("Len").Call(jen.Lit(1)),
		jen.If(jen.Id("n").Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		jen.Id("v").Op(":=").Make(typ, jen.Id("n")),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Id("n"), jen.Id("i").Op("++")).Block(
			jen.Id("v").Dot("Add").Call(g.decode(t.Elem, jen.Id("d"))),
		),
		jen.Return(jen.Id("v")),
	)
}

// sortBuffer declares buf, where encoders sort the elements or keys of a
// collection: on the stack, so that encoding a small one allocates nothing.
func sortBuffer(elem jen.Code) jen.Code {
	return jen.Var().Id("buf").Index(jen.Lit(16)).Add(elem)
}

func (g *generator) genMapHelpers(k string, t *spec.Map) {
	typ := g.goType(t)
	g.f.Func().Id("enc"+k).Params(jen.Id("b").Index().Byte(), jen.Id("v").Add(typ)).Index().Byte().Block(
		jen.Id("b").Op("=").Qual(wirePath, "AppendLen").Call(jen.Id("b"), jen.Len(jen.Id("v"))),
		sortBuffer(g.goType(t.Key)),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Add(ordered("AppendSortedKeys", t.Key)).Call(jen.Id("buf").Index(jen.Empty(), jen.Lit(0)), jen.Id("v"))).Block(
			jen.Id("b").Op("=").Add(g.encode(t.Key, jen.Id("b"), jen.Id("k"))),
			jen.Id("b").Op("=").Add(g.encode(t.Value, jen.Id("b"), jen.Id("v").Index(jen.Id("k")))),
		),
		jen.Return(jen.Id("b")),
	)
	g.f.Func().Id("dec"+k).Params(decoderParam()).Add(typ).Block(
		jen.Id("n").Op(":=").Id("d").Dot("Len").Call(jen.Lit(minSize(t.Key)+minSize(t.Value))),
		jen.If(jen.Id("n").Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		jen.Id("v").Op(":=").Make(typ, jen.Id("n")),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Id("n"), jen.Id("i").Op("++")).Block(
			jen.Id("k").Op(":=").Add(g.decode(t.Key, jen.Id("d"))),
			jen.Id("v").Index(jen.Id("k")).Op("=").Add(g.decode(t.Value, jen.Id("d"))),
		),
		jen.Return(jen.Id("v")),
	)
	g.f.Func().Id("clone"+k).Params(jen.Id("v").Add(typ)).Add(typ).Block(
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Id("out").Op(":=").Make(typ, jen.Len(jen.Id("v"))),
		jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("v")).Block(
			jen.Id("out").Index(jen.Id("k")).Op("=").Add(g.clone(t.Value, jen.Id("x"))),
		),
		jen.Return(jen.Id("out")),
	)
	g.f.Func().Id("eq"+k).Params(jen.List(jen.Id("a"), jen.Id("b")).Add(typ)).Bool().Block(
		jen.If(jen.Len(jen.Id("a")).Op("!=").Len(jen.Id("b"))).Block(jen.Return(jen.False())),
		jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("a")).Block(
			jen.List(jen.Id("y"), jen.Id("ok")).Op(":=").Id("b").Index(jen.Id("k")),
			jen.If(jen.Op("!").Id("ok").Op("||").Op("!").Parens(g.equal(t.Value, jen.Id("x"), jen.Id("y")))).Block(jen.Return(jen.False())),
		),
		jen.Return(jen.True()),
	)
}

func (g *generator) genRecordHelpers(k string, t *spec.Record) {
	typ := g.goType(t)
	names := g.fieldName[t]
	enc := []jen.Code{}
	dec := []jen.Code{jen.Var().Id("v").Add(typ)}
	cl := []jen.Code{}
	var eq jen.Code
	for i, f := range t.Fields {
		field := jen.Id("v").Dot(names[i])
		enc = append(enc, jen.Id("b").Op("=").Add(g.encode(f.Type, jen.Id("b"), field)))
		dec = append(dec, jen.Id("v").Dot(names[i]).Op("=").Add(g.decode(f.Type, jen.Id("d"))))
		if needsClone(f.Type) {
			cl = append(cl, jen.Id("v").Dot(names[i]).Op("=").Add(g.clone(f.Type, jen.Id("v").Dot(names[i]))))
		}
		e := g.equal(f.Type, jen.Id("a").Dot(names[i]), jen.Id("b").Dot(names[i]))
		if eq == nil {
			eq = e
		} else {
			eq = jen.Add(eq).Op("&&").Line().Add(e)
		}
	}
	if eq == nil {
		eq = jen.True()
	}
	g.f.Func().Id("enc"+k).Params(jen.Id("b").Index().Byte(), jen.Id("v").Add(typ)).Index().Byte().Block(
		append(enc, jen.Return(jen.Id("b")))...,
	)
	g.f.Func().Id("dec" + k).Params(decoderParam()).Add(typ).Block(
		append(dec, jen.Return(jen.Id("v")))...,
	)
	if needsClone(t) {
		g.f.Func().Id("clone" + k).Params(jen.Id("v").Add(typ)).Add(typ).Block(
			append(cl, jen.Return(jen.Id("v")))...,
		)
	}
	if !goComparable(t) {
		g.f.Func().Id("eq" + k).Params(jen.List(jen.Id("a"), jen.Id("b")).Add(typ)).Bool().Block(
			jen.Return(eq),
		)
	}
}
