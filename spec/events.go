package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dsac-lang/dsac/parser"
)

// A component's events. Each `output ev(args)` of a component is an event
// of the importer, handled by `on fd.ev(x) [when g] { body }` right at the
// output, inside the component's handler and its atomic step. The
// handlers of one event behave as those of one message type: they are
// tried in source order and the first whose guard holds runs; one after a
// handler without a guard is unreachable. The expansion replaces the
// output by
//
//	if true {
//	  let t0 = arg0 …
//	  output fd.ev(t0, …)
//	  if g1 { let x = t0 …; body1 } else if g2 { … } …
//	}
//
// where t0 is the name every handler gives the value, or fd.ev.0 (a name
// no .dsa file can write) when they differ; the guards read t0 for their
// own names. An output of a nested component, c.ev in b, is handled by
// the importer of b as `on b.c.ev(x)`; when b handles it too, b's handlers
// run first, so that the importer sees b's reaction to it.

// eventHandlers takes the importer's handlers of components' events out
// of its processes, by component and event, in source order.
func (x *expansion) eventHandlers() map[string]map[string][]*parser.Handler {
	out := map[string]map[string][]*parser.Handler{}
	for _, p := range x.procs {
		x.takeEventHandlers(p, out)
	}
	return out
}

func (x *expansion) takeEventHandlers(proc *parser.ProcessDecl, out map[string]map[string][]*parser.Handler) {
	var keep []parser.Member
	for _, m := range proc.Members {
		h, ok := m.(*parser.Handler)
		if !ok || h.Event == nil || h.Event.Component == nil {
			keep = append(keep, m)
			continue
		}
		alias, ev := h.Event.Message.Name, h.Event.Component.Event
		c := x.byAlias[alias]
		if c == nil {
			continue // reported by strayEvents
		}
		if c.host != proc {
			x.l.errorf(h.Event.Message, "component %s runs in %s, not in %s: handle its events there", alias, c.host.Name.Name, proc.Name.Name)
			continue
		}
		if out[alias] == nil {
			out[alias] = map[string][]*parser.Handler{}
		}
		outs, known := c.outputs[ev.Name]
		if !known {
			x.l.errorf(ev, "component %s has no event %s%s", alias, ev.Name, eventList(c))
			continue
		}
		for _, prev := range out[alias][ev.Name] {
			if prev.Guard == nil {
				x.l.errorf(h, "unreachable handler: %s.%s already handled at %s", alias, ev.Name, at(prev.Position()))
				break
			}
		}
		if i := slices.IndexFunc(outs, func(o *parser.OutputStmt) bool { return len(o.Args) != len(h.Event.Component.Params) }); i >= 0 {
			x.l.errorf(h.Event.Component, "%s.%s has %d values (output at %s), the handler names %d",
				alias, ev.Name, len(outs[i].Args), outs[i].Position(), len(h.Event.Component.Params))
			continue
		}
		parser.Inspect(h.Body, func(n parser.Node) bool {
			switch n.(type) {
			case *parser.ReturnStmt:
				x.l.errorf(n, "return in a handler of a component's event: it runs inside the component's handler, which it cannot end")
			case *parser.ReplyStmt:
				x.l.errorf(n, "reply in a handler of a component's event: there is no message to reply to")
			}
			return true
		})
		out[alias][ev.Name] = append(out[alias][ev.Name], h)
	}
	proc.Members = keep
}

func eventList(c *component) string {
	if len(c.outputs) == 0 {
		return " (it has no output)"
	}
	return " (its events: " + strings.Join(sortedKeys(c.outputs), ", ") + ")"
}

// inlineEvents puts the importer's handlers of the component's events at
// the component's outputs, with a fresh copy of the handlers at each.
func (x *expansion) inlineEvents(c *component, handlers map[string][]*parser.Handler) {
	if len(handlers) == 0 {
		return
	}
	forBlocks(c.proc, func(b *parser.Block) {
		stmts := make([]parser.Stmt, 0, len(b.Stmts))
		var tail []parser.Stmt
		for _, s := range b.Stmts {
			stmts = append(stmts, s)
			o, ok := s.(*parser.OutputStmt)
			if !ok {
				continue
			}
			hs := handlers[strings.TrimPrefix(o.Name.Name, c.alias+".")]
			switch {
			case hs == nil:
			case x.l.tails[o] == b:
				// c handles the event of its own component here: the
				// importer's handlers come after c's.
				tail = append(tail, x.l.eventBlock(o, hs, false))
			default:
				stmts[len(stmts)-1] = x.l.eventBlock(o, hs, true)
			}
		}
		b.Stmts = append(stmts, tail...)
	})
}

// forBlocks calls f for every block under n. The blocks are listed first,
// so that code f puts in them is not visited.
func forBlocks(n parser.Node, f func(*parser.Block)) {
	var blocks []*parser.Block
	parser.Inspect(n, func(n parser.Node) bool {
		if b, ok := n.(*parser.Block); ok && b != nil {
			blocks = append(blocks, b)
		}
		return true
	})
	for _, b := range blocks {
		f(b)
	}
}

// eventBlock is the code of the handlers hs at the output o: with o
// itself, or, when o already stands before them, without.
func (l *loader) eventBlock(o *parser.OutputStmt, hs []*parser.Handler, withOutput bool) parser.Stmt {
	hs = cloneAll(hs)
	pos := o.Pos
	var stmts []parser.Stmt
	values := make([]*parser.Ident, len(o.Args))
	for i, a := range o.Args {
		values[i] = sharedName(hs, i)
		if values[i] == nil {
			values[i] = &parser.Ident{Pos: pos, Name: fmt.Sprintf("%s.%d", o.Name.Name, i)}
		}
		stmts = append(stmts, &parser.LetStmt{Pos: pos, Name: values[i], Value: a})
	}
	var out *parser.OutputStmt
	if withOutput {
		args := make([]parser.Expr, len(values))
		for i, v := range values {
			args[i] = &parser.Name{Pos: v.Pos, Name: v.Name}
		}
		out = &parser.OutputStmt{Pos: pos, Name: o.Name, Args: args}
		stmts = append(stmts, out)
	}
	stmts = append(stmts, l.handlerChain(hs, values)...)
	then := &parser.Block{Pos: pos, Stmts: stmts, End: pos}
	if out != nil {
		l.tails[out] = then
	}
	return &parser.IfStmt{Pos: pos, Cond: &parser.BoolLit{Pos: pos, Value: true}, Then: then}
}

// sharedName is the name every handler gives the i-th value, or nil.
func sharedName(hs []*parser.Handler, i int) *parser.Ident {
	var name *parser.Ident
	for _, h := range hs {
		p := h.Event.Component.Params[i]
		if p.Name == blank || name != nil && p.Name != name.Name {
			return nil
		}
		name = p
	}
	return name
}

// handlerChain is `if g1 { body1 } else if g2 { … }`, the handlers' own
// names for the values bound from values, or, for one handler without a
// guard, its body.
func (l *loader) handlerChain(hs []*parser.Handler, values []*parser.Ident) []parser.Stmt {
	if len(hs) == 1 && hs[0].Guard == nil && bindings(hs[0], values) == nil {
		return hs[0].Body.Stmts
	}
	var first, last *parser.IfStmt
	for _, h := range hs {
		body := h.Body
		if lets := bindings(h, values); lets != nil {
			body = &parser.Block{Pos: body.Pos, Stmts: append(lets, body.Stmts...), End: body.End}
		}
		var cond parser.Expr = &parser.BoolLit{Pos: h.Pos, Value: true}
		if h.Guard != nil {
			cond = l.renamedGuard(h, values)
		}
		s := &parser.IfStmt{Pos: h.Pos, Cond: cond, Then: body}
		if first == nil {
			first = s
		} else {
			last.Else = &parser.Else{Pos: h.Pos, If: s}
		}
		last = s
	}
	return []parser.Stmt{first}
}

// bindings binds h's names for the values that are named otherwise.
func bindings(h *parser.Handler, values []*parser.Ident) []parser.Stmt {
	var lets []parser.Stmt
	for i, p := range h.Event.Component.Params {
		if p.Name != blank && p.Name != values[i].Name {
			lets = append(lets, &parser.LetStmt{Pos: p.Pos, Name: p, Value: &parser.Name{Pos: p.Pos, Name: values[i].Name}})
		}
	}
	return lets
}

// renamedGuard is h's guard reading values for h's own names of them. A
// quantifier in it that binds one of those names again would be renamed
// too: it is an error.
func (l *loader) renamedGuard(h *parser.Handler, values []*parser.Ident) parser.Expr {
	renames := map[string]string{}
	for i, p := range h.Event.Component.Params {
		if p.Name != blank && p.Name != values[i].Name {
			renames[p.Name] = values[i].Name
		}
	}
	if len(renames) == 0 {
		return h.Guard
	}
	parser.Inspect(h.Guard, func(n parser.Node) bool {
		if q, ok := n.(*parser.Quantifier); ok {
			for _, v := range q.Vars {
				if _, ok := renames[v.Name]; ok {
					l.errorf(v, "%s is already the name of a value of the event; choose another name here", v.Name)
				}
			}
		}
		return true
	})
	rename := func(e parser.Expr) parser.Expr {
		if n, ok := e.(*parser.Name); ok {
			if to, ok := renames[n.Name]; ok {
				return &parser.Name{Pos: n.Pos, Name: to}
			}
		}
		return nil
	}
	mapExprs(h.Guard, rename)
	if e := rename(h.Guard); e != nil {
		return e
	}
	return h.Guard
}

func cloneAll(hs []*parser.Handler) []*parser.Handler {
	out := make([]*parser.Handler, len(hs))
	for i, h := range hs {
		out[i] = clone(h)
	}
	return out
}

// cloneHandler is clone, keeping the loader's record of which block
// follows which inlined output (tails) for the copy.
func (l *loader) cloneHandler(h *parser.Handler) *parser.Handler {
	c := clone(h)
	nodes := func(h *parser.Handler) []parser.Node {
		var out []parser.Node
		parser.Inspect(h, func(n parser.Node) bool { out = append(out, n); return true })
		return out
	}
	from, to := nodes(h), nodes(c)
	index := map[parser.Node]int{}
	for i, n := range from {
		index[n] = i
	}
	for i, n := range from {
		if o, ok := n.(*parser.OutputStmt); ok && l.tails[o] != nil {
			if j, ok := index[l.tails[o]]; ok {
				l.tails[to[i].(*parser.OutputStmt)] = to[j].(*parser.Block)
			}
		}
	}
	return c
}
