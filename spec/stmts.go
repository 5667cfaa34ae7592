package spec

import (
	"strings"

	"github.com/dsac-lang/dsac/parser"
)

// block checks the statements of b in a new scope.
func (c *checker) block(b *parser.Block) {
	if b == nil {
		return
	}
	saved := c.ctx.scope
	c.ctx.scope = newScope(c.scope())
	c.stmts(b.Stmts)
	c.ctx.scope = saved
}

func (c *checker) stmts(list []parser.Stmt) {
	for i, s := range list {
		c.stmt(s)
		if _, ok := s.(*parser.AwaitStmt); ok && i+1 < len(list) {
			c.errorf(c.pos(list[i+1]), "unreachable statement: await ends the handler (its body runs in a later step)")
		}
	}
}

func (c *checker) stmt(s parser.Stmt) {
	if isNil(s) || c.impure(s) {
		return
	}
	switch s := s.(type) {
	case *parser.AssignStmt:
		c.assign(s)
	case *parser.LetStmt:
		c.let(s)
	case *parser.IfStmt:
		c.ifStmt(s)
	case *parser.ForStmt:
		c.forStmt(s)
	case *parser.SendStmt:
		c.sendable(s.Msg, "send")
		c.wantInt(s.To, "send")
	case *parser.ReplyStmt:
		if c.ctx.fn != nil {
			c.errorf(c.pos(s), "reply in procedure %s (it may be called outside a message handler: pass the sender as a parameter and send to it)", c.ctx.fn.Name)
		} else if c.ctx.noReply != "" {
			c.errorf(c.pos(s), "reply in an await: %s", c.ctx.noReply)
		} else if c.ctx.handler == nil || c.ctx.handler.Kind != OnMessage {
			c.errorf(c.pos(s), "reply outside a message handler")
		}
		c.sendable(s.Msg, "reply")
	case *parser.BroadcastStmt:
		c.sendable(s.Msg, "broadcast")
		if !s.All && !s.Others {
			c.broadcastTarget(s.To)
		}
	case *parser.OutputStmt:
		for _, a := range s.Args {
			c.value(a, nil)
		}
	case *parser.WhileStmt:
		c.wantBool(s.Cond, "while condition")
		c.block(s.Body)
	case *parser.ReturnStmt:
		c.returnStmt(s)
	case *parser.HaltStmt:
	case *parser.TimerStmt:
		if s.Name != nil {
			pi := c.pinfo[c.ctx.proc]
			if pi != nil {
				c.timerIndex(c.ctx.proc, s.Name.Name)
				pi.armed[s.Name.Name] = append(pi.armed[s.Name.Name], c.pos(s.Name))
			}
		}
		c.wantInt(s.Delay, "timer delay")
		c.checkDelay(s.Delay)
	case *parser.AwaitStmt:
		c.await(s)
	case *parser.CancelStmt:
		if s.Name != nil {
			pi := c.pinfo[c.ctx.proc]
			if pi != nil {
				if _, ok := pi.timerHandlers[s.Name.Name]; !ok {
					c.errorf(c.pos(s.Name), "undefined timer %s (no handler on timer %s)%s", s.Name.Name, s.Name.Name, suggestion(s.Name.Name, sortedKeys(pi.timerHandlers)))
				} else {
					c.timerIndex(c.ctx.proc, s.Name.Name)
				}
			}
		}
	default:
		c.errorf(c.pos(s), "unexpected statement")
	}
}

// assign checks an assignment, or an expression statement when it has no
// operator: a call, of a method without a result.
func (c *checker) assign(s *parser.AssignStmt) {
	if s.Op == "" {
		if isNil(s.LHS) {
			return
		}
		// A call without a result is a statement; any other expression
		// computes a value that nothing uses.
		t := c.expr(s.LHS, nil)
		if t == TInvalid || t == TVoid || c.isSharedUpdate(s.LHS) {
			return
		}
		c.errorf(c.epos(s.LHS), "%s (value of type %s) is not used", exprString(s.LHS), t)
		return
	}
	lt := c.expr(s.LHS, nil)
	if !c.modifiable(s.LHS, "assign to", exprString(s.LHS)) {
		lt = TInvalid
	}
	switch s.Op {
	case "=":
		rt := c.value(s.RHS, lt)
		c.assignable(s.RHS, rt, lt, "assignment")
	case "+=", "-=":
		rt := c.value(s.RHS, lt)
		if lt == TInvalid || rt == TInvalid {
			return
		}
		switch {
		case s.Op == "+=" && lt == TString:
			c.assignable(s.RHS, rt, TString, "assignment")
		case Identical(lt, TInt):
			c.assignable(s.RHS, rt, TInt, "assignment")
		default:
			c.errorf(c.epos(s.LHS), "invalid operation: operator %s not defined on %s (type %s)", s.Op, exprString(s.LHS), lt)
		}
	default:
		c.value(s.RHS, nil)
		c.errorf(c.pos(s), "unknown assignment operator %s", s.Op)
	}
}

// modifiable checks that e denotes something a handler may change: a
// state variable or a local, or an element or field of one. verb is
// "assign to" or "modify"; text is what to call e in the message.
func (c *checker) modifiable(e parser.Expr, verb, text string) bool {
	if isNil(e) || c.info.TypeOf(e) == TInvalid {
		return true
	}
	if why := c.notModifiable(e); why != "" {
		c.errorf(c.epos(e), "cannot %s %s (%s)", verb, text, why)
		return false
	}
	return true
}

// notModifiable explains why e cannot be changed, or returns "".
func (c *checker) notModifiable(e parser.Expr) string {
	switch x := unparen(e).(type) {
	case *parser.Name:
		sym := c.info.Uses[x]
		if sym == nil {
			return ""
		}
		switch sym.Kind {
		case SymStateVar:
			if c.ctx.mode == modeFunc {
				return x.Name + " is the process's state, which a function may not change"
			}
			return ""
		case SymLocal:
			return ""
		case SymParam:
			return x.Name + " is a param"
		case SymLoopVar:
			return x.Name + " is a loop variable"
		case SymQuantVar:
			return x.Name + " is a quantifier variable"
		case SymArg:
			return x.Name + " is a parameter"
		case SymMessage:
			return x.Name + " is the received message"
		case SymSender:
			return x.Name + " is the sender"
		case SymGroup:
			return x.Name + " is a process group"
		case SymSelf:
			return "self is this process's rank"
		case SymN:
			return "n is the number of processes"
		}
		return x.Name + " is not a variable"
	case *parser.Index:
		switch c.info.TypeOf(x.X).(type) {
		case *List, *Map:
			return c.notModifiable(x.X)
		}
	case *parser.Selector:
		if _, ok := c.info.TypeOf(x.X).(*Record); ok {
			return c.notModifiable(x.X)
		}
		if _, ok := c.info.TypeOf(x.X).(*Tuple); ok {
			return "a part of a tuple cannot be changed; assign a whole tuple"
		}
	}
	return "neither a variable nor an element or field of one"
}

func (c *checker) let(s *parser.LetStmt) {
	var t Type
	if s.Type != nil {
		t = c.resolveType(s.Type)
		vt := c.value(s.Value, t)
		c.assignable(s.Value, vt, t, "let")
	} else {
		t = c.value(s.Value, nil)
	}
	if s.Name == nil {
		c.destructure(s, t)
		return
	}
	c.declare(c.scope(), c.newSymbol(SymLocal, s.Name.Name, t), s.Name)
}

func (c *checker) ifStmt(s *parser.IfStmt) {
	for s != nil {
		c.wantBool(s.Cond, "if condition")
		c.block(s.Then)
		if s.Else == nil {
			return
		}
		if s.Else.If == nil {
			c.block(s.Else.Block)
			return
		}
		s = s.Else.If
	}
}

func (c *checker) forStmt(s *parser.ForStmt) {
	d := c.domain(s.Range, "for")
	saved := c.ctx.scope
	c.ctx.scope = newScope(c.scope())
	var key, value Type = d.elem, TInvalid
	keyRole, valueRole := d.role(), ""
	if s.Value != nil || s.ValueTuple != nil {
		switch d.kind {
		case domList:
			key, value = TInt, d.value
			keyRole, valueRole = "the index", "an element"
		case domMap:
			value, valueRole = d.value, "a value"
		case domInvalid:
		default:
			c.errorf(c.pos(binder(s.Value, s.ValueTuple)), "range over %s permits only one iteration variable", exprString(s.Range))
		}
	}
	c.bindVar(SymLoopVar, s.Key, s.KeyTuple, key, keyRole, s.Range)
	c.bindVar(SymLoopVar, s.Value, s.ValueTuple, value, valueRole, s.Range)
	c.block(s.Body)
	c.ctx.scope = saved
}

// sendable checks the message of a send, reply or broadcast, and notes
// that its type is sent.
func (c *checker) sendable(e parser.Expr, what string) {
	if isNil(e) {
		return
	}
	t := c.value(e, nil)
	if t == TInvalid {
		return
	}
	if r, ok := t.(*Record); ok && r.Message {
		c.sent[r] = true
		// Only the code of the file that declares a message sends it: an
		// importer does not send its components' messages, so their
		// properties keep holding (components.go).
		if d, ok := c.recordDecls[r]; ok && d.name.Position().File != e.Position().File {
			if i := strings.LastIndex(r.Name, "."); i > 0 {
				c.errorf(c.epos(e), "cannot %s %s: %s is a message of component %s, and only the component sends it", what, exprString(e), r.Name, r.Name[:i])
			}
		}
		return
	}
	if r, ok := t.(*Record); ok {
		c.errorf(c.epos(e), "cannot %s %s (%s is a record, not a message)", what, exprString(e), r.Name)
		return
	}
	c.errorf(c.epos(e), "cannot %s %s (type %s is not a message)", what, exprString(e), t)
}

// broadcastTarget checks the target of a broadcast: a process group, or a
// set or list of nodes.
func (c *checker) broadcastTarget(e parser.Expr) {
	if isNil(e) {
		return
	}
	t := c.expr(e, nil)
	switch t := t.(type) {
	case *Group:
		return
	case *Set:
		if Identical(t.Elem, TNode) {
			return
		}
	case *List:
		if Identical(t.Elem, TNode) {
			return
		}
	}
	if t != TInvalid {
		c.errorf(c.epos(e), "cannot broadcast to %s (type %s): want a process group, set<node> or list<node>", exprString(e), t)
	}
}
