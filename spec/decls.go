package spec

import (
	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// collect creates the objects of every top-level declaration first, so
// declarations may refer to each other regardless of their order.
func (c *checker) collect() {
	globals := map[string]source.Pos{} // params, types, messages and processes share one namespace
	props := map[string]source.Pos{}
	declare := func(id *parser.Ident, what string, upper bool) bool {
		pos := c.pos(id)
		if upper && !isUpper(id.Name) {
			c.errorf(pos, "%s name %s must start with an upper-case letter", what, id.Name)
		}
		if reserved[id.Name] || id.Name == blank {
			c.errorf(pos, "cannot declare %s: reserved name", id.Name)
			return false
		}
		if prev, ok := globals[id.Name]; ok {
			c.errorf(pos, "%s redeclared (previous declaration at %s)", id.Name, at(prev))
			return false
		}
		globals[id.Name] = pos
		return true
	}
	for _, d := range c.file.Decls {
		if isNil(d) {
			continue
		}
		switch d := d.(type) {
		case *parser.ParamDecl:
			if d.Name == nil {
				continue
			}
			p := &Param{Name: d.Name.Name, Type: TInvalid, Default: d.Default, Decl: d}
			sym := c.newSymbol(SymParam, p.Name, TInvalid)
			sym.Param = p
			c.info.Defs[d.Name] = sym
			c.params[p] = len(c.alg.Params)
			c.paramSyms = append(c.paramSyms, sym)
			c.alg.Params = append(c.alg.Params, p)
			if declare(d.Name, "param", false) {
				c.global.insert(sym, c.pos(d.Name))
			}
		case *parser.SharedDecl:
			if d.Name == nil || d.Kind == nil {
				continue
			}
			c.declareShared(d, declare)
		case *parser.TypeDecl:
			if d.Name == nil {
				continue
			}
			r := &Record{Name: d.Name.Name}
			c.recordDecls[r] = recordDecl{d.Name, d.Fields}
			c.alg.Records = append(c.alg.Records, r)
			if declare(d.Name, "type", true) {
				c.types[r.Name] = r
			}
		case *parser.MessageDecl:
			if d.Name == nil {
				continue
			}
			r := &Record{Name: d.Name.Name, Message: true, Kind: len(c.alg.Messages) + 1}
			c.recordDecls[r] = recordDecl{d.Name, d.Fields}
			c.alg.Messages = append(c.alg.Messages, r)
			if declare(d.Name, "message", true) {
				c.types[r.Name] = r
			}
		case *parser.ProcessDecl:
			if d.Name == nil {
				continue
			}
			p := &Process{Name: d.Name.Name, Index: len(c.alg.Processes), Decl: d}
			c.alg.Processes = append(c.alg.Processes, p)
			sym := c.newSymbol(SymGroup, p.Name, &Group{Process: p})
			sym.Process = p
			c.info.Defs[d.Name] = sym
			c.groups[p] = sym
			if declare(d.Name, "process", true) {
				c.procs[p.Name] = p
				c.global.insert(sym, c.pos(d.Name))
			}
		case *parser.FuncDecl:
			if d.Name == nil {
				continue
			}
			f := c.newFunction(d, nil)
			c.alg.Funcs = append(c.alg.Funcs, f)
			if declare(d.Name, "function", false) {
				c.global.insert(f.Symbol, c.pos(d.Name))
			}
		case *parser.PropertyDecl:
			if d.Name == nil {
				continue
			}
			pos := c.pos(d.Name)
			if prev, ok := props[d.Name.Name]; ok {
				c.errorf(pos, "%s redeclared (previous declaration at %s)", d.Name.Name, at(prev))
			} else {
				props[d.Name.Name] = pos
			}
			prop := &Property{Name: d.Name.Name, Eventually: d.Kind == "eventually", Expr: d.Expr, Decl: d}
			if !isNil(d.Expr) {
				prop.Text = parser.ExprString(d.Expr)
			}
			c.alg.Properties = append(c.alg.Properties, prop)
		}
	}
}

// recordDecl is the syntax of a record or message declaration.
type recordDecl struct {
	name   *parser.Ident
	fields []*parser.Field
}

// resolveRecords gives the records and messages their fields and rejects
// records that contain themselves.
func (c *checker) resolveRecords() {
	all := append(append([]*Record(nil), c.alg.Records...), c.alg.Messages...)
	for _, r := range all {
		d := c.recordDecls[r]
		seen := map[string]source.Pos{}
		for _, f := range d.fields {
			if f == nil || f.Name == nil {
				continue
			}
			pos := c.pos(f.Name)
			if prev, ok := seen[f.Name.Name]; ok {
				c.errorf(pos, "%s redeclared (previous declaration at %s)", f.Name.Name, at(prev))
				continue
			}
			seen[f.Name.Name] = pos
			r.Fields = append(r.Fields, &FieldInfo{Name: f.Name.Name, Type: c.resolveType(f.Type)})
		}
	}
	// A record that contains itself, directly or through other records,
	// would be infinitely large; through a collection it is fine.
	const (
		white = iota
		grey
		black
	)
	color := map[*Record]int{}
	reported := map[*Record]bool{}
	var visit func(r *Record)
	visit = func(r *Record) {
		color[r] = grey
		for _, f := range r.Fields {
			fr, ok := f.Type.(*Record)
			if !ok {
				continue
			}
			switch color[fr] {
			case white:
				visit(fr)
			case grey:
				if !reported[fr] {
					reported[fr] = true
					c.errorf(c.pos(c.recordDecls[fr].name), "invalid recursive type %s", fr.Name)
				}
			}
		}
		color[r] = black
	}
	for _, r := range all {
		if color[r] == white {
			visit(r)
		}
	}
}

// resolveType turns a written type into a Type, reporting unknown names
// and malformed arguments; it returns TInvalid for a type in error.
func (c *checker) resolveType(te *parser.TypeExpr) Type {
	if te != nil && te.Tuple {
		return c.resolveTuple(te)
	}
	if te == nil || te.Name == nil {
		return TInvalid
	}
	name := te.Name.Name
	pos := c.pos(te)
	args := make([]Type, len(te.Args))
	for i, a := range te.Args {
		args[i] = c.resolveType(a)
	}
	arity := func(want int) bool {
		if len(args) == want {
			return true
		}
		switch {
		case want == 0:
			c.errorf(pos, "type %s takes no type arguments", name)
		case want == 1:
			c.errorf(pos, "type %s needs 1 type argument, got %d", name, len(args))
		default:
			c.errorf(pos, "type %s needs %d type arguments, got %d", name, want, len(args))
		}
		return false
	}
	ordered := func(t Type, what string) bool {
		if t == TInvalid || IsOrdered(t) {
			return true
		}
		c.errorf(pos, "invalid %s type %s (want %s)", what, t, orderedNames)
		return false
	}
	switch name {
	case "int", "bool", "string", "node":
		if !arity(0) {
			return TInvalid
		}
		return map[string]Type{"int": TInt, "bool": TBool, "string": TString, "node": TNode}[name]
	case "list":
		if !arity(1) || args[0] == TInvalid {
			return TInvalid
		}
		return &List{Elem: args[0]}
	case "set":
		if !arity(1) || args[0] == TInvalid || !ordered(args[0], "set element") {
			return TInvalid
		}
		return &Set{Elem: args[0]}
	case "map":
		if !arity(2) || args[0] == TInvalid || args[1] == TInvalid || !ordered(args[0], "map key") {
			return TInvalid
		}
		return &Map{Key: args[0], Value: args[1]}
	}
	if r, ok := c.types[name]; ok {
		if !arity(0) {
			return TInvalid
		}
		return r
	}
	if _, ok := c.procs[name]; ok {
		c.errorf(pos, "%s is a process, not a type", name)
		return TInvalid
	}
	cands := []string{"int", "bool", "string", "node", "list", "set", "map"}
	for n := range c.types {
		cands = append(cands, n)
	}
	c.errorf(pos, "undefined type: %s%s", name, suggestion(name, sortStrings(cands)))
	return TInvalid
}

// checkParams resolves parameter types and checks their defaults: constant
// expressions over literals, n and earlier parameters.
func (c *checker) checkParams() {
	for i, p := range c.alg.Params {
		t := c.resolveType(p.Decl.Type)
		if t != TInvalid && t != TInt && t != TBool && t != TString {
			c.errorf(c.pos(p.Decl.Type), "invalid type %s for param %s (want int, bool or string)", t, p.Name)
			t = TInvalid
		}
		p.Type = t
		c.paramSyms[i].Type = t
		if !isNil(p.Default) {
			c.ctx = context{mode: modeConst, where: "param default", params: i, scope: c.global}
			dt := c.value(p.Default, t)
			c.assignable(p.Default, dt, t, "param default")
		}
	}
	c.ctx = context{}
}
