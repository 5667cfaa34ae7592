package runtime

import "time"

// What generated code offers a simulator beyond the Process interface. Each
// piece is optional: a backend that does not need it ignores it, and
// generated code calls it through helpers that do nothing on a Context that
// does not implement it, so the channel and MPI backends pay one type
// assertion and nothing else.

// Recoverable is implemented by processes that can crash and come back
// (crash-recover faults). Restart is the crash: every variable not
// declared `durable` goes back to its initial value; durable ones keep
// theirs. Recover then handles the recover event: the spec's `on recover`
// handler, or its `on start` handler when it declares none.
type Recoverable interface {
	Restart()
	Recover(ctx Context)
}

// RankPermuter is implemented by generated processes and messages of an
// algorithm with a symmetric process type: PermuteRanks rewrites every
// value in it that holds a rank (as the checker's rank-flow analysis
// determines) from v to perm[v]; values outside [0, len(perm)) are left alone.
//
// A symmetry-reducing explorer permutes the ranks of symmetric process
// types (perm is the identity on the others), moves each process's state
// to its new rank and calls PermuteRanks on every process and message in
// flight. It does not touch a process's own rank or its view of the run
// (the ranks of the groups): those belong to the rank the state moves to.
// PermuteRanks replaces the collections it rewrites rather than writing
// into them, so a value that shares a collection with another (a
// shallow copy of a message) leaves that one alone.
type RankPermuter interface {
	PermuteRanks(perm []int)
}

// PermuteRank is perm[v] for a value v that holds a rank, and v itself
// when it is outside [0, len(perm)) (a sentinel such as -1). Generated
// PermuteRanks methods call it.
func PermuteRank(perm []int, v int64) int64 {
	if v < 0 || v >= int64(len(perm)) {
		return v
	}
	return int64(perm[v])
}

// HandlerInfo describes one handler of a process type, as coverage reports
// it. Descriptor.Handlers lists every handler of the algorithm; a handler's
// id is its index there.
type HandlerInfo struct {
	Process string `json:"process"` // the process type
	Event   string `json:"event"`   // "start", "recover", "timer attempt", or a message kind
	Guard   string `json:"guard"`   // the `when` condition's text, "" if none
	Line    int    `json:"line"`    // the handler's line in the spec
}

// Coverage is implemented by a Context that counts which handlers ran.
type Coverage interface {
	// Covered records that the handler with the given id ran (ran true) or
	// that its guard was false for an event it would have taken. Generated
	// code reports a run before the handler changes anything (guards
	// change nothing), so the explorer copies a process only for the
	// events it handles, in Covered.
	Covered(handler int, ran bool)
}

// StateCopier is implemented by generated processes: CopyStateTo makes dst,
// a process of the same type and rank, an independent copy of the
// receiver's state, reusing dst's collections' memory. The explorer copies
// the acting process before each step that changes it; reusing the copy a
// step left behind saves the allocations of Clone.
type StateCopier interface {
	CopyStateTo(dst Process)
}

// HandlerCopier is implemented by generated processes with collections in
// their state. CopyStateFor is CopyStateTo for a step that runs handler
// (an id as Covered reports it) on the receiver: the collections the
// handler does not mention, which the step leaves as they are, are shared
// with dst instead of copied. Unshare(handler), called on the receiver
// once the step is over, drops those collections from it, so that dst
// owns them again and the receiver may be copied into.
type HandlerCopier interface {
	CopyStateFor(dst Process, handler int)
	Unshare(handler int)
}

// Cover records a handler's run or its false guard on ctx, when ctx counts
// them. Generated handlers call it.
func Cover(ctx Context, handler int, ran bool) {
	if c, ok := ctx.(Coverage); ok {
		c.Covered(handler, ran)
	}
}

// DelayRand is implemented by a Context that treats randomness that only
// decides a timer's delay apart from other randomness: the explorer, for
// which a timer may fire at any moment whatever its delay, does not branch
// on it.
type DelayRand interface {
	RandDelay(lo, hi int64) int64
}

// RandDelay is random(lo, hi) inside a timer's `after` expression.
// Generated code calls it there; everywhere else it calls ctx.Rand. On a
// Context without DelayRand it is ctx.Rand, so every backend draws the same
// stream.
func RandDelay(ctx Context, lo, hi int64) int64 {
	if d, ok := ctx.(DelayRand); ok {
		return d.RandDelay(lo, hi)
	}
	return ctx.Rand(lo, hi)
}

// Explanation says why a property is false in a state: the values its
// quantifiers were bound to when it failed, and the value of each
// sub-expression of its body under those bindings, outermost first.
type Explanation struct {
	Property string      `json:"property"`
	Text     string      `json:"text"`
	Bindings []Binding   `json:"bindings"`
	Terms    []TermValue `json:"terms"`
}

// Binding is one quantified variable and the value it had.
type Binding struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// TermValue is one sub-expression of a property and its value.
type TermValue struct {
	Text  string `json:"text"`
	Value string `json:"value"`
}

// Violation is a property found false by the simulator, with the run that
// led to it.
type Violation struct {
	Property string        `json:"property"`
	Kind     string        `json:"kind"` // invariant, eventually, error (a handler failed), deadlock
	Message  string        `json:"message"`
	Step     int           `json:"step"` // the step after which it was found (1-based)
	At       time.Duration `json:"at_ns"`
	// Lasso, for an eventually-property found false on a cycle: the step
	// at which the cycle starts; 0 otherwise.
	Lasso      int    `json:"lasso,omitempty"`
	Replay     string `json:"replay"` // the replay file written for it
	ShrunkFrom int    `json:"shrunk_from"`
	// N is the number of processes of the counterexample: fewer than the
	// search's when shrinking removed some (ShrunkFromN is then the
	// original number).
	N           int          `json:"n"`
	ShrunkFromN int          `json:"shrunk_from_n,omitempty"`
	Explanation *Explanation `json:"explanation,omitempty"`
	States      []string     `json:"states"` // every process's state at the violation
	Trace       []TraceStep  `json:"trace"`
}

// TraceStep is one step of a counterexample, as people read it.
type TraceStep struct {
	Step    int           `json:"step"`
	At      time.Duration `json:"at_ns"`
	Text    string        `json:"text"`              // "p2 receives Accept{ballot: 4, value: 101} from p1"
	Changes []string      `json:"changes,omitempty"` // "p2.promised: -1 -> 4", "sends Promise{…} to p1"
}

// HandlerCoverage is how often one handler ran in a run or a search.
type HandlerCoverage struct {
	HandlerInfo
	Ran        int64 `json:"ran"`
	GuardFalse int64 `json:"guard_false"`
}
