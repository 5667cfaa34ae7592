package spec

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// Composition. A file imports another as a component,
//
//	import fd "failure_detector.dsa" (timeout = 4)
//
// and the checker sees one algorithm: the component is expanded into the
// importing file before it is checked, so the checker and the generator
// see the same flat spec and can never disagree about it. The expansion:
//
//   - The component must check on its own, and have one process type,
//     placed on all. One process type of the importer, its host (hosts.go),
//     absorbs the component's: its state variables, timers and handlers,
//     renamed fd.name. Every other name the component declares
//     (params, types, messages, shared counters, outputs, properties,
//     locals) is renamed fd.name too. A .dsa file declares no dotted
//     name, so the component's names never meet the importer's; it
//     writes one only to name a component's type (fd.Entry, checked by
//     typeNames) or event.
//   - The component's start handler runs before the importer's, in the
//     same atomic step; so does its recover handler (or, when one of them
//     declares on recover and the other does not, the other's start).
//   - `output ev(args)` of the component is an event of the importer: it
//     stays an output (named fd.ev) and, when the importer declares
//     `on fd.ev(x) [when g] { body }`, the body runs right there, inside
//     the component's handler, as part of the same atomic step (events.go).
//   - In the importer, fd.x names the component's state variable or
//     parameter x; the importer may read a variable but not change it. In
//     properties, p.fd.x is x of the process p. A nested component's are
//     b.c.x and p.b.c.x: b's own names for them are c.x.
//   - The component's properties are the importer's, named fd.name.
//   - The component's parameters are the importer's, named fd.name (so
//     `--param fd.timeout=5` sets one); the import's arguments replace
//     their defaults, with expressions of the importing file.

// ReadFile reads an imported file, by the path joined from the importing
// file's directory and the import's path.
type ReadFile func(path string) ([]byte, error)

// loader expands imports, recursively, and remembers what it read.
type loader struct {
	read  ReadFile
	stack []string        // the files being expanded, importing first
	files map[string]bool // every imported file, for positions in errors
	errs  source.ErrorList
	// tails maps an output that handlers were inlined at (events.go) to
	// the block it opens, where an outer importer's handlers go.
	tails map[*parser.OutputStmt]*parser.Block
}

func newLoader(read ReadFile) *loader {
	return &loader{read: read, files: map[string]bool{}, tails: map[*parser.OutputStmt]*parser.Block{}}
}

// errorf records an error at the position of a node; the node's own file
// name is kept, so an error points into the file it is in.
func (l *loader) errorf(n parser.Node, format string, args ...any) {
	l.errs.Add(n.Position(), format, args...)
}

// expand returns file with its imports expanded, or nil after errors.
// file belongs to the loader: it is changed in place.
func (l *loader) expand(file *parser.File, filename string) *parser.File {
	if file == nil {
		return file
	}
	var imports []*parser.ImportDecl
	for _, d := range file.Decls {
		if d, ok := d.(*parser.ImportDecl); ok && d != nil {
			imports = append(imports, d)
		}
	}
	if len(imports) == 0 {
		l.strayEvents(file, nil)
		l.typeNames(file, nil)
		if len(l.errs) > 0 {
			return nil
		}
		return file
	}
	x := &expansion{l: l, file: file, filename: filename}
	return x.run(imports)
}

// strayEvents reports handlers of events of components that are not
// imported.
func (l *loader) strayEvents(file *parser.File, imported map[string]bool) {
	parser.Inspect(file, func(n parser.Node) bool {
		if e, ok := n.(*parser.Event); ok && e.Component != nil && e.Message != nil {
			switch {
			case !imported[e.Message.Name]:
				l.errorf(e.Message, "no component %s is imported (import %s \"file.dsa\")", e.Message.Name, e.Message.Name)
			case e.Binding != nil:
				l.errorf(e.Binding, "a component's event binds its values in parentheses: %s.%s(x)", e.Message.Name, e.Component.Event.Name)
			case e.From != nil:
				l.errorf(e.From, "a component's event has no sender")
			}
		}
		return true
	})
}

// typeNames checks the names of components' types in file, fd.Entry and
// b.c.Entry (in types and composite literals): the component must be
// imported and declare the type. That the importer does not send the
// component's messages is the checker's (sendable).
func (l *loader) typeNames(file *parser.File, comps map[string]*component) {
	check := func(id *parser.Ident) {
		if id == nil {
			return
		}
		alias, rest, ok := strings.Cut(id.Name, ".")
		if !ok {
			return
		}
		switch c := comps[alias]; {
		case c == nil:
			l.errorf(id, "no component %s is imported (import %s \"file.dsa\")", alias, alias)
		case !c.types[rest]:
			l.errorf(id, "component %s has no type %s%s", alias, rest, typeList(c, rest))
		}
	}
	for _, d := range file.Decls {
		if _, ok := d.(*parser.ImportDecl); ok {
			continue
		}
		parser.Inspect(d, func(n parser.Node) bool {
			switch n := n.(type) {
			case *parser.TypeExpr:
				check(n.Name)
			case *parser.Composite:
				check(n.Type)
			}
			return true
		})
	}
}

func typeList(c *component, name string) string {
	if len(c.types) == 0 {
		return " (it declares none)"
	}
	if s := suggestion(name, sortedKeys(c.types)); s != "" {
		return s
	}
	return " (its types: " + strings.Join(sortedKeys(c.types), ", ") + ")"
}

// component is an imported file, checked and renamed, ready to merge.
type component struct {
	decl     *parser.ImportDecl
	alias    string
	file     *parser.File
	proc     *parser.ProcessDecl
	host     *parser.ProcessDecl          // the importer's process type that runs it (hosts.go)
	params   map[string]*parser.ParamDecl // by the component's own names
	vars     map[string]bool              // state variables, by own names
	funcs    map[string]bool              // pure functions (def) of its process, by own names
	outputs  map[string][]*parser.OutputStmt
	types    map[string]bool // records and messages, by own names
	messages map[string]bool // messages, by own names
}

// expansion merges the components of one importing file.
type expansion struct {
	l        *loader
	file     *parser.File
	filename string
	procs    []*parser.ProcessDecl // the importer's process types
	comps    []*component
	byAlias  map[string]*component
	pending  map[*parser.Selector]*component // see qualified
	in       *parser.ProcessDecl             // the process type being rewritten, if any
}

func (x *expansion) run(imports []*parser.ImportDecl) *parser.File {
	l := x.l
	nerr := len(l.errs)
	x.byAlias = map[string]*component{}
	names := declaredNames(x.file)
	for _, d := range imports {
		if d.Name == nil || d.Path == nil {
			continue
		}
		if prev, ok := x.byAlias[d.Name.Name]; ok {
			l.errorf(d.Name, "component %s imported twice (previous import at %s)", d.Name.Name, at(prev.decl.Name.Position()))
			continue
		}
		if prev, ok := names[d.Name.Name]; ok {
			l.errorf(d.Name, "component name %s clashes with the name declared at %s", d.Name.Name, at(prev))
			continue
		}
		if c := x.load(d); c != nil {
			x.comps = append(x.comps, c)
			x.byAlias[c.alias] = c
		}
	}
	imported := map[string]bool{}
	for _, d := range imports {
		if d.Name != nil {
			imported[d.Name.Name] = true
		}
	}
	l.strayEvents(x.file, imported)
	l.typeNames(x.file, x.byAlias)
	if !x.hosts() || len(l.errs) > nerr {
		return nil
	}
	x.rewriteImporter()
	if len(l.errs) > nerr {
		return nil
	}
	x.merge()
	if len(l.errs) > nerr {
		return nil
	}
	return x.file
}

// declaredNames maps every name the file declares (top-level declarations,
// state variables, fields, locals) to where, for clashes with the names
// of components.
func declaredNames(file *parser.File) map[string]source.Pos {
	names := map[string]source.Pos{}
	add := func(id *parser.Ident) {
		if id != nil {
			if _, ok := names[id.Name]; !ok {
				names[id.Name] = id.Position()
			}
		}
	}
	parser.Inspect(file, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.ParamDecl:
			add(n.Name)
		case *parser.SharedDecl:
			add(n.Name)
		case *parser.TypeDecl:
			add(n.Name)
		case *parser.MessageDecl:
			add(n.Name)
		case *parser.Field:
			add(n.Name)
		case *parser.ProcessDecl:
			add(n.Name)
		case *parser.VarDecl:
			add(n.Name)
		case *parser.LetStmt:
			add(n.Name)
			for _, p := range n.Parts {
				add(p)
			}
		case *parser.ForStmt:
			add(n.Key)
			add(n.Value)
		case *parser.TuplePattern:
			for _, p := range n.Parts {
				add(p)
			}
		case *parser.Quantifier:
			for _, v := range n.Names() {
				add(v)
			}
		case *parser.Event:
			add(n.Binding)
			add(n.From)
			if n.Component != nil {
				for _, p := range n.Component.Params {
					add(p)
				}
			}
		}
		return true
	})
	return names
}

// load reads, parses, checks and renames the component of one import.
func (x *expansion) load(d *parser.ImportDecl) *component {
	l := x.l
	rel := d.Path.Value()
	if rel == "" {
		l.errorf(d.Path, "import path must name a file")
		return nil
	}
	file := rel
	if !path.IsAbs(rel) {
		file = path.Join(path.Dir(x.filename), rel)
	}
	if i := slices.Index(l.stack, file); i >= 0 || file == path.Clean(x.filename) {
		chain := []string{x.filename, file}
		if i >= 0 {
			chain = append(append([]string{}, l.stack[i:]...), chain...)
		}
		l.errorf(d.Path, "import cycle: %s", strings.Join(chain, " imports "))
		return nil
	}
	src, err := l.read(file)
	if err != nil {
		l.errorf(d.Path, "cannot read component %s: %v", file, err)
		return nil
	}
	l.files[file] = true
	syntax, err := parser.Parse(file, src)
	if err != nil {
		l.errs = append(l.errs, err.(source.ErrorList)...)
		return nil
	}
	l.stack = append(l.stack, path.Clean(x.filename))
	alg, errs := checkWith(syntax, file, l)
	l.stack = l.stack[:len(l.stack)-1]
	if len(errs) > 0 {
		l.errs = append(l.errs, errs...)
		return nil
	}
	flat := alg.Syntax
	var procs []*parser.ProcessDecl
	for _, d := range flat.Decls {
		if p, ok := d.(*parser.ProcessDecl); ok {
			procs = append(procs, p)
		}
	}
	switch {
	case len(procs) != 1:
		l.errorf(d.Path, "a component must have one process type, placed on all: %s has %d", file, len(procs))
		return nil
	case procs[0].Placement == nil || !procs[0].Placement.All:
		l.errorf(d.Path, "a component must have one process type, placed on all: %s's %s is not", file, procs[0].Name.Name)
		return nil
	}
	c := &component{decl: d, alias: d.Name.Name, file: flat, proc: procs[0],
		params: map[string]*parser.ParamDecl{}, vars: map[string]bool{}, funcs: map[string]bool{}, outputs: map[string][]*parser.OutputStmt{}}
	c.types, c.messages = map[string]bool{}, map[string]bool{}
	for _, decl := range flat.Decls {
		switch decl := decl.(type) {
		case *parser.ParamDecl:
			c.params[decl.Name.Name] = decl
		case *parser.TypeDecl:
			c.types[decl.Name.Name] = true
		case *parser.MessageDecl:
			c.types[decl.Name.Name] = true
			c.messages[decl.Name.Name] = true
		}
	}
	for _, m := range c.proc.Members {
		switch m := m.(type) {
		case *parser.VarDecl:
			c.vars[m.Name.Name] = true
		case *parser.FuncDecl:
			c.funcs[m.Name.Name] = true
		}
	}
	parser.Inspect(flat, func(n parser.Node) bool {
		if o, ok := n.(*parser.OutputStmt); ok {
			c.outputs[o.Name.Name] = append(c.outputs[o.Name.Name], o)
		}
		return true
	})
	return c
}

// rewriteImporter turns the importer's fd.x into the component's renamed
// names, and rejects changes to a component's state.
func (x *expansion) rewriteImporter() {
	x.pending = map[*parser.Selector]*component{}
	defer x.strayComponents()
	for _, d := range x.file.Decls {
		if _, ok := d.(*parser.ImportDecl); ok {
			continue
		}
		x.in, _ = d.(*parser.ProcessDecl)
		mapExprs(d, x.qualified)
	}
	x.in = nil
	for _, c := range x.comps {
		for _, a := range c.decl.Args {
			mapExprs(a, x.qualified)
		}
	}
	parser.Inspect(x.file, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.AssignStmt:
			target := n.LHS
			if n.Op == "" {
				target = mutated(n.LHS)
			}
			if name := rootName(target); name != nil && strings.Contains(name.Name, ".") {
				x.l.errorf(name, "%s is the state of component %s: it can be read here but not changed",
					name.Name, name.Name[:strings.Index(name.Name, ".")])
			}
		}
		return true
	})
}

// qualified rewrites fd.x (a component's variable or parameter) to the
// name it has in the expanded spec, and p.fd.x in a property to p's x;
// likewise b.c.x and p.b.c.x, x of the component c that b imports. The
// expressions are rewritten innermost first, so b.c is seen before b.c.x:
// it is left as it is, and an error unless an outer selector takes it.
func (x *expansion) qualified(e parser.Expr) parser.Expr {
	sel, ok := e.(*parser.Selector)
	if !ok || sel.Name == nil {
		return nil
	}
	var segs []*parser.Ident // s1 … sn of base.s1.….sn
	base := parser.Expr(sel)
	for {
		s, ok := base.(*parser.Selector)
		if !ok || s.Name == nil {
			break
		}
		delete(x.pending, s)
		segs = append([]*parser.Ident{s.Name}, segs...)
		base = s.X
	}
	var c *component
	var inner parser.Expr // p of p.fd.x, nil for fd.x
	if n, ok := base.(*parser.Name); ok && x.byAlias[n.Name] != nil {
		c = x.byAlias[n.Name]
	} else if x.byAlias[segs[0].Name] != nil {
		c, inner, segs = x.byAlias[segs[0].Name], base, segs[1:]
	}
	if c == nil {
		return nil
	}
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = s.Name
	}
	rest := strings.Join(parts, ".")
	name := c.alias + "." + rest
	switch {
	case len(segs) == 0 || c.nests(rest):
		x.pending[sel] = c
		return nil
	case inner != nil && (c.vars[rest] || c.funcs[rest]):
		return &parser.Selector{Pos: sel.Pos, X: inner, Name: &parser.Ident{Pos: segs[0].Pos, Name: name}}
	case inner == nil && (c.vars[rest] || c.funcs[rest]) && x.in != nil && x.in != c.host:
		x.l.errorf(base, "%s is the state of component %s, which runs in %s, not in %s", name, c.alias, c.host.Name.Name, x.in.Name.Name)
		return nil
	case inner == nil && (c.vars[rest] || c.funcs[rest] || c.params[rest] != nil):
		return &parser.Name{Pos: base.(*parser.Name).Pos, Name: name}
	}
	x.l.errorf(segs[len(segs)-1], "component %s has no state variable, function or parameter %s", c.alias, rest)
	return nil
}

// nests reports whether prefix names a component nested in c (b of b.x
// among c's state variables and parameters).
func (c *component) nests(prefix string) bool {
	for name := range c.vars {
		if strings.HasPrefix(name, prefix+".") {
			return true
		}
	}
	for name := range c.params {
		if strings.HasPrefix(name, prefix+".") {
			return true
		}
	}
	return false
}

// strayComponents reports the selectors that name a component rather than
// its state: fd alone in p.fd, or b.c.
func (x *expansion) strayComponents() {
	var left []*parser.Selector
	for s := range x.pending {
		left = append(left, s)
	}
	slices.SortFunc(left, func(a, b *parser.Selector) int { return cmp.Compare(a.Pos.Offset, b.Pos.Offset) })
	for _, s := range left {
		x.l.errorf(s.Name, "%s is a component, not a value: name one of its state variables, as %s.x", s.Name.Name, s.Name.Name)
	}
}

// mutated is the receiver of a method call that changes it, x of x.add(v).
func mutated(e parser.Expr) parser.Expr {
	if call, ok := e.(*parser.Call); ok {
		if sel, ok := call.Fun.(*parser.Selector); ok && sel.Name != nil && mutatingMethod(sel.Name.Name) {
			return sel.X
		}
	}
	return nil
}

// mutatingMethod reports whether a method of that name changes its
// receiver. The expansion runs before types are known, so it asks the
// method tables (methods.go, tuples.go) about every kind of collection:
// a method added there is covered here. A shared counter's fetch_add and
// compare_and_swap change it too.
func mutatingMethod(name string) bool {
	switch Builtin(name) {
	case MethodFetchAdd, MethodCompareAndSwap:
		return true
	}
	for _, recv := range []Type{&List{Elem: TInt}, &Set{Elem: TInt}, &Map{Key: TInt, Value: TInt}} {
		if sig := LookupMethod(recv, name); sig != nil && sig.Mutates {
			return true
		}
	}
	return false
}

// rootName is the variable at the root of an assignment's target: x of
// x, x[i], x.f.
func rootName(e parser.Expr) *parser.Name {
	for {
		switch y := e.(type) {
		case *parser.Name:
			return y
		case *parser.Index:
			e = y.X
		case *parser.Selector:
			e = y.X
		case *parser.Paren:
			e = y.X
		default:
			return nil
		}
	}
}

// merge puts the components into the importing file.
func (x *expansion) merge() {
	var params, compDecls, props, rest []parser.Decl
	for _, d := range x.file.Decls {
		switch d.(type) {
		case *parser.ImportDecl:
		case *parser.ParamDecl:
			params = append(params, d)
		default:
			rest = append(rest, d)
		}
	}
	events := x.eventHandlers()
	for _, c := range x.comps {
		rename(c, c.host.Name.Name)
		x.place(c)
		x.setArgs(c)
		x.inlineEvents(c, events[c.alias])
		for _, d := range c.file.Decls {
			switch d := d.(type) {
			case *parser.ParamDecl:
				params = append(params, d)
			case *parser.PropertyDecl:
				props = append(props, d)
			case *parser.ProcessDecl:
			default:
				compDecls = append(compDecls, d)
			}
		}
	}
	for _, p := range x.procs {
		x.mergeProcess(p)
	}
	x.file.Decls = slices.Concat(params, compDecls, rest, props)
}

// setArgs gives the component's parameters the import's values.
func (x *expansion) setArgs(c *component) {
	seen := map[string]bool{}
	for _, a := range c.decl.Args {
		if a == nil || a.Name == nil {
			continue
		}
		p := c.params[a.Name.Name]
		switch {
		case p == nil:
			x.l.errorf(a.Name, "component %s has no parameter %s%s", c.alias, a.Name.Name, suggestion(a.Name.Name, sortedKeys(c.params)))
		case seen[a.Name.Name]:
			x.l.errorf(a.Name, "parameter %s set twice", a.Name.Name)
		default:
			p.Default = a.Value
		}
		seen[a.Name.Name] = true
	}
}

// mergeProcess gives one of the importer's process types the state and
// handlers of the components it runs.
func (x *expansion) mergeProcess(proc *parser.ProcessDecl) {
	var vars, handlers []parser.Member
	var compStarts, compRecovers []*parser.Handler
	for _, c := range x.comps {
		if c.host != proc {
			continue
		}
		rest, s, r := lifecycle(c.proc.Members)
		for _, m := range rest {
			if _, ok := m.(*parser.VarDecl); ok {
				vars = append(vars, m)
			} else {
				handlers = append(handlers, m)
			}
		}
		compStarts, compRecovers = append(compStarts, s), append(compRecovers, r)
	}
	if len(compStarts) == 0 {
		return
	}
	own, start, recover := lifecycle(proc.Members)
	var merged []parser.Member
	starts, recovers := append(compStarts, start), append(compRecovers, recover)
	if h := x.joinHandlers(starts, "start"); h != nil {
		merged = append(merged, h)
	}
	if slices.ContainsFunc(recovers, func(h *parser.Handler) bool { return h != nil }) {
		// A process without on recover runs on start when it comes back.
		parts := make([]*parser.Handler, len(recovers))
		for i, r := range recovers {
			parts[i] = cmp.Or(r, starts[i])
		}
		if h := x.joinHandlers(parts, "recover"); h != nil {
			merged = append(merged, h)
		}
	}
	proc.Members = slices.Concat(own, vars, merged, handlers)
}

// lifecycle takes a process's start and recover handlers out of its
// members.
func lifecycle(members []parser.Member) (rest []parser.Member, start, recover *parser.Handler) {
	for _, m := range members {
		h, ok := m.(*parser.Handler)
		switch {
		case ok && h.Event.Start:
			start = h
		case ok && h.Event.Recover:
			recover = h
		default:
			rest = append(rest, m)
		}
	}
	return rest, start, recover
}

// joinHandlers makes one handler of the given ones (nil ones skipped),
// run one after another in one step: a guarded one as `if guard { body }`.
func (x *expansion) joinHandlers(hs []*parser.Handler, event string) *parser.Handler {
	var live []*parser.Handler
	for _, h := range hs {
		if h != nil {
			live = append(live, x.l.cloneHandler(h))
		}
	}
	if len(live) == 0 {
		return nil
	}
	last := live[len(live)-1]
	var stmts []parser.Stmt
	for i, h := range live {
		if i < len(live)-1 {
			parser.Inspect(h.Body, func(n parser.Node) bool {
				if _, ok := n.(*parser.ReturnStmt); ok {
					x.l.errorf(n, "return in a component's %s handler would skip the importing process's; it is not supported", event)
				}
				return true
			})
		}
		if h.Guard != nil {
			stmts = append(stmts, &parser.IfStmt{Pos: h.Pos, Cond: h.Guard, Then: h.Body})
		} else {
			stmts = append(stmts, h.Body.Stmts...)
		}
	}
	ev := &parser.Event{Pos: last.Event.Pos, Start: event == "start", Recover: event == "recover"}
	return &parser.Handler{Pos: last.Pos, Event: ev, Body: &parser.Block{Pos: last.Body.Pos, Stmts: stmts, End: last.Body.End}}
}

// rename gives every name the component declares its qualified name,
// alias.name, and its process type's name the importer's.
func rename(c *component, importer string) {
	group := c.proc.Name.Name
	q := func(id *parser.Ident) {
		if id != nil && id.Name != blank {
			id.Name = c.alias + "." + id.Name
		}
	}
	qt := func(id *parser.Ident) {
		if id != nil && c.types[id.Name] {
			q(id)
		}
	}
	// The component's functions and procedures are renamed, and calls of
	// them; other calls are of built-ins.
	callees, funcs := map[*parser.Name]bool{}, map[string]bool{}
	parser.Inspect(c.file, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.FuncDecl:
			funcs[n.Name.Name] = true
		case *parser.ProcDecl:
			funcs[n.Name.Name] = true
		}
		if call, ok := n.(*parser.Call); ok {
			if name, ok := call.Fun.(*parser.Name); ok {
				callees[name] = true
			}
		}
		return true
	})
	// A property's quantified variables keep their names, so that it reads
	// as written (forall p in Node: p.fd.done): nothing else in it can
	// have the same name, since every other name in it is renamed.
	bound := map[string]bool{}
	visit := func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.Name:
			switch {
			case n.Name == group:
				n.Name = importer
			case callees[n] && funcs[n.Name]:
				n.Name = c.alias + "." + n.Name
			case n.Name == "self" || n.Name == "n" || n.Name == blank || callees[n] || bound[n.Name]:
			default:
				n.Name = c.alias + "." + n.Name
			}
		case *parser.ParamDecl:
			q(n.Name)
		case *parser.SharedDecl:
			q(n.Name)
		case *parser.TypeDecl:
			q(n.Name)
		case *parser.MessageDecl:
			q(n.Name)
		case *parser.VarDecl:
			q(n.Name)
		case *parser.PropertyDecl:
			q(n.Name)
		case *parser.Event:
			q(n.Timer)
			qt(n.Message)
			q(n.Binding)
			q(n.From)
		case *parser.LetStmt:
			q(n.Name)
			for _, p := range n.Parts {
				q(p)
			}
		case *parser.ForStmt:
			q(n.Key)
			q(n.Value)
		case *parser.TuplePattern:
			for _, p := range n.Parts {
				if !bound[p.Name] {
					q(p)
				}
			}
		case *parser.Quantifier:
			for _, v := range n.Vars {
				if v != nil && !bound[v.Name] {
					q(v)
				}
			}
		case *parser.TimerStmt:
			q(n.Name)
		case *parser.CancelStmt:
			q(n.Name)
		case *parser.OutputStmt:
			q(n.Name)
		case *parser.Composite:
			qt(n.Type)
		case *parser.FuncDecl:
			q(n.Name)
			for _, f := range n.Params {
				q(f.Name)
			}
		case *parser.ProcDecl:
			q(n.Name)
			for _, f := range n.Params {
				q(f.Name)
			}
		case *parser.TypeExpr:
			qt(n.Name)
		}
		return true
	}
	for _, d := range c.file.Decls {
		clear(bound)
		if p, ok := d.(*parser.PropertyDecl); ok {
			renameProcessFields(p, group, c, funcs)
			parser.Inspect(p.Expr, func(n parser.Node) bool {
				if q, ok := n.(*parser.Quantifier); ok {
					for _, v := range q.Names() {
						bound[v.Name] = true
					}
				}
				return true
			})
		}
		parser.Inspect(d, visit)
	}
}

// renameProcessFields renames, in a property of the component, p.x where p
// ranges over the component's process type and x is one of its state
// variables or functions (p.f() calls a function on p's state).
func renameProcessFields(p *parser.PropertyDecl, group string, c *component, funcs map[string]bool) {
	procVars := map[string]bool{}
	parser.Inspect(p, func(n parser.Node) bool {
		if q, ok := n.(*parser.Quantifier); ok {
			if g, ok := q.Range.(*parser.Name); ok && g.Name == group {
				for _, v := range q.Vars {
					if v != nil {
						procVars[v.Name] = true
					}
				}
			}
		}
		return true
	})
	parser.Inspect(p, func(n parser.Node) bool {
		if s, ok := n.(*parser.Selector); ok && s.Name != nil && (c.vars[s.Name.Name] || funcs[s.Name.Name]) {
			if x, ok := s.X.(*parser.Name); ok && procVars[x.Name] {
				s.Name.Name = c.alias + "." + s.Name.Name
			}
		}
		return true
	})
}
