package spec

import (
	"fmt"

	"github.com/dsac-lang/dsac/parser"
)

// Quorum waits. `await got = count(M m from a when cond) >= q timeout d
// { body } else { expired }` ends the handler it is in, like return, and
// leaves a pending wait in the process's state. The checker turns it into
// what the rest of the compiler already knows:
//
//   - hidden state variables (Var.Hidden, not durable, so a crash loses
//     them): the process's await, which says which of its waits is
//     pending (0: none), shared by all of them, and each wait's
//     collection: the senders counted so far, a list<node> kept in
//     ascending order, and, when the body names the messages, a list<M>
//     beside it with each sender's message (small sorted slices, which
//     the explorer copies into reused memory and encodes without sorting
//     or hashing; the body gets them as a map<node, M>);
//   - a message handler for M, before the process's own handlers for M,
//     that takes the messages of the pending wait that satisfy cond: it
//     counts each sender once, and once q senders are counted it ends
//     the wait and runs body;
//   - with a timeout, a handler of the hidden timer await that ends the
//     wait and runs expired.
//
// So every event stays one atomic step, the explorer copies, encodes and
// permutes the waits with the rest of the state, and the symmetry
// analysis follows the senders into the collection.

// Await is one await statement of a process type.
type Await struct {
	Index   int // 1-based among the awaits of Process: the value of Pending while it waits
	Process *Process
	Stmt    *parser.AwaitStmt
	Message *Record
	Into    *Symbol // the collected messages in the body (a map<node, M> local), or nil

	Pending  *Var // the process's await variable: which wait is pending
	Senders  *Var // the senders counted, a list<node> in ascending order
	Messages *Var // with Into, their messages, a list<M> in the order of Senders; or nil

	Collect *Handler // the handler that takes its messages
	Expire  *Handler // the handler of its timeout, or nil
	Timer   int      // the hidden timer's index in Process.Timers, with Expire
}

// awaitTimer names the hidden timer of await timeouts; it is a reserved
// word, so no timer of the spec has its name.
const awaitTimer = "await"

// await checks an await statement, in a handler of c.ctx.proc.
func (c *checker) await(s *parser.AwaitStmt) {
	p := c.ctx.proc
	if c.ctx.mode != modeHandler || p == nil {
		c.errorf(c.pos(s), "await outside a handler")
		return
	}
	a := &Await{Index: len(p.Awaits) + 1, Process: p, Stmt: s}
	p.Awaits = append(p.Awaits, a) // before the body, which may hold awaits of its own
	c.info.Awaits[s] = a
	outer := c.ctx
	defer func() { c.ctx = outer }()
	pscope := c.pinfo[p].scope
	hidden := c.scope()

	var mt Type = TInvalid
	if s.Message != nil {
		if r := c.messageType(s.Message); r != nil {
			a.Message, mt = r, r
		}
	}
	decl := &parser.Handler{Pos: s.Pos, Event: &parser.Event{Pos: s.Pos, Message: s.Message, Binding: s.Binding, From: s.From},
		Guard: s.Filter, Body: s.Body}
	a.Collect = &Handler{Kind: OnMessage, Message: a.Message, Guard: s.Filter, Body: s.Body, Decl: decl, Await: a}

	// The condition sees the message, its sender and the process's state.
	filter := newScope(pscope)
	if s.Binding != nil {
		a.Collect.Binding = c.newSymbol(SymMessage, s.Binding.Name, mt)
		c.declare(filter, a.Collect.Binding, s.Binding)
	}
	if s.From != nil {
		a.Collect.From = c.newSymbol(SymSender, s.From.Name, TNode)
		c.declare(filter, a.Collect.From, s.From)
	}
	c.ctx = context{mode: modeHandler, where: "an await", proc: p, handler: a.Collect, scope: filter, handlerScope: hidden}
	if !isNil(s.Filter) {
		c.wantBool(s.Filter, "await condition")
	}
	// The quorum, timeout and bodies see the process's state only.
	c.ctx.scope = pscope
	c.wantInt(s.Quorum, "await quorum")
	if !isNil(s.Timeout) {
		c.wantInt(s.Timeout, "await timeout")
		c.checkDelay(s.Timeout)
	}
	body := newScope(pscope)
	if s.Head != nil && s.Head.Into != nil && a.Message != nil {
		a.Into = c.newSymbol(SymLocal, s.Head.Into.Name, &Map{Key: TNode, Value: a.Message})
		c.declare(body, a.Into, s.Head.Into)
	}
	c.ctx.noReply = "an await's body runs on the message that completes the quorum; send to a sender instead"
	c.ctx.scope = body
	c.block(s.Body)
	if s.Else != nil {
		if isNil(s.Timeout) {
			c.errorf(c.pos(s.Else), "await without a timeout cannot have an else block")
		}
		c.ctx.noReply = "an await's else block runs at its timeout, not on a message"
		c.ctx.scope = pscope
		c.block(s.Else)
	}
	if !isNil(s.Timeout) {
		a.Timer = c.timerIndex(p, awaitTimer)
		a.Expire = &Handler{Kind: OnTimer, Timer: a.Timer, Body: s.Else,
			Decl: &parser.Handler{Pos: s.Pos, Event: &parser.Event{Pos: s.Pos}, Body: s.Else}, Await: a}
	}
}

// addAwaitHandlers adds the hidden state and handlers of p's awaits, once
// its own handlers are checked: the handlers that collect messages go
// first, so a message a pending wait takes reaches no other handler.
func (c *checker) addAwaitHandlers(p *Process) {
	if len(p.Awaits) == 0 {
		return
	}
	pending := &Var{Name: "await", Type: TInt, Hidden: true}
	p.Vars = append(p.Vars, pending)
	var collect, expire []*Handler
	for _, a := range p.Awaits {
		a.Pending = pending
		a.Senders = &Var{Name: fmt.Sprintf("await#%d", a.Index), Type: &List{Elem: TNode}, Hidden: true}
		p.Vars = append(p.Vars, a.Senders)
		if a.Into != nil && a.Message != nil {
			a.Messages = &Var{Name: fmt.Sprintf("await#%d messages", a.Index), Type: &List{Elem: a.Message}, Hidden: true}
			p.Vars = append(p.Vars, a.Messages)
		}
		if a.Message != nil {
			collect = append(collect, a.Collect)
		}
		if a.Expire != nil {
			expire = append(expire, a.Expire)
		}
	}
	p.Handlers = append(append(collect, p.Handlers...), expire...)
}

// await adds to the symmetry analysis what the generated code of a wait
// does that no statement says: the senders it counts flow into its list
// of senders, and into the keys of the map the body sees.
func (s *symmetry) await(a *Await) {
	from := s.senders[a.Message]
	if a.Into != nil {
		s.flow(a.Into, aval{"k": from})
	}
	s.flow(a.Senders, aval{"e": from})
	s.val(a.Stmt.Quorum)
	if a.Stmt.Timeout != nil {
		s.val(a.Stmt.Timeout)
	}
}
