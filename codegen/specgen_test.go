package codegen_test

import (
	"fmt"
	"math/rand"
	"strings"
)

// specGen writes random specs that are well-typed by construction (most
// pass the checker): records, messages and processes with variables of
// nested collection and record types, handlers whose statements and
// expressions use them, and properties. Names come from pools that mix
// ordinary names with the tricky ones that collide in generated Go; int
// literals are sometimes tricky constants.
type specGen struct {
	r       *rand.Rand
	b       strings.Builder
	records []*genRecord // records first, then messages
	nrec    int          // how many of records are plain records
	params  []string     // int params
	shared  []string     // shared counters
	funcs   []string     // top-level functions of two ints to an int
	globals map[string]bool
	// in scope while writing a handler
	vars     []genVar
	locals   int
	property bool // writing a property: no self
}

type genRecord struct {
	name   string
	fields []genVar
}

type genVar struct {
	name string
	typ  string // as written in the spec
	ro   bool   // the message or sender of a handler, a loop variable
}

var (
	upperNames = strings.Fields(`Start TimerX ListInt SetInt MapIntInt ListListInt M M2 M_2 MX M_x
		Kind String Encode Clone Env World Descriptor Params Été Π X EncInt Int Bool A_b AB Ab
		Promise Entry Handle Fire Restart Recover TypeName PermuteRanks Process`)
	lowerNames = strings.Fields(`x y a_b aB kind encode len cap func go range select st ctx why
		w m v k out tmp1 property0 explain0 env world check init main string int64 any nil error
		make new été π x_ fmt runtime wire time slices e b d msg perm`)
)

func (g *specGen) n(k int) int { return g.r.Intn(k) }

func (g *specGen) pick(pool []string) string { return pool[g.n(len(pool))] }

// fresh returns a name from pool that is not in taken, or a made-up one.
func (g *specGen) fresh(pool []string, taken map[string]bool, fallback string) string {
	for range 5 {
		if name := g.pick(pool); !taken[name] {
			taken[name] = true
			return name
		}
	}
	for i := 0; ; i++ {
		if name := fmt.Sprintf("%s%d", fallback, i); !taken[name] {
			taken[name] = true
			return name
		}
	}
}

func (g *specGen) printf(format string, args ...any) { fmt.Fprintf(&g.b, format, args...) }

// typ returns a random type; records only from the first maxRec records.
func (g *specGen) typ(depth, maxRec int) string {
	k := g.n(10)
	if depth <= 0 {
		k = g.n(4)
	}
	switch {
	case k == 0:
		return "int"
	case k == 1:
		return "bool"
	case k == 2:
		return "string"
	case k == 3:
		return "node"
	case k == 4 || k == 5:
		return "list<" + g.typ(depth-1, maxRec) + ">"
	case k == 6:
		return "set<" + g.pick(orderedTypes[:3]) + ">"
	case k == 7:
		return "map<" + g.pick(orderedTypes) + ", " + g.typ(depth-1, maxRec) + ">"
	case k == 8 && g.n(2) == 0:
		return g.pick(tupleTypes)
	case k == 8:
		return "set<" + g.pick(orderedTypes) + ">"
	}
	if maxRec > 0 {
		return g.records[g.n(maxRec)].name
	}
	return "int"
}

// Tuple types, and the ordered types that sets and map keys take.
var (
	tupleTypes   = []string{"(int, node)", "(string, int)", "(int, (bool, string))", "(bool, node)"}
	orderedTypes = []string{"int", "string", "node", "(int, node)", "(string, int)"}
)

// parts splits a tuple type into its parts' types; nil for another type.
func parts(t string) []string {
	if !strings.HasPrefix(t, "(") {
		return nil
	}
	var out []string
	depth, start := 0, 1
	for i, c := range t {
		switch c {
		case '(', '<':
			depth++
		case ')', '>':
			depth--
		case ',':
			if depth == 1 {
				out = append(out, strings.TrimSpace(t[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(t[start:len(t)-1]))
}

func (g *specGen) record(name string) *genRecord {
	for _, r := range g.records {
		if r.name == name {
			return r
		}
	}
	return nil
}

// elem splits a collection type: its kind and type arguments.
func elem(t string) (kind, a, b string) {
	for _, k := range []string{"list", "set", "map"} {
		if inner, ok := strings.CutPrefix(t, k+"<"); ok {
			inner = strings.TrimSuffix(inner, ">")
			if k == "map" {
				depth := 0
				for i, c := range inner {
					switch c {
					case '<', '(':
						depth++
					case '>', ')':
						depth--
					case ',':
						if depth == 0 {
							return k, inner[:i], strings.TrimSpace(inner[i+1:])
						}
					}
				}
			}
			return k, inner, ""
		}
	}
	return "", "", ""
}

func (g *specGen) intLit() string {
	if g.n(40) == 0 {
		return g.pick(trickyConstants)
	}
	return fmt.Sprint(g.n(5))
}

// expr returns an expression of type t.
func (g *specGen) expr(t string, depth int) string {
	// A variable of that type, often.
	var same []string
	for _, v := range g.vars {
		if v.typ == t || (t == "int" && v.typ == "node") || (t == "node" && v.typ == "int") {
			same = append(same, v.name)
		}
	}
	if len(same) > 0 && g.n(3) == 0 {
		return g.pick(same)
	}
	switch t {
	case "int", "node":
		if depth <= 0 {
			return g.intLit()
		}
		switch g.n(11) {
		case 9:
			if len(g.funcs) > 0 {
				return g.pick(g.funcs) + "(" + g.expr("int", depth-1) + ", " + g.expr("int", depth-1) + ")"
			}
		case 10:
			return g.aggregate(depth)
		case 0:
			return g.expr(t, depth-1) + " " + g.pick([]string{"+", "-", "*", "/", "%"}) + " " + g.expr(t, depth-1)
		case 1:
			return g.pick([]string{"min", "max"}) + "(" + g.expr(t, depth-1) + ", " + g.expr(t, depth-1) + ")"
		case 2:
			if !g.property {
				return "self"
			}
		case 3:
			if len(g.params) > 0 {
				return g.pick(g.params)
			}
			return "n"
		case 4:
			if c := g.collection(depth); c != "" {
				return c + ".size()"
			}
		case 5:
			if v := g.varOf("list<int>", "list<node>"); v != "" {
				return v + "[" + g.intLit() + "]"
			}
		case 6:
			return "abs(" + g.expr("int", depth-1) + ")"
		case 8:
			if v := g.varOf(tupleTypes...); v != "" && parts(g.typeOf(v))[0] == "int" {
				return v + ".0"
			}
			if v := g.varOf("list<int>", "set<int>", "set<(int, node)>"); v != "" {
				key := "x9"
				if strings.HasSuffix(g.typeOf(v), ")>") {
					key = "x9.1"
				}
				e := g.pick([]string{"min_by", "max_by"}) + "(x9 in " + v + ": " + key + ")"
				if strings.HasSuffix(g.typeOf(v), ")>") {
					return e + ".0"
				}
				return e
			}
		case 7:
			if len(g.shared) > 0 && !g.property {
				c := g.pick(g.shared)
				if g.n(2) == 0 {
					return c + ".read()"
				}
				return c + ".fetch_add(" + g.intLit() + ")"
			}
		}
		return g.intLit()
	case "bool":
		if depth <= 0 {
			return g.pick([]string{"true", "false"})
		}
		switch g.n(6) {
		case 0:
			u := g.typ(1, g.nrec)
			if a, b := g.expr(u, depth-1), g.expr(u, depth-1); a != "" && b != "" && !(a == "{}" && b == "{}") {
				return "(" + a + ") == (" + b + ")"
			}
		case 1:
			if g.n(3) == 0 {
				return g.expr("(int, node)", depth-1) + " < " + g.expr("(int, node)", depth-1)
			}
			return g.expr("int", depth-1) + " < " + g.expr("int", depth-1)
		case 2:
			return "not (" + g.expr("bool", depth-1) + ")"
		case 3:
			return "(" + g.expr("bool", depth-1) + ") " + g.pick([]string{"and", "or", "implies"}) + " (" + g.expr("bool", depth-1) + ")"
		case 4:
			if v := g.varOf("list<int>", "set<int>"); v != "" {
				return g.expr("int", depth-1) + " in " + v
			}
		case 5:
			if v := g.varOf("list<int>", "set<int>", "list<node>", "set<node>"); v != "" {
				q := g.quantName("q9")
				saved := g.vars
				g.vars = append(append([]genVar(nil), g.vars...), genVar{q, "int", true})
				body := g.expr("bool", depth-1)
				g.vars = saved
				return "(" + g.pick([]string{"forall", "exists"}) + " " + q + " in " + v + ": " + body + ")"
			}
		}
		return g.pick([]string{"true", "false"})
	case "string":
		if depth > 0 && g.n(3) == 0 {
			return g.expr("string", depth-1) + " + " + g.expr("string", depth-1)
		}
		return fmt.Sprintf("%q", g.pick([]string{"", "a", "Start"}))
	}
	switch kind, a, _ := elem(t); kind {
	case "list":
		if e := g.expr(a, depth-1); e != "" {
			return "[" + e + "]"
		}
		return ""
	case "set", "map":
		if g.n(3) == 0 {
			return "{}" // typed by its context
		}
		return "" // no other literals: only variables
	}
	if ps := parts(t); ps != nil {
		var vals []string
		for _, p := range ps {
			v := g.expr(p, depth-1)
			if v == "" {
				return ""
			}
			vals = append(vals, v)
		}
		return "(" + strings.Join(vals, ", ") + ")"
	}
	if r := g.record(t); r != nil {
		var vals []string
		for _, f := range r.fields {
			v := g.expr(f.typ, depth-1)
			if v == "" {
				return ""
			}
			vals = append(vals, v)
		}
		return r.name + "{" + strings.Join(vals, ", ") + "}"
	}
	return ""
}

// typeOf returns the type of the variable called name.
func (g *specGen) typeOf(name string) string {
	for _, v := range g.vars {
		if v.name == name {
			return v.typ
		}
	}
	return ""
}

// varOf returns a variable of one of the types, or "".
func (g *specGen) varOf(types ...string) string {
	var out []string
	for _, v := range g.vars {
		for _, t := range types {
			if v.typ == t {
				out = append(out, v.name)
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return g.pick(out)
}

// collection returns a variable holding a collection, or "".
func (g *specGen) collection(int) string {
	var out []string
	for _, v := range g.vars {
		if k, _, _ := elem(v.typ); k != "" {
			out = append(out, v.name)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return g.pick(out)
}

// stmt writes one statement over the variables in scope.
func (g *specGen) stmt(indent string, depth int) {
	var writable []genVar
	for _, v := range g.vars {
		if !v.ro {
			writable = append(writable, v)
		}
	}
	if len(writable) == 0 {
		return
	}
	v := writable[g.n(len(writable))]
	kind, a, b := elem(v.typ)
	switch g.n(7) {
	case 6:
		if v.typ == "int" && depth > 0 && !strings.HasPrefix(v.name, "self") {
			g.printf("%swhile %s < %s {\n%s  %s += 1\n", indent, v.name, g.intLit(), indent, v.name)
			saved := g.vars
			g.stmt(indent+"  ", depth-1)
			g.vars = saved
			g.printf("%s}\n", indent)
		}
	case 0, 1:
		if e := g.expr(v.typ, 2); e != "" && !strings.HasPrefix(v.name, "self") {
			g.printf("%s%s = %s\n", indent, v.name, e)
		}
	case 2:
		switch kind {
		case "list":
			e := g.expr(a, 2)
			switch {
			case e == "":
			case g.n(4) == 0:
				g.printf("%s%s.remove(%s)\n", indent, v.name, e)
			case g.n(4) == 0:
				g.printf("%s%s.remove_at(%s)\n", indent, v.name, g.intLit())
			case g.n(4) == 0 && (a == "int" || a == "string" || strings.HasPrefix(a, "(int, node")):
				g.printf("%s%s.sort()\n", indent, v.name)
			case g.n(6) == 0:
				g.printf("%s%s.clear()\n", indent, v.name)
			default:
				g.printf("%s%s.append(%s)\n", indent, v.name, e)
			}
		case "set":
			if e := g.expr(a, 2); e != "" {
				g.printf("%s%s.add(%s)\n", indent, v.name, e)
			}
		case "map":
			k, e := g.expr(a, 1), g.expr(b, 2)
			if k != "" && e != "" {
				g.printf("%s%s[%s] = %s\n", indent, v.name, k, e)
			}
		}
	case 3:
		if kind != "" && depth > 0 {
			g.locals++
			name := g.pick(lowerNames)
			taken := false
			for _, w := range g.vars {
				taken = taken || w.name == name
			}
			if taken || g.globals[name] {
				name = fmt.Sprintf("i%d", g.locals)
			}
			saved := g.vars
			g.vars = append([]genVar(nil), g.vars...)
			// A tuple is destructured half the time: the element's (or a
			// map's key's, or value's) parts, with _ for some.
			bound := name
			if ps := parts(a); ps != nil && g.n(2) == 0 {
				bound = g.destructure(fmt.Sprintf("d%d", g.locals), ps)
			} else {
				g.vars = append(g.vars, genVar{name, a, true})
			}
			if ps := parts(b); kind == "map" && ps != nil && g.n(2) == 0 {
				bound += ", " + g.destructure(fmt.Sprintf("e%d", g.locals), ps)
			}
			g.printf("%sfor %s in %s {\n", indent, bound, v.name)
			g.stmt(indent+"  ", depth-1)
			g.vars = saved
			g.printf("%s}\n", indent)
		}
	case 4:
		if depth > 0 {
			g.printf("%sif %s {\n", indent, g.expr("bool", 2))
			g.stmt(indent+"  ", depth-1)
			g.printf("%s}\n", indent)
		}
	case 5:
		g.locals++
		name := g.pick(lowerNames)
		for _, w := range g.vars {
			if w.name == name || g.globals[name] {
				name = fmt.Sprintf("l%d", g.locals)
			}
		}
		t := g.typ(1, g.nrec)
		if e := g.expr(t, 2); e != "" && e != "[]" {
			g.printf("%slet %s %s = %s\n", indent, name, t, e)
			g.vars = append(g.vars, genVar{name, t, false})
		}
	}
}

// destructure returns the pattern `(a, _, c)` binding the parts of a tuple
// of types ps to names made from stem (unique in the handler), which it
// puts in scope.
func (g *specGen) destructure(stem string, ps []string) string {
	names := make([]string, len(ps))
	for i, t := range ps {
		names[i] = "_"
		if g.n(4) != 0 {
			names[i] = fmt.Sprintf("%s_%d", stem, i)
			g.vars = append(g.vars, genVar{names[i], t, true})
		}
	}
	return "(" + strings.Join(names, ", ") + ")"
}

// spec returns one random spec.
func (g *specGen) spec() string {
	g.globals = map[string]bool{}
	taken := g.globals
	alg := "a"
	if g.n(10) == 0 {
		alg = g.pick(lowerNames)
	}
	g.printf("algorithm %s\n\n", alg)
	for range g.n(3) {
		p := g.fresh(lowerNames, taken, "p")
		g.printf("param %s int = %s\n", p, g.intLit())
		g.params = append(g.params, p)
	}
	for range g.n(2) {
		name := g.fresh(lowerNames, taken, "c")
		g.printf("shared counter %s = %s\n", name, g.intLit())
		g.shared = append(g.shared, name)
	}
	if g.n(2) == 0 {
		name := g.fresh(lowerNames, taken, "s")
		if g.n(2) == 0 {
			g.printf("param %s bool = %s\n", name, g.pick([]string{"true", "false", "1 / 1 == 1"}))
		} else {
			g.printf("param %s string = %s\n", name, g.pick([]string{"\"x\"", "\"\"", "\"a\" + \"b\""}))
		}
	}
	g.nrec = g.n(4)
	nmsg := 1 + g.n(3)
	for i := range g.nrec + nmsg {
		r := &genRecord{name: g.fresh(upperNames, taken, "R")}
		fields := map[string]bool{}
		for range g.n(4) {
			r.fields = append(r.fields, genVar{g.fresh(lowerNames, fields, "f"), g.typ(2, min(i, g.nrec)), false})
		}
		g.records = append(g.records, r)
		kw := "type"
		if i >= g.nrec {
			kw = "message"
		}
		var fs []string
		for _, f := range r.fields {
			fs = append(fs, f.name+" "+f.typ)
		}
		g.printf("%s %s { %s }\n", kw, r.name, strings.Join(fs, "; "))
	}
	g.genFuncs()
	nproc := 1 + g.n(2)
	type proc struct {
		name string
		vars []genVar
		fn   string // a function of the process, of one int, or ""
	}
	var procs []proc
	for i := range nproc {
		p := proc{name: g.fresh(upperNames, taken, "P")}
		place := "all"
		if nproc == 2 {
			place = []string{g.pick([]string{"0", "0 .. 0", "min(0, 1)", "(3 - 3)"}), "others"}[i]
		}
		g.printf("\nprocess %s on %s {\n", p.name, place)
		members := map[string]bool{}
		for range 1 + g.n(4) {
			v := genVar{g.fresh(lowerNames, members, "v"), g.typ(2, g.nrec), false}
			if g.globals[v.name] {
				continue
			}
			p.vars = append(p.vars, v)
			g.printf("  var %s %s\n", v.name, v.typ)
		}
		timers := map[string]bool{}
		var tnames []string
		for range g.n(3) {
			tnames = append(tnames, g.fresh(lowerNames, timers, "t"))
		}
		p.fn = g.genDef(p.vars, members)
		proc := g.genProc(p.vars, members)
		g.vars = p.vars
		g.printf("  on start {\n")
		if proc != "" {
			g.printf("    %s(%s)\n", proc, g.expr("int", 2))
		}
		for _, m := range g.records[g.nrec:] {
			var vals []string
			for _, f := range m.fields {
				vals = append(vals, g.expr(f.typ, 1))
			}
			if !strings.Contains(strings.Join(vals, "\x00"), "\x00\x00") && !hasEmpty(vals) {
				g.printf("    broadcast %s{%s} to all\n", m.name, strings.Join(vals, ", "))
			} else {
				g.printf("    broadcast %s{} to all\n", m.name)
			}
		}
		for _, t := range tnames {
			delay := g.pick([]string{"1ms", "5", "9223372036854", "1 + 2", "2s"})
			if g.n(20) == 0 {
				delay = "9223372036855"
			}
			g.printf("    timer %s after %s\n", t, delay)
		}
		for range g.n(4) {
			g.stmt("    ", 2)
		}
		g.printf("  }\n")
		for _, m := range g.records[g.nrec:] {
			count := 1 + g.n(2)
			for k := range count {
				g.vars = append([]genVar(nil), p.vars...)
				bind := g.pick(lowerNames)
				if g.globals[bind] || members[bind] {
					bind = "msg0"
				}
				from := g.pick(lowerNames)
				if g.globals[from] || members[from] || from == bind {
					from = "src0"
				}
				g.vars = append(g.vars, genVar{from, "node", true}, genVar{bind, m.name, true})
				for _, f := range m.fields {
					g.vars = append(g.vars, genVar{bind + "." + f.name, f.typ, true})
				}
				guard := ""
				if k == 0 && (count == 2 || g.n(2) == 0) {
					guard = " when " + g.expr("bool", 1)
				}
				g.printf("  on %s %s from %s%s {\n", m.name, bind, from, guard)
				for range g.n(4) {
					g.stmt("    ", 2)
				}
				g.printf("  }\n")
			}
		}
		for _, t := range tnames {
			g.vars = p.vars
			g.printf("  on timer %s {\n", t)
			for range g.n(3) {
				g.stmt("    ", 2)
			}
			g.printf("  }\n")
		}
		g.printf("}\n")
		procs = append(procs, p)
	}
	for i, p := range procs {
		g.vars = nil
		q := g.fresh(lowerNames, map[string]bool{}, "q")
		if g.globals[q] {
			q = "q0"
		}
		for _, v := range p.vars {
			g.vars = append(g.vars, genVar{q + "." + v.name, v.typ, true})
		}
		if p.fn != "" {
			// A call of the process's function on the process bound.
			g.vars = append(g.vars, genVar{q + "." + p.fn + "(" + g.intLit() + ")", "int", true})
		}
		g.property = true
		g.printf("\ninvariant inv%d: forall %s in %s: %s\n", i, q, p.name, g.expr("bool", 2))
		g.property = false
	}
	return g.b.String()
}

func hasEmpty(vals []string) bool {
	for _, v := range vals {
		if v == "" {
			return true
		}
	}
	return false
}

// genFuncs writes a few top-level functions of two ints, each over the
// ones before it (so never recursive).
func (g *specGen) genFuncs() {
	for range g.n(3) {
		name := g.fresh(lowerNames, g.globals, "f")
		g.vars = []genVar{{"a", "int", true}, {"b", "int", true}}
		g.property = true // no self, no shared counters: functions are pure
		if g.n(2) == 0 {
			g.printf("def %s(a int, b int) int = %s\n", name, g.expr("int", 2))
		} else {
			g.printf("def %s(a int, b int) int {\n  let r int = %s\n", name, g.expr("int", 2))
			g.vars = append(g.vars, genVar{"r", "int", false})
			for range g.n(3) {
				g.stmt("  ", 2)
			}
			g.printf("  return %s\n}\n", g.expr("int", 2))
		}
		g.property = false
		g.vars = nil
		g.funcs = append(g.funcs, name)
	}
}

// member names a new function or procedure of one int parameter of a
// process, the name from stem when the pool's are taken, and puts the
// parameter and the process's variables vars in scope.
func (g *specGen) member(vars []genVar, members map[string]bool, stem string) (name, arg string) {
	taken := map[string]bool{}
	for name := range members {
		taken[name] = true
	}
	for name := range g.globals {
		taken[name] = true
	}
	name = g.fresh(lowerNames, taken, stem)
	arg = g.fresh(lowerNames, taken, "arg")
	members[name] = true
	g.vars = append(append([]genVar(nil), vars...), genVar{arg, "int", true})
	return name, arg
}

// genDef writes, half the time, a function of the process of one int
// parameter over the process's variables vars, which properties call on a
// process, and returns its name ("" for none).
func (g *specGen) genDef(vars []genVar, members map[string]bool) string {
	if g.n(2) == 0 {
		return ""
	}
	name, arg := g.member(vars, members, "fn")
	g.property = true // no shared counters: functions are pure
	g.printf("  def %s(%s int) int = %s\n", name, arg, g.expr("int", 2))
	g.property = false
	return name
}

// genProc writes, half the time, a procedure of one int parameter over the
// process's variables vars, and returns its name ("" for none).
func (g *specGen) genProc(vars []genVar, members map[string]bool) string {
	if g.n(2) == 0 {
		return ""
	}
	name, arg := g.member(vars, members, "pr")
	g.printf("  proc %s(%s int) {\n", name, arg)
	for range 1 + g.n(3) {
		g.stmt("    ", 2)
	}
	g.printf("  }\n")
	return name
}

// aggregate returns a count or sum over a collection variable or a range.
func (g *specGen) aggregate(depth int) string {
	coll := g.varOf("list<int>", "set<int>", "list<node>", "set<node>")
	if coll == "" {
		coll = g.intLit() + " .. " + g.intLit()
	}
	q := g.quantName("q8")
	saved := g.vars
	g.vars = append(append([]genVar(nil), g.vars...), genVar{q, "int", true})
	defer func() { g.vars = saved }()
	if g.n(2) == 0 {
		return "(count " + q + " in " + coll + ": " + g.expr("bool", depth-1) + ")"
	}
	return "(sum " + q + " in " + coll + ": " + g.expr("int", depth-1) + ")"
}

// quantName returns a name for a quantified variable: a tricky one, or
// fallback when that one is taken.
func (g *specGen) quantName(fallback string) string {
	q := g.pick(lowerNames)
	for _, w := range g.vars {
		if w.name == q || g.globals[q] {
			q = fallback
		}
	}
	return q
}
