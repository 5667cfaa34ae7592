package codegen

import (
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// The language's data constructs in Go. A tuple type is a struct of its
// parts, F0, F1, …, each tagged with its index (runtime.Show prints such a
// struct as a tuple); being made of ints, bools and strings, it is
// comparable with ==, copied by assignment, and, when all its parts are
// ordered, has Compare (runtime.Tuple), which orders it lexicographically
// in sets (runtime.TupleSet), as map keys and under <.

// isTuple reports whether t is a tuple type.
func isTuple(t spec.Type) bool {
	_, ok := t.(*spec.Tuple)
	return ok
}

// partName is the Go field of part i of a tuple.
func partName(i int) string { return "F" + strconv.Itoa(i) }

// ordered returns the runtime function called name for collections of
// elements (or keys) of type elem: its tuple variant (SortedKeys becomes
// SortedTupleKeys) for tuples, which Go's cmp.Ordered does not admit.
func ordered(name string, elem spec.Type) jen.Code {
	if isTuple(elem) {
		name = map[string]string{
			"AppendSorted":     "AppendSortedTuples",
			"AppendSortedKeys": "AppendSortedTupleKeys",
			"SortedKeys":       "SortedTupleKeys",
			"ValuesByKey":      "TupleValuesByKey",
			"SortedCopy":       "SortedTupleCopy",
		}[name]
	}
	return jen.Qual(rtPath, name)
}

// setType is the Go type of set<elem>.
func (g *generator) setType(elem spec.Type) jen.Code {
	if isTuple(elem) {
		return jen.Qual(rtPath, "TupleSet").Types(g.goType(elem))
	}
	return jen.Qual(rtPath, "Set").Types(g.goType(elem))
}

// genTupleHelpers writes the struct of a tuple type, its Compare when it
// is ordered, its JSON (an array) and text (its Show, for map keys in
// JSON), and its encoder and decoder: the parts in order.
func (g *generator) genTupleHelpers(k string, t *spec.Tuple) {
	var fields, enc, dec, parts []jen.Code
	for i, e := range t.Elems {
		f := partName(i)
		fields = append(fields, jen.Id(f).Add(g.goType(e)).Tag(map[string]string{"dsa": strconv.Itoa(i)}))
		enc = append(enc, jen.Id("b").Op("=").Add(g.encode(e, jen.Id("b"), jen.Id("v").Dot(f))))
		dec = append(dec, jen.Id("v").Dot(f).Op("=").Add(g.decode(e, jen.Id("d"))))
		parts = append(parts, jen.Id("v").Dot(f))
	}
	// typeID, not t.String(): the tuple types that differ only in int and
	// node parts share this struct.
	g.f.Commentf("%s is the tuple type %s (a part int may be a node).", k, strings.ReplaceAll(typeID(t), ",", ", "))
	g.f.Type().Id(k).Struct(fields...)
	if spec.IsOrdered(t) {
		var body []jen.Code
		for i, e := range t.Elems {
			a, b := jen.Id("a").Dot(partName(i)), jen.Id("b").Dot(partName(i))
			var c jen.Code
			if isTuple(e) {
				c = jen.Add(a).Dot("Compare").Call(b)
			} else {
				c = jen.Qual(rtPath, "CompareOrdered").Call(a, b)
			}
			if i == len(t.Elems)-1 {
				body = append(body, jen.Return(c))
			} else {
				body = append(body, jen.If(jen.Id("c").Op(":=").Add(c), jen.Id("c").Op("!=").Lit(0)).Block(jen.Return(jen.Id("c"))))
			}
		}
		g.f.Comment("Compare orders tuples lexicographically (runtime.Tuple).")
		g.f.Func().Params(jen.Id("a").Id(k)).Id("Compare").Params(jen.Id("b").Id(k)).Int().Block(body...)
	}
	g.f.Comment("MarshalJSON encodes the tuple as an array of its parts.")
	g.f.Func().Params(jen.Id("v").Id(k)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Qual(rtPath, "TupleJSON").Call(parts...)))
	g.f.Comment("MarshalText is the tuple as the spec writes it, as a JSON map key.")
	g.f.Func().Params(jen.Id("v").Id(k)).Id("MarshalText").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Index().Byte().Call(jen.Qual(rtPath, "Show").Call(jen.Id("v"))), jen.Nil()))
	g.f.Func().Id("enc"+k).Params(jen.Id("b").Index().Byte(), jen.Id("v").Id(k)).Index().Byte().Block(
		append(enc, jen.Return(jen.Id("b")))...)
	g.f.Func().Id("dec" + k).Params(decoderParam()).Id(k).Block(
		append(append([]jen.Code{jen.Var().Id("v").Id(k)}, dec...), jen.Return(jen.Id("v")))...)
}

// permTuple writes the body of the helper that renames the ranks in the
// given parts of a tuple.
func (g *generator) permTuple(t *spec.Tuple, parts spec.RankParts) []jen.Code {
	var body []jen.Code
	for i, e := range t.Elems {
		f := jen.Id("v").Dot(partName(i))
		if c := g.permValue(e, subParts(parts, strconv.Itoa(i)), f); c != nil {
			body = append(body, jen.Id("v").Dot(partName(i)).Op("=").Add(c))
		}
	}
	return append(body, jen.Return(jen.Id("v")))
}

// less compiles a < b (or another order op) of values of type t.
func less(t spec.Type, op string, a, b jen.Code) jen.Code {
	if isTuple(t) {
		return jen.Add(a).Dot("Compare").Call(b).Op(op).Lit(0)
	}
	return jen.Add(a).Op(op).Add(b)
}

// tupleLit compiles (a, b, …).
func (c *fnCtx) tupleLit(e *parser.TupleLit) jen.Code {
	parts := make([]jen.Code, len(e.Elems))
	for i, x := range e.Elems {
		parts[i] = c.expr(x)
	}
	// In parentheses: a composite literal in the head of a Go if or for
	// must be, and (3, 4) < t needs none in the spec.
	return jen.Parens(jen.Add(c.g.goType(c.typeOf(e))).Values(parts...))
}

// extremum compiles min_by/max_by to a function literal called in place:
// a loop over the collection keeping the first element with the least
// (greatest) key, and a fault when there is none.
func (c *fnCtx) extremum(e *parser.Extremum) jen.Code {
	sym := c.g.info.Defs[e.Var]
	if c.keep == nil {
		c.keep = map[*spec.Symbol]bool{}
	}
	c.keep[sym] = true // the loop binds the element even if the key ignores it
	elemT, keyT := c.typeOf(e), c.typeOf(e.Key)
	best, bestKey, found, key := c.tmp(), c.tmp(), c.tmp(), c.tmp()
	op := "<"
	if e.Kind == "max_by" {
		op = ">"
	}
	loop := c.loop(e.Range, loopVar{id: e.Var}, loopVar{}, func() []jen.Code {
		return []jen.Code{
			jen.Var().Id(key).Add(c.g.goType(keyT)).Op("=").Add(c.expr(e.Key)), // typed: the key may be a constant
			jen.If(jen.Op("!").Id(found).Op("||").Add(less(keyT, op, jen.Id(key), jen.Id(bestKey)))).Block(
				jen.List(jen.Id(best), jen.Id(bestKey), jen.Id(found)).Op("=").List(jen.Id(c.locals[sym]), jen.Id(key), jen.True()),
			),
		}
	})
	return jen.Func().Params().Add(c.g.goType(elemT)).Block(
		jen.Var().Id(best).Add(c.g.goType(elemT)),
		jen.Var().Id(bestKey).Add(c.g.goType(keyT)),
		jen.Var().Id(found).Bool(),
		loop,
		// The fault is reported at min_by's own line, which the loop's
		// lines in Go have left behind.
		jen.If(jen.Op("!").Id(found)).Block(c.lineDirective(e), jen.Qual(rtPath, "EmptyExtremum").Call(jen.Lit(parser.ShortExprString(e)))),
		jen.Return(jen.Id(best)),
	).Call()
}

// sortedCall compiles sorted(c): a new list.
func (c *fnCtx) sortedCall(e *parser.Call) jen.Code {
	switch t := c.typeOf(e.Args[0]).(type) {
	case *spec.Set:
		return jen.Add(c.operand(e.Args[0], precAtom)).Dot("Sorted").Call()
	case *spec.List:
		return jen.Add(ordered("SortedCopy", t.Elem)).Call(c.expr(e.Args[0]))
	}
	return c.fail(e, "cannot sort %s", c.typeOf(e.Args[0]))
}

// dataStmt compiles the statements remove(x) of a list, remove_at(i),
// sort() and clear(); ok is false for any other call.
func (c *fnCtx) dataStmt(e *parser.Call, recv parser.Expr, b spec.Builtin) (code []jen.Code, ok bool) {
	lt, isList := c.typeOf(recv).(*spec.List)
	switch {
	case b == spec.MethodClear:
		return c.store(recv, jen.Nil()), true
	case !isList:
		return nil, false
	case b == spec.MethodRemoveAt:
		return c.store(recv, jen.Qual(rtPath, "RemoveAt").Call(c.expr(recv), c.expr(e.Args[0]))), true
	case b == spec.MethodSort:
		if isTuple(lt.Elem) {
			return []jen.Code{jen.Qual("slices", "SortFunc").Call(c.expr(recv), jen.Id(c.g.typeKey(lt.Elem)).Dot("Compare"))}, true
		}
		return []jen.Code{jen.Qual("slices", "Sort").Call(c.expr(recv))}, true
	case b == spec.MethodRemove:
		if goComparable(lt.Elem) {
			return c.store(recv, jen.Qual(rtPath, "RemoveFirst").Call(c.expr(recv), c.expr(e.Args[0]))), true
		}
		x, y := c.tmp(), c.tmp()
		eq := jen.Func().Params(jen.Id(y).Add(c.g.goType(lt.Elem))).Bool().Block(
			jen.Return(c.g.equal(lt.Elem, jen.Id(y), jen.Id(x))))
		return append([]jen.Code{jen.Id(x).Op(":=").Add(c.expr(e.Args[0]))},
			c.store(recv, jen.Qual(rtPath, "RemoveFirstFunc").Call(c.expr(recv), eq))...), true
	}
	return nil, false
}

// destructure compiles `let (a, b) = t`: the tuple into a temporary, then a
// local per part.
func (c *fnCtx) destructure(s *parser.LetStmt) []jen.Code {
	t := c.tmp()
	code := []jen.Code{jen.Id(t).Op(":=").Add(c.expr(s.Value))}
	used := false
	for i, p := range s.Parts {
		sym := c.g.info.Defs[p]
		if sym == nil {
			return []jen.Code{c.fail(s, "unchecked let")}
		}
		name := c.bind(p)
		if name == "_" {
			continue
		}
		used = true
		code = append(code, jen.Var().Id(name).Add(c.g.goType(sym.Type)).Op("=").Id(t).Dot(partName(i)))
		if c.g.onlyAssigned(sym) {
			code = append(code, jen.Id("_").Op("=").Id(name))
		}
	}
	if !used {
		code = append(code, jen.Id("_").Op("=").Id(t))
	}
	return code
}
