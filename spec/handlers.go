package spec

import (
	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// checkProcess checks a process type: its state variables, then its
// handlers in source order, then its timers.
func (c *checker) checkProcess(p *Process) {
	pi := &procInfo{
		scope:         newScope(c.global),
		timerHandlers: map[string]source.Pos{},
		armed:         map[string][]source.Pos{},
		events:        map[string][]*Handler{},
	}
	c.pinfo[p] = pi
	members := p.Decl.Members

	// State variables are visible in every handler, wherever declared;
	// timers with a handler may be cancelled anywhere in the process.
	for _, m := range members {
		switch m := m.(type) {
		case *parser.VarDecl:
			if m == nil || m.Name == nil {
				continue
			}
			v := &Var{Name: m.Name.Name, Type: c.resolveType(m.Type), Init: m.Init, Durable: m.Durable, Decl: m}
			sym := c.newSymbol(SymStateVar, v.Name, v.Type)
			sym.Var = v
			if c.declare(pi.scope, sym, m.Name) {
				p.Vars = append(p.Vars, v)
			}
		case *parser.FuncDecl, *parser.ProcDecl:
			c.declareMember(p, pi, m)
		case *parser.Handler:
			if m == nil || m.Event == nil || m.Event.Timer == nil {
				continue
			}
			if _, ok := pi.timerHandlers[m.Event.Timer.Name]; !ok {
				pi.timerHandlers[m.Event.Timer.Name] = c.pos(m.Event.Timer)
			}
		}
	}
	for _, v := range p.Vars {
		if isNil(v.Init) {
			continue
		}
		c.ctx = context{mode: modeInit, where: "an initializer", proc: p, scope: pi.scope}
		t := c.value(v.Init, v.Type)
		c.assignable(v.Init, t, v.Type, "initializer of "+v.Name)
	}
	c.ctx = context{}
	for _, f := range p.Funcs {
		c.checkBody(f, pi.scope)
	}

	for _, m := range members {
		if h, ok := m.(*parser.Handler); ok && h != nil {
			c.handler(p, pi, h)
		}
	}
	c.addAwaitHandlers(p)

	// Every timer with a handler must be armed somewhere, and every armed
	// timer must have a handler.
	for _, name := range sortedKeys(pi.timerHandlers) {
		if len(pi.armed[name]) == 0 {
			c.errorf(pi.timerHandlers[name], "timer %s is never armed (no timer %s after/every)", name, name)
		}
	}
	for _, name := range sortedKeys(pi.armed) {
		if _, ok := pi.timerHandlers[name]; !ok {
			for _, pos := range pi.armed[name] {
				c.errorf(pos, "timer %s has no handler (on timer %s)", name, name)
			}
		}
	}
}

// timerIndex returns the index of timer name in p.Timers, adding it.
func (c *checker) timerIndex(p *Process, name string) int {
	if p == nil {
		return 0
	}
	for i, t := range p.Timers {
		if t == name {
			return i
		}
	}
	p.Timers = append(p.Timers, name)
	return len(p.Timers) - 1
}

// handler checks one handler: its event and bindings, its reachability
// among the handlers before it, its guard and its body.
func (c *checker) handler(p *Process, pi *procInfo, h *parser.Handler) {
	ev := h.Event
	if ev == nil {
		return
	}
	hd := &Handler{Guard: h.Guard, Body: h.Body, Decl: h}
	scope := newScope(pi.scope)
	var event string // what the handler reacts to, for reachability
	switch {
	case ev.Start:
		hd.Kind = OnStart
		event = "start"
	case ev.Recover:
		hd.Kind = OnRecover
		event = "recover"
	case ev.Timer != nil:
		hd.Kind = OnTimer
		hd.Timer = c.timerIndex(p, ev.Timer.Name)
		event = "timer " + ev.Timer.Name
	case ev.Message != nil:
		hd.Kind = OnMessage
		var mt Type = TInvalid
		if r := c.messageType(ev.Message); r != nil {
			hd.Message = r
			mt = r
			event = r.Name
		}
		if ev.Binding != nil {
			hd.Binding = c.newSymbol(SymMessage, ev.Binding.Name, mt)
			c.declare(scope, hd.Binding, ev.Binding)
		}
		if ev.From != nil {
			hd.From = c.newSymbol(SymSender, ev.From.Name, TNode)
			c.declare(scope, hd.From, ev.From)
		}
	default:
		return
	}
	p.Handlers = append(p.Handlers, hd)

	if event != "" {
		prev := pi.events[event]
		if (hd.Kind == OnStart || hd.Kind == OnRecover) && len(prev) > 0 {
			c.errorf(c.pos(h), "duplicate %s handler (previous at %s)", event, at(c.pos(prev[0].Decl)))
		} else {
			for _, ph := range prev {
				if isNil(ph.Guard) {
					c.errorf(c.pos(h), "unreachable handler: %s already handled at %s", event, at(c.pos(ph.Decl)))
					break
				}
			}
		}
		pi.events[event] = append(prev, hd)
	}

	c.ctx = context{mode: modeHandler, where: "a handler", proc: p, handler: hd, scope: scope}
	if !isNil(h.Guard) {
		c.wantBool(h.Guard, "guard")
	}
	if h.Body != nil {
		c.stmts(h.Body.Stmts)
	}
	c.ctx = context{}
}

// messageType resolves the message type named by id, reporting an error
// and returning nil when id names none.
func (c *checker) messageType(id *parser.Ident) *Record {
	name := id.Name
	r, ok := c.types[name]
	switch {
	case ok && r.Message:
		return r
	case ok:
		c.errorf(c.pos(id), "%s is a record, not a message", name)
	case c.procs[name] != nil:
		c.errorf(c.pos(id), "%s is a process, not a message", name)
	default:
		var msgs []string
		for _, m := range c.alg.Messages {
			msgs = append(msgs, m.Name)
		}
		c.errorf(c.pos(id), "undefined message type: %s%s", name, suggestion(name, msgs))
	}
	return nil
}

// checkReachability reports handlers for messages that no statement of the
// algorithm sends, replies or broadcasts.
func (c *checker) checkReachability() {
	for _, p := range c.alg.Processes {
		for _, h := range p.Handlers {
			if h.Kind == OnMessage && h.Message != nil && !c.sent[h.Message] {
				if h.Await != nil {
					c.errorf(c.pos(h.Decl.Event.Message), "await can never be completed: no statement sends %s", h.Message.Name)
					continue
				}
				c.errorf(c.pos(h.Decl.Event.Message), "unreachable handler: no statement sends %s", h.Message.Name)
			}
		}
	}
}
