package spec

import (
	"fmt"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// Symmetry: the ranks of a process type are interchangeable when nothing
// in the spec tells one of them from another, so that a model checker may
// treat states that differ by a permutation of them as one.
//
// The analysis follows ranks through the spec, flow-insensitively: every
// expression gets the set of process types whose ranks its value may
// carry (self, a process's self in a property, the members of a group, the
// sender of a message, and whatever these flow into: variables, message
// fields, collections, shared counters), plus a mark for constants that
// may be ranks (integer literals, parameters, n; not negative literals
// such as the usual sentinel -1). Passes over every handler, initialiser
// and property repeat until these sets stop growing; a last pass looks for
// what tells ranks apart. A process type is not symmetric when its ranks
//   - take part in arithmetic (+ - * / %, negation, abs, sum, fetch_add,
//     the bounds of a range or of random),
//   - are ordered (< <= > >=, min, max, a collection's max() or min()),
//   - index a list,
//   - meet a constant that may be a rank: compared with == or !=, looked
//     for with in or contains, removed from a set, used as a node-keyed
//     map's key;
//
// or when it is placed on a single rank, or when a constant that may be a
// rank is a destination of send or broadcast (that rank may be one of
// its; a literal rank that is another type's single rank is not).
//
// The analysis is conservative: it may call a symmetric type asymmetric
// (an integer variable that holds both ranks and counts, a comparison with
// a constant that is never a rank), never the reverse.

// rankSet is a set of process types (bit i: Processes[i]) with constRank
// for constants that may be ranks.
type rankSet uint64

const (
	constRank rankSet = 1 << 63
	maxTypes          = 63 // process types the analysis can tell apart
)

func (s rankSet) types() rankSet { return s &^ constRank }

// blocker is the first reason found for a process type not to be symmetric.
type blocker struct {
	pos source.Pos
	why string
}

type symmetry struct {
	c       *checker
	alg     *Algorithm
	info    *Info
	taint   map[any]rankSet      // by *Var, *Symbol, *FieldInfo, *Shared
	senders map[*Record]rankSet  // the process types that send each message
	from    map[*Symbol]*Record  // sender variables and the message they are the sender of
	proc    *Process             // the process whose handler is analysed, or nil
	grew    bool                 // a set grew in this pass
	final   bool                 // the last pass: record blockers
	blocked map[*Process]blocker // the first blocker of each process type
}

// checkSymmetry sets Symmetric and SymmetryBlocker on every process type.
// It runs on a spec without errors only: it relies on every expression
// having a type.
func (c *checker) checkSymmetry() {
	procs := c.alg.Processes
	if len(procs) > maxTypes {
		for _, p := range procs {
			p.SymmetryBlocker = fmt.Sprintf("%s: more than %d process types: the symmetry analysis does not tell them apart", c.pos(p.Decl.Name), maxTypes)
		}
		return
	}
	s := &symmetry{c: c, alg: c.alg, info: c.info, taint: map[any]rankSet{},
		senders: map[*Record]rankSet{}, from: map[*Symbol]*Record{}, blocked: map[*Process]blocker{}}
	s.findSenders()
	for i := 0; i < 1000; i++ {
		s.grew = false
		s.pass()
		if !s.grew {
			break
		}
	}
	s.final = true
	s.pass()
	for _, p := range procs {
		if p.Placement == PlaceRank {
			s.blockAt(p, c.pos(p.Decl.Placement), "placed on the single rank "+exprString(p.Lo))
		}
		b, ok := s.blocked[p]
		p.Symmetric = !ok
		if ok {
			p.SymmetryBlocker = fmt.Sprintf("%s: %s", b.pos, b.why)
		}
	}
}

// findSenders records which process types send, reply or broadcast each
// message, and which message each handler's sender variable is the sender
// of.
func (s *symmetry) findSenders() {
	for _, p := range s.alg.Processes {
		for _, h := range p.Handlers {
			if h.From != nil && h.Message != nil {
				s.from[h.From] = h.Message
			}
			if h.Body == nil {
				continue
			}
			parser.Inspect(h.Body, func(n parser.Node) bool {
				var msg parser.Expr
				switch st := n.(type) {
				case *parser.SendStmt:
					msg = st.Msg
				case *parser.ReplyStmt:
					msg = st.Msg
				case *parser.BroadcastStmt:
					msg = st.Msg
				}
				if r, ok := s.info.TypeOf(msg).(*Record); ok && msg != nil {
					s.senders[r] |= bit(p)
				}
				return true
			})
		}
	}
}

func bit(p *Process) rankSet { return 1 << uint(p.Index) }

// pass analyses the whole spec once.
func (s *symmetry) pass() {
	for _, sh := range s.alg.Shared {
		if sh.Init != nil {
			s.flow(sh, s.expr(sh.Init))
		}
	}
	for _, p := range s.alg.Processes {
		s.proc = p
		for _, v := range p.Vars {
			if v.Init != nil {
				s.flow(v, s.expr(v.Init))
			}
		}
		for _, h := range p.Handlers {
			if h.Guard != nil {
				s.expr(h.Guard)
			}
			if h.Body != nil {
				s.stmts(h.Body.Stmts)
			}
		}
	}
	s.proc = nil
	for _, prop := range s.alg.Properties {
		s.expr(prop.Expr)
	}
}

// flow adds t to what the location key may hold.
func (s *symmetry) flow(key any, t rankSet) {
	if key == nil || t == 0 {
		return
	}
	if old := s.taint[key]; old|t != old {
		s.taint[key] = old | t
		s.grew = true
	}
}

// blockTypes records, in the last pass, that the process types in t are not
// symmetric because of what happens at n.
func (s *symmetry) blockTypes(t rankSet, at parser.Expr, why string) {
	if !s.final || t.types() == 0 {
		return
	}
	for _, p := range s.alg.Processes {
		if t&bit(p) != 0 {
			s.blockAt(p, s.c.epos(at), why)
		}
	}
}

// blockAt keeps the first blocker of p in source order.
func (s *symmetry) blockAt(p *Process, pos source.Pos, why string) {
	if b, ok := s.blocked[p]; ok && (b.pos.Line < pos.Line || b.pos.Line == pos.Line && b.pos.Col <= pos.Col) {
		return
	}
	s.blocked[p] = blocker{pos, why}
}

func (s *symmetry) stmts(list []parser.Stmt) {
	for _, st := range list {
		s.stmt(st)
	}
}

func (s *symmetry) block(b *parser.Block) {
	if b != nil {
		s.stmts(b.Stmts)
	}
}

func (s *symmetry) stmt(st parser.Stmt) {
	switch st := st.(type) {
	case *parser.IfStmt:
		s.expr(st.Cond)
		s.block(st.Then)
		if st.Else != nil {
			if st.Else.If != nil {
				s.stmt(st.Else.If)
			} else {
				s.block(st.Else.Block)
			}
		}
	case *parser.ForStmt:
		s.bindLoop(st.Range, st.Key, st.Value)
		s.block(st.Body)
	case *parser.LetStmt:
		s.flow(s.info.Defs[st.Name], s.expr(st.Value))
	case *parser.SendStmt:
		s.expr(st.Msg)
		s.destination(st.To, fmt.Sprintf("a rank given as a constant (send to %s)", exprString(st.To)))
	case *parser.ReplyStmt:
		s.expr(st.Msg)
	case *parser.BroadcastStmt:
		s.expr(st.Msg)
		if st.To != nil {
			s.destination(st.To, fmt.Sprintf("a rank given as a constant (broadcast to %s)", exprString(st.To)))
		}
	case *parser.OutputStmt:
		for _, a := range st.Args {
			s.expr(a)
		}
	case *parser.TimerStmt:
		s.expr(st.Delay)
	case *parser.AssignStmt:
		switch st.Op {
		case "=":
			s.expr(st.LHS)
			s.assign(st.LHS, s.expr(st.RHS))
		case "+=", "-=":
			t := s.expr(st.LHS) | s.expr(st.RHS)
			s.blockTypes(t, st.LHS, "arithmetic on a rank ("+exprString(st.LHS)+" "+st.Op+" "+exprString(st.RHS)+")")
			s.assign(st.LHS, t)
		default:
			s.expr(st.LHS)
		}
	}
}

// destination checks the target of a send or broadcast: a constant rank
// there may single out a rank of any process type but the one a literal
// names by its placement.
func (s *symmetry) destination(to parser.Expr, why string) {
	t := s.expr(to)
	if t&constRank == 0 || !s.final {
		return
	}
	lit, isLit := unparen(to).(*parser.IntLit)
	for _, p := range s.alg.Processes {
		if p.Placement == PlaceRank {
			continue // a single rank: not symmetric anyway
		}
		if isLit {
			if owner := s.singleRankOwner(lit.Value); owner != nil && owner != p {
				continue
			}
		}
		s.blockAt(p, s.c.epos(to), why)
	}
}

// singleRankOwner returns the process type placed on exactly rank r by a
// literal placement, or nil.
func (s *symmetry) singleRankOwner(r int64) *Process {
	for _, p := range s.alg.Processes {
		if lit, ok := unparen(p.Lo).(*parser.IntLit); ok && p.Placement == PlaceRank && lit.Value == r {
			return p
		}
	}
	return nil
}

// assign adds t to the location lhs stores into: its variable, and the
// record field it selects, if any.
func (s *symmetry) assign(lhs parser.Expr, t rankSet) {
	for depth := 0; depth < 1000; depth++ {
		switch x := lhs.(type) {
		case *parser.Paren:
			lhs = x.X
			continue
		case *parser.Index:
			lhs = x.X
			continue
		case *parser.Selector:
			if r, ok := s.info.TypeOf(x.X).(*Record); ok && x.Name != nil {
				s.flow(r.Field(x.Name.Name), t)
			}
			lhs = x.X
			continue
		case *parser.Name:
			s.flow(s.location(x), t)
		}
		return
	}
}

// location is the key of what a name stores into.
func (s *symmetry) location(n *parser.Name) any {
	sym := s.info.Uses[n]
	if sym == nil {
		return nil
	}
	if sym.Kind == SymStateVar {
		return sym.Var
	}
	return sym
}

// bindLoop gives the variables of a for loop or quantifier what they range
// over.
func (s *symmetry) bindLoop(coll parser.Expr, key, val *parser.Ident) {
	var k, v rankSet
	switch r := unparen(coll).(type) {
	case *parser.Range:
		k = s.expr(r.Lo) | s.expr(r.Hi)
		s.blockTypes(k, r.Lo, "a rank bounds a range ("+exprString(r)+")")
	default:
		t := s.expr(coll)
		switch s.info.TypeOf(coll).(type) {
		case *List:
			k, v = t, t
			if val != nil {
				k = constRank // an index
			}
		default:
			k, v = t, t
		}
	}
	if key != nil {
		s.flow(s.info.Defs[key], k)
	}
	if val != nil {
		s.flow(s.info.Defs[val], v)
	}
}

// isNodeColl reports whether t holds ranks as its elements or keys.
func isNodeColl(t Type) bool {
	switch t := t.(type) {
	case *List:
		return t.Elem == TNode
	case *Set:
		return t.Elem == TNode
	case *Map:
		return t.Key == TNode
	case *Group:
		return true
	}
	return false
}

// isIntLike reports whether t is int or node: the types ranks travel in.
func isIntLike(t Type) bool { return t == TInt || t == TNode }

// expr returns what e's value may carry, checking on the way for what
// tells ranks apart.
func (s *symmetry) expr(e parser.Expr) rankSet {
	switch x := e.(type) {
	case *parser.Paren:
		return s.expr(x.X)
	case *parser.IntLit:
		return constRank
	case *parser.Name:
		return s.name(x)
	case *parser.Unary:
		t := s.expr(x.X)
		if x.Op == "not" {
			return 0
		}
		if lit, ok := unparen(x.X).(*parser.IntLit); ok && lit.Value > 0 {
			return 0 // a negative constant is never a rank
		}
		s.blockTypes(t, x, "arithmetic on a rank ("+exprString(x)+")")
		return t
	case *parser.Binary:
		return s.binary(x)
	case *parser.Range:
		t := s.expr(x.Lo) | s.expr(x.Hi)
		s.blockTypes(t, x, "a rank bounds a range ("+exprString(x)+")")
		return t
	case *parser.Selector:
		s.expr(x.X)
		switch t := s.info.TypeOf(x.X).(type) {
		case *Record:
			return s.taint[t.Field(x.Name.Name)]
		case *ProcState:
			if x.Name.Name == "self" {
				return bit(t.Process)
			}
			if v := t.Process.Var(x.Name.Name); v != nil {
				return s.taint[v]
			}
		}
		return 0
	case *parser.Index:
		t := s.expr(x.X)
		i := s.expr(x.Index)
		switch ct := s.info.TypeOf(x.X).(type) {
		case *List:
			s.blockTypes(i, x.Index, "a rank indexes a list ("+exprString(x)+")")
		case *Map:
			if ct.Key == TNode && i&constRank != 0 {
				s.blockTypes(t, x.Index, "a constant rank as a map key ("+exprString(x)+")")
			}
		}
		return t
	case *parser.Call:
		return s.call(x)
	case *parser.Composite:
		var all rankSet
		if ci := s.info.Composites[x]; ci != nil {
			for i, v := range ci.Values {
				if v == nil || i >= len(ci.Record.Fields) {
					continue
				}
				t := s.expr(v)
				s.flow(ci.Record.Fields[i], t)
				all |= t
			}
		}
		return all
	case *parser.ListLit:
		var all rankSet
		for _, el := range x.Elems {
			all |= s.expr(el)
		}
		return all
	case *parser.Quantifier:
		for _, v := range x.Vars {
			s.bindLoop(x.Range, v, nil)
		}
		s.expr(x.Body)
		return 0
	}
	return 0
}

func (s *symmetry) name(n *parser.Name) rankSet {
	sym := s.info.Uses[n]
	if sym == nil {
		return 0
	}
	switch sym.Kind {
	case SymSelf:
		if s.proc != nil {
			return bit(s.proc)
		}
	case SymParam:
		if isIntLike(sym.Type) {
			return constRank
		}
	case SymN:
		return constRank
	case SymGroup:
		if sym.Process != nil {
			return bit(sym.Process)
		}
	case SymSender:
		return s.senders[s.from[sym]]
	case SymMessage:
		var all rankSet
		if r, ok := sym.Type.(*Record); ok {
			for _, f := range r.Fields {
				all |= s.taint[f]
			}
		}
		return all | s.taint[sym]
	case SymStateVar:
		return s.taint[sym.Var]
	case SymShared:
		return s.taint[sym.Shared]
	default:
		return s.taint[sym]
	}
	return 0
}

func (s *symmetry) binary(x *parser.Binary) rankSet {
	l, r := s.expr(x.X), s.expr(x.Y)
	text := func(what string) string { return what + " (" + exprString(x) + ")" }
	switch x.Op {
	case "and", "or", "implies":
		return 0
	case "+", "-", "*", "/", "%":
		if !isIntLike(s.info.TypeOf(x)) {
			return 0 // joining strings
		}
		s.blockTypes(l|r, x.X, text("arithmetic on a rank"))
		return l | r
	case "<", "<=", ">", ">=":
		s.blockTypes(l|r, x.X, text("ranks are ordered"))
		return 0
	case "==", "!=":
		if isIntLike(s.info.TypeOf(x.X)) {
			if r&constRank != 0 {
				s.blockTypes(l, x.X, text("a rank is compared with a constant"))
			}
			if l&constRank != 0 {
				s.blockTypes(r, x.X, text("a rank is compared with a constant"))
			}
		}
		return 0
	case "in":
		if l&constRank != 0 && isNodeColl(s.info.TypeOf(x.Y)) {
			s.blockTypes(r, x.X, text("a constant rank is looked for"))
		}
		return 0
	}
	return 0
}

func (s *symmetry) call(x *parser.Call) rankSet {
	ci := s.info.Calls[x]
	if ci == nil {
		return 0
	}
	var args []rankSet
	for _, a := range x.Args {
		args = append(args, s.expr(a))
	}
	all := func() rankSet {
		var t rankSet
		for _, a := range args {
			t |= a
		}
		return t
	}
	text := func(what string) string { return what + " (" + exprString(x) + ")" }
	if ci.Recv == nil {
		switch ci.Builtin {
		case BuiltinMin, BuiltinMax:
			s.blockTypes(all(), x, text("ranks are ordered"))
			return all()
		case BuiltinAbs:
			s.blockTypes(all(), x, text("arithmetic on a rank"))
			return all()
		case BuiltinRandom:
			s.blockTypes(all(), x, text("a rank bounds random"))
		}
		return 0
	}
	sel, ok := x.Fun.(*parser.Selector)
	if !ok {
		return 0
	}
	recv := s.expr(sel.X)
	if c, ok := ci.Recv.(*Counter); ok {
		switch ci.Builtin {
		case MethodFetchAdd:
			s.blockTypes(all(), x, text("arithmetic on a rank"))
			s.flow(c.Shared, all())
		case MethodCompareAndSwap:
			if len(args) == 2 {
				s.flow(c.Shared, args[1])
				if args[0]&constRank != 0 {
					s.blockTypes(recv, x, text("a rank is compared with a constant"))
				}
				if recv&constRank != 0 {
					s.blockTypes(args[0], x, text("a rank is compared with a constant"))
				}
			}
			return 0
		}
		return s.taint[c.Shared]
	}
	switch ci.Builtin {
	case MethodSize:
		return 0
	case MethodContains, MethodRemove:
		if len(args) == 1 && args[0]&constRank != 0 && isNodeColl(ci.Recv) {
			s.blockTypes(recv, x, text("a constant rank is looked for"))
		}
		return 0
	case MethodAdd, MethodAppend:
		s.assign(sel.X, all())
		return 0
	case MethodMax, MethodMin:
		s.blockTypes(recv, x, text("ranks are ordered"))
	case MethodSum:
		s.blockTypes(recv, x, text("arithmetic on a rank"))
	}
	return recv
}
