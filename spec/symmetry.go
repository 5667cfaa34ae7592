package spec

import (
	"fmt"
	"sort"
	"strings"

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
// may be ranks (integer literals, parameters, n, and values of unknown
// origin: size(), majority, random, now(); not negative literals such as
// the usual sentinel -1). A collection is followed part by part: the
// elements of a list or set, the keys of a map and its values apart, so
// that a map from ballots to sets of ranks holds ranks in its values and
// not in its keys. Passes over every handler, initialiser and property
// repeat until these sets stop growing; a last pass looks for what tells
// ranks apart. A process type is not symmetric when its ranks
//   - take part in arithmetic (+ - * / %, negation, abs, sum, fetch_add,
//     the bounds of a range or of random, the body of a sum aggregate),
//   - are ordered (< <= > >=, min, max, a collection's max() or min()),
//   - index a list,
//   - meet a constant that may be a rank: compared with == or != (also
//     inside collections and records compared whole), looked for with in
//     or contains, removed from a set or map, used as a map key, or looked
//     up among elements or keys that may be constants;
//
// or when it is placed on a single rank, or when a constant that may be a
// rank is a destination of send or broadcast (that rank may be one of
// its; a literal rank that is another type's single rank is not).
//
// The analysis is conservative: it may call a symmetric type asymmetric
// (an integer variable that holds both ranks and counts, a comparison with
// a constant that is never a rank), never the reverse.
//
// What it learns also says where the ranks of the symmetric types are
// kept (Var.Ranks, FieldInfo.Ranks, Shared.HoldsRanks), so that generated
// code can rename them when a model checker permutes ranks.

// rankSet is a set of process types (bit i: Processes[i]) with constRank
// for constants that may be ranks.
type rankSet uint64

const (
	constRank rankSet = 1 << 63
	maxTypes          = 63 // process types the analysis can tell apart
)

func (s rankSet) types() rankSet { return s &^ constRank }

// aval is what a value may carry, part by part: the path of a part ("" the
// value itself, then a step per collection: e element, k key, v value, as
// in RankParts) to its rankSet. A record carries nothing of its own: what
// its fields hold is kept per field (FieldInfo), whatever record holds it.
// A nil aval carries nothing. Avals are never modified once built.
type aval map[string]rankSet

func scalar(t rankSet) aval {
	if t == 0 {
		return nil
	}
	return aval{"": t}
}

// all is everything the value may carry, in any part.
func (a aval) all() rankSet {
	var t rankSet
	for _, x := range a {
		t |= x
	}
	return t
}

// at is the part of a below the path prefix (a step or steps).
func (a aval) at(prefix string) aval {
	var out aval
	for p, t := range a {
		if rest, ok := strings.CutPrefix(p, prefix); ok && t != 0 {
			if out == nil {
				out = aval{}
			}
			out[rest] = t
		}
	}
	return out
}

// under is a as the part prefix of a larger value.
func (a aval) under(prefix string) aval {
	var out aval
	for p, t := range a {
		if t != 0 {
			if out == nil {
				out = aval{}
			}
			out[prefix+p] = t
		}
	}
	return out
}

func (a aval) join(b aval) aval {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := aval{}
	for p, t := range a {
		out[p] |= t
	}
	for p, t := range b {
		out[p] |= t
	}
	return out
}

// blocker is the first reason found for a process type not to be symmetric.
type blocker struct {
	pos source.Pos
	why string
}

type symmetry struct {
	c       *checker
	alg     *Algorithm
	info    *Info
	taint   map[any]aval         // by *Var, *Symbol, *FieldInfo, *Shared
	senders map[*Record]rankSet  // the process types that send each message
	from    map[*Symbol]*Record  // sender variables and the message they are the sender of
	proc    *Process             // the process whose handler is analysed, or nil
	grew    bool                 // a set grew in this pass
	final   bool                 // the last pass: record blockers
	blocked map[*Process]blocker // the first blocker of each process type
}

// checkSymmetry sets Symmetric and SymmetryBlocker on every process type,
// and where ranks of the symmetric ones are kept (setRanks). It runs on a
// spec without errors only: it relies on every expression having a type.
func (c *checker) checkSymmetry() {
	procs := c.alg.Processes
	if len(procs) > maxTypes {
		for _, p := range procs {
			p.SymmetryBlocker = fmt.Sprintf("%s: more than %d process types: the symmetry analysis does not tell them apart", c.pos(p.Decl.Name), maxTypes)
		}
		c.alg.PermutationBlocker = "no process type is symmetric"
		return
	}
	s := &symmetry{c: c, alg: c.alg, info: c.info, taint: map[any]aval{},
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
	s.setRanks()
}

// setRanks records, from what the analysis learned, which parts of the
// state variables, record and message fields and shared counters may hold
// a rank of a symmetric process type, and whether the algorithm is
// Permutable.
func (s *symmetry) setRanks() {
	var sym rankSet
	for _, p := range s.alg.Processes {
		if p.Symmetric {
			sym |= bit(p)
		}
	}
	parts := func(a aval) RankParts {
		var out RankParts
		for p, t := range a {
			if t&sym != 0 {
				out = append(out, p)
			}
		}
		sort.Strings(out)
		return out
	}
	records := append(append([]*Record{}, s.alg.Records...), s.alg.Messages...)
	for _, r := range records {
		for _, f := range r.Fields {
			f.Ranks = parts(s.taint[f])
		}
	}
	for _, sh := range s.alg.Shared {
		sh.HoldsRanks = s.taint[sh][""]&sym != 0
	}
	// A record holds ranks when a field does, itself or in a record it
	// holds; records do not nest recursively, so this ends.
	for changed := true; changed; {
		changed = false
		for _, r := range records {
			for _, f := range r.Fields {
				f.HoldsRanks = len(f.Ranks) > 0 || holdsRankRecord(f.Type)
				if f.HoldsRanks && !r.HoldsRanks {
					r.HoldsRanks = true
					changed = true
				}
			}
		}
	}
	for _, p := range s.alg.Processes {
		for _, v := range p.Vars {
			v.Ranks = parts(s.taint[v])
			v.HoldsRanks = len(v.Ranks) > 0 || holdsRankRecord(v.Type)
		}
	}
	s.alg.Permutable = sym != 0
	if sym == 0 {
		s.alg.PermutationBlocker = "no process type is symmetric"
	}
}

// holdsRankRecord reports whether a value of type t holds a record whose
// fields hold ranks.
func holdsRankRecord(t Type) bool {
	switch t := t.(type) {
	case *List:
		return holdsRankRecord(t.Elem)
	case *Map:
		return holdsRankRecord(t.Value)
	case *Record:
		return t.HoldsRanks
	}
	return false
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
		}
		for _, body := range bodies(p) {
			parser.Inspect(body, func(n parser.Node) bool {
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
			s.flow(sh, s.val(sh.Init))
		}
	}
	for _, p := range s.alg.Processes {
		s.proc = p
		for _, v := range p.Vars {
			if v.Init != nil {
				s.flow(v, s.val(v.Init))
			}
		}
		for _, h := range p.Handlers {
			if h.Await != nil && h.Kind == OnMessage {
				s.await(h.Await)
			}
			if h.Guard != nil {
				s.val(h.Guard)
			}
			if h.Body != nil {
				s.stmts(h.Body.Stmts)
			}
		}
		s.funcs(p.Funcs)
	}
	s.proc = nil
	s.funcs(s.alg.Funcs)
	for _, prop := range s.alg.Properties {
		s.val(prop.Expr)
	}
}

// flow adds v to what the location key may hold.
func (s *symmetry) flow(key any, v aval) {
	if key == nil {
		return
	}
	for p, t := range v {
		if t == 0 {
			continue
		}
		old := s.taint[key]
		if o := old[p]; o|t != o {
			if old == nil {
				old = aval{}
				s.taint[key] = old
			}
			old[p] = o | t
			s.grew = true
		}
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

// compare checks two values of type t that are compared, or one looked
// for among the other's elements or keys: a constant that may be a rank
// on one side tells apart the ranks on the other. Collections are compared
// part by part, records field by field; fwd says why when l is the
// constant, rev when r is.
func (s *symmetry) compare(l, r aval, t Type, at parser.Expr, fwd, rev string) {
	if s.final {
		s.compareIn(l, r, t, at, fwd, rev, map[*Record]bool{})
	}
}

func (s *symmetry) compareIn(l, r aval, t Type, at parser.Expr, fwd, rev string, seen map[*Record]bool) {
	switch t := t.(type) {
	case *Basic:
		if isIntLike(t) {
			if l[""]&constRank != 0 {
				s.blockTypes(r[""], at, fwd)
			}
			if r[""]&constRank != 0 {
				s.blockTypes(l[""], at, rev)
			}
		}
	case *List:
		s.compareIn(l.at("e"), r.at("e"), t.Elem, at, fwd, rev, seen)
	case *Set:
		s.compareIn(l.at("e"), r.at("e"), t.Elem, at, fwd, rev, seen)
	case *Map:
		s.compareIn(l.at("k"), r.at("k"), t.Key, at, fwd, rev, seen)
		s.compareIn(l.at("v"), r.at("v"), t.Value, at, fwd, rev, seen)
	case *Group:
		s.compareIn(l.at("e"), r.at("e"), TNode, at, fwd, rev, seen)
	case *Tuple:
		for i, et := range t.Elems {
			s.compareIn(l.at(partStep(i)), r.at(partStep(i)), et, at, fwd, rev, seen)
		}
	case *Record:
		// The fields of both records hold what the fields of any record
		// of the type may hold: a field that may hold a constant and a
		// rank compares them.
		if seen[t] {
			return
		}
		seen[t] = true
		for _, f := range t.Fields {
			ft := s.taint[f]
			s.compareIn(ft, ft, f.Type, at, fwd, rev, seen)
		}
	}
}

// elems is what a collection's elements (a map's keys) may carry, and
// their type.
func (s *symmetry) elems(c aval, t Type) (aval, Type) {
	switch t := t.(type) {
	case *List:
		return c.at("e"), t.Elem
	case *Set:
		return c.at("e"), t.Elem
	case *Map:
		return c.at("k"), t.Key
	case *Group:
		return c.at("e"), TNode
	}
	return nil, TInvalid
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
		s.val(st.Cond)
		s.block(st.Then)
		if st.Else != nil {
			if st.Else.If != nil {
				s.stmt(st.Else.If)
			} else {
				s.block(st.Else.Block)
			}
		}
	case *parser.ForStmt:
		s.bindLoop(st.Range, loopVar{st.Key, st.KeyTuple}, loopVar{st.Value, st.ValueTuple})
		s.block(st.Body)
	case *parser.WhileStmt:
		s.val(st.Cond)
		s.block(st.Body)
	case *parser.LetStmt:
		v := s.val(st.Value)
		if st.Name == nil {
			for i, p := range st.Parts {
				if sym := s.info.Defs[p]; sym != nil {
					s.flow(sym, v.at(partStep(i)))
				}
			}
			return
		}
		s.flow(s.info.Defs[st.Name], v)
	case *parser.SendStmt:
		s.val(st.Msg)
		s.destination(st.To, fmt.Sprintf("a rank given as a constant (send to %s)", exprString(st.To)))
	case *parser.ReplyStmt:
		s.val(st.Msg)
	case *parser.BroadcastStmt:
		s.val(st.Msg)
		if st.To != nil {
			s.destination(st.To, fmt.Sprintf("a rank given as a constant (broadcast to %s)", exprString(st.To)))
		}
	case *parser.OutputStmt:
		for _, a := range st.Args {
			s.val(a)
		}
	case *parser.TimerStmt:
		s.val(st.Delay)
	case *parser.AssignStmt:
		switch st.Op {
		case "=":
			s.val(st.LHS)
			s.store(st.LHS, s.val(st.RHS))
		case "+=", "-=":
			t := s.expr(st.LHS) | s.expr(st.RHS)
			s.blockTypes(t, st.LHS, "arithmetic on a rank ("+exprString(st.LHS)+" "+st.Op+" "+exprString(st.RHS)+")")
			s.store(st.LHS, scalar(t))
		default:
			s.val(st.LHS)
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

// store adds v, what is stored into lhs, to the location it stores into:
// the part of a variable (an element of a list, a map's value, and the
// keys it is stored under), or of the record field it selects.
func (s *symmetry) store(lhs parser.Expr, v aval) {
	for depth := 0; depth < 1000; depth++ {
		switch x := lhs.(type) {
		case *parser.Paren:
			lhs = x.X
			continue
		case *parser.Index:
			switch s.info.TypeOf(x.X).(type) {
			case *List:
				v = v.under("e")
			case *Map:
				v = v.under("v").join(s.val(x.Index).under("k"))
			default:
				v = nil
			}
			lhs = x.X
			continue
		case *parser.Selector:
			if r, ok := s.info.TypeOf(x.X).(*Record); ok && x.Name != nil {
				if f := r.Field(x.Name.Name); f != nil {
					s.flow(f, v)
				}
			}
			v = nil // what the record holds is kept per field
			lhs = x.X
			continue
		case *parser.Name:
			s.flow(s.location(x), v)
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
func (s *symmetry) bindLoop(coll parser.Expr, key, val loopVar) {
	var k, v aval
	switch r := unparen(coll).(type) {
	case *parser.Range:
		t := s.expr(r.Lo) | s.expr(r.Hi)
		s.blockTypes(t, r.Lo, "a rank bounds a range ("+exprString(r)+")")
		k = scalar(t)
	default:
		c := s.val(coll)
		switch s.info.TypeOf(coll).(type) {
		case *List:
			k = c.at("e")
			if val.declared() {
				k, v = scalar(constRank), c.at("e") // an index and the element
			}
		case *Map:
			k, v = c.at("k"), c.at("v")
		default:
			k = c.at("e")
		}
	}
	s.bind(key, k)
	s.bind(val, v)
}

// loopVar is what a for loop or quantifier binds to each value: a name,
// or the names of a tuple's parts.
type loopVar struct {
	id    *parser.Ident
	tuple *parser.TuplePattern
}

func (v loopVar) declared() bool { return v.id != nil || v.tuple != nil }

// bind gives v what the values it is bound to carry: each part of a tuple
// what that part does.
func (s *symmetry) bind(v loopVar, t aval) {
	switch {
	case v.id != nil:
		s.flow(s.info.Defs[v.id], t)
	case v.tuple != nil:
		for i, p := range v.tuple.Parts {
			if sym := s.info.Defs[p]; sym != nil {
				s.flow(sym, t.at(partStep(i)))
			}
		}
	}
}

// isIntLike reports whether t is int or node: the types ranks travel in.
func isIntLike(t Type) bool { return t == TInt || t == TNode }

// expr returns what e's value may carry in any part.
func (s *symmetry) expr(e parser.Expr) rankSet { return s.val(e).all() }

// val returns what e's value may carry, part by part, checking on the way
// for what tells ranks apart.
func (s *symmetry) val(e parser.Expr) aval {
	switch x := e.(type) {
	case *parser.Paren:
		return s.val(x.X)
	case *parser.IntLit:
		return scalar(constRank)
	case *parser.Name:
		return s.name(x)
	case *parser.Unary:
		t := s.expr(x.X)
		if x.Op == "not" {
			return nil
		}
		if lit, ok := unparen(x.X).(*parser.IntLit); ok && lit.Value > 0 {
			return nil // a negative constant is never a rank
		}
		s.blockTypes(t, x, "arithmetic on a rank ("+exprString(x)+")")
		return scalar(t)
	case *parser.Binary:
		return scalar(s.binary(x))
	case *parser.Range:
		t := s.expr(x.Lo) | s.expr(x.Hi)
		s.blockTypes(t, x, "a rank bounds a range ("+exprString(x)+")")
		return scalar(t)
	case *parser.Selector:
		xv := s.val(x.X)
		switch t := s.info.TypeOf(x.X).(type) {
		case *Tuple:
			return s.tuplePart(xv, x)
		case *Record:
			if f := t.Field(x.Name.Name); f != nil {
				return s.taint[f]
			}
		case *ProcState:
			if x.Name.Name == "self" {
				return scalar(bit(t.Process))
			}
			if v := t.Process.Var(x.Name.Name); v != nil {
				return s.taint[v]
			}
		}
		return nil
	case *parser.Index:
		c := s.val(x.X)
		i := s.val(x.Index)
		switch ct := s.info.TypeOf(x.X).(type) {
		case *List:
			s.blockTypes(i.all(), x.Index, "a rank indexes a list ("+exprString(x)+")")
			return c.at("e")
		case *Map:
			s.compare(i, c.at("k"), ct.Key, x.Index,
				"a constant rank as a map key ("+exprString(x)+")",
				"a rank is looked up among constant keys ("+exprString(x)+")")
			return c.at("v")
		}
		return c
	case *parser.Call:
		return s.call(x)
	case *parser.Composite:
		if ci := s.info.Composites[x]; ci != nil {
			for i, v := range ci.Values {
				if v == nil || i >= len(ci.Record.Fields) {
					continue
				}
				s.flow(ci.Record.Fields[i], s.val(v))
			}
		}
		return nil // what a record holds is kept per field
	case *parser.ListLit:
		var all aval
		for _, el := range x.Elems {
			all = all.join(s.val(el))
		}
		return all.under("e")
	case *parser.Quantifier:
		for i, v := range x.Vars {
			s.bindLoop(x.Range, loopVar{v, x.Tuple(i)}, loopVar{})
		}
		b := s.val(x.Body)
		if x.IsAggregate() {
			return s.aggregate(x, b)
		}
		return nil
	case *parser.TupleLit:
		return s.tupleLit(x)
	case *parser.Extremum:
		return s.extremum(x)
	}
	return nil
}

func (s *symmetry) name(n *parser.Name) aval {
	sym := s.info.Uses[n]
	if sym == nil {
		return nil
	}
	switch sym.Kind {
	case SymSelf:
		if s.proc != nil {
			return scalar(bit(s.proc))
		}
	case SymParam:
		if isIntLike(sym.Type) {
			return scalar(constRank)
		}
	case SymN:
		return scalar(constRank)
	case SymGroup:
		if sym.Process != nil {
			return aval{"e": bit(sym.Process)}
		}
	case SymSender:
		return scalar(s.senders[s.from[sym]])
	case SymStateVar:
		return s.taint[sym.Var]
	case SymShared:
		return s.taint[sym.Shared]
	default:
		return s.taint[sym]
	}
	return nil
}

func (s *symmetry) binary(x *parser.Binary) rankSet {
	lv, rv := s.val(x.X), s.val(x.Y)
	l, r := lv.all(), rv.all()
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
		why := text("a rank is compared with a constant")
		s.compare(lv, rv, s.info.TypeOf(x.X), x.X, why, why)
		return 0
	case "in":
		el, et := s.elems(rv, s.info.TypeOf(x.Y))
		s.compare(lv, el, et, x.X, text("a constant rank is looked for"), text("a rank is looked for among constants"))
		return 0
	}
	return 0
}

func (s *symmetry) call(x *parser.Call) aval {
	ci := s.info.Calls[x]
	if ci == nil {
		return nil
	}
	var args []aval
	for _, a := range x.Args {
		args = append(args, s.val(a))
	}
	if ci.Func != nil {
		return s.userCall(ci.Func, args)
	}
	all := func() rankSet {
		var t rankSet
		for _, a := range args {
			t |= a.all()
		}
		return t
	}
	text := func(what string) string { return what + " (" + exprString(x) + ")" }
	if ci.Recv == nil {
		switch ci.Builtin {
		case BuiltinMin, BuiltinMax:
			s.blockTypes(all(), x, text("ranks are ordered"))
			return scalar(all())
		case BuiltinAbs:
			s.blockTypes(all(), x, text("arithmetic on a rank"))
			return scalar(all())
		case BuiltinRandom:
			s.blockTypes(all(), x, text("a rank bounds random"))
			return scalar(constRank)
		case BuiltinMajority, BuiltinNow:
			return scalar(constRank)
		case BuiltinCrashed, BuiltinCorrect:
			// Whether a rank is down is renamed with the rank, but a
			// constant rank singles one out, as a destination does.
			if len(x.Args) == 1 {
				s.destination(x.Args[0], text("a rank given as a constant"))
			}
			return nil
		case BuiltinSorted:
			if len(args) == 1 {
				s.blockTypes(args[0].at("e").all(), x, text("ranks are ordered"))
				return args[0].at("e").under("e")
			}
		}
		return nil
	}
	sel, ok := x.Fun.(*parser.Selector)
	if !ok {
		return nil
	}
	recv := s.val(sel.X)
	if c, ok := ci.Recv.(*Counter); ok {
		switch ci.Builtin {
		case MethodFetchAdd:
			s.blockTypes(all(), x, text("arithmetic on a rank"))
			s.flow(c.Shared, scalar(all()))
		case MethodCompareAndSwap:
			if len(args) == 2 {
				s.flow(c.Shared, args[1])
				why := text("a rank is compared with a constant")
				s.compare(args[0], recv, TInt, x, why, why)
			}
			return nil
		}
		return s.taint[c.Shared]
	}
	el, et := s.elems(recv, ci.Recv)
	switch ci.Builtin {
	case MethodSize:
		return scalar(constRank)
	case MethodContains, MethodRemove:
		if len(args) == 1 {
			s.compare(args[0], el, et, x, text("a constant rank is looked for"), text("a rank is looked for among constants"))
		}
		return nil
	case MethodAdd, MethodAppend:
		if len(args) == 1 {
			s.store(sel.X, args[0].under("e"))
		}
		return nil
	case MethodMax, MethodMin:
		s.blockTypes(el.all(), x, text("ranks are ordered"))
		return el
	case MethodSort:
		s.blockTypes(el.all(), x, text("ranks are ordered"))
		return nil
	case MethodRemoveAt:
		if len(args) == 1 {
			s.blockTypes(args[0].all(), x, text("a rank indexes a list"))
		}
		return nil
	case MethodClear:
		return nil
	case MethodSum:
		s.blockTypes(el.all(), x, text("arithmetic on a rank"))
		return el
	case MethodKeys:
		return recv.at("k").under("e")
	case MethodValues:
		return recv.at("v").under("e")
	}
	return recv
}
