package sim

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Scheduler names: how a random run picks its next step.
const (
	// SchedTimed takes events in virtual-time order: messages arrive after
	// their drawn delay, timers when due. It is what `run --backend sim`
	// does: a run as it would happen on a network with those delays.
	SchedTimed = "timed"
	// SchedUniform takes any pending event with equal probability: a
	// message may be overtaken by any later one (unless FIFO forbids it), a
	// timer may fire before messages long due — any asynchronous schedule.
	SchedUniform = "uniform"
	// SchedPCT is probabilistic concurrency testing: processes get random
	// priorities, the highest with an event runs, and at a few random
	// steps the running process drops to the lowest priority. It favours
	// schedules in which one process runs far ahead of the others, which
	// uniform choice almost never produces.
	SchedPCT = "pct"
)

// Options configure one simulated run.
type Options struct {
	N         int
	Params    map[string]string
	Seed      int64
	Faults    Faults
	Scheduler string        // SchedTimed (default), SchedUniform or SchedPCT
	PCTDepth  int           // PCT's number of priority change points + 1 (default 3)
	MaxSteps  int           // 0: DefaultMaxSteps
	MaxTime   time.Duration // virtual-time bound; 0: none
	// Deadline bounds the run in real time; zero: none.
	Deadline time.Time
	// NoEventually: eventually-properties are not checked at the end.
	NoEventually bool
}

// DefaultMaxSteps bounds a run that names no bound.
const DefaultMaxSteps = 100_000

// outcome is how a walk ended.
type outcome struct {
	end       runtime.EndReason
	err       string                  // EndError: the handler failure
	violated  *runtime.PropertyResult // EndViolation: the invariant
	props     []runtime.PropertyResult
	steps     int
	processes int // steps that ran a handler
}

// walk is one seeded run in progress.
type walk struct {
	w      *world
	o      *Options
	rng    *rand.Rand // the network's and the scheduler's decisions
	ctx    stepCtx
	record bool
	sched  []Step
	steps  int
	// PCT state.
	prio    []int
	changes []int // step numbers at which the running process's priority drops
	lowest  int
	// Timed faults not yet applied, in time order.
	timed   []timedFault
	lastDue map[[2]int]time.Duration // per pair: the last delivery time, for FIFO
}

type timedFault struct {
	at   time.Duration
	kind actKind
	rank int
}

func newWalk(d *runtime.Descriptor, o *Options, record bool) (*walk, error) {
	w, err := newWorld(d, o.N, o.Params, o.Seed)
	if err != nil {
		return nil, err
	}
	if err := o.Faults.Validate(o.N); err != nil {
		return nil, err
	}
	k := &walk{
		w:       w,
		o:       o,
		rng:     rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed_da7a_5eed_da7a)),
		record:  record,
		lastDue: map[[2]int]time.Duration{},
	}
	k.ctx.w = w
	for _, c := range o.Faults.Crashes {
		k.timed = append(k.timed, timedFault{c.At, actCrash, c.Rank})
	}
	for _, c := range o.Faults.Recover {
		k.timed = append(k.timed, timedFault{c.At, actRecover, c.Rank})
	}
	slices.SortStableFunc(k.timed, func(a, b timedFault) int { return cmp.Compare(a.at, b.at) })
	if o.Scheduler == SchedPCT {
		k.initPCT()
	}
	return k, nil
}

func (k *walk) maxSteps() int {
	if k.o.MaxSteps > 0 {
		return k.o.MaxSteps
	}
	return DefaultMaxSteps
}

// initPCT draws the priorities and the change points.
func (k *walk) initPCT() {
	n := k.w.n
	depth := k.o.PCTDepth
	if depth <= 0 {
		depth = 3
	}
	k.prio = make([]int, n)
	perm := k.rng.Perm(n)
	for r := range k.prio {
		k.prio[r] = depth + perm[r] // initial priorities are above every change's
	}
	bound := min(k.maxSteps(), pctHorizon) // change points early enough to matter in short runs
	for i := 0; i < depth-1; i++ {
		k.changes = append(k.changes, 1+k.rng.IntN(bound))
	}
	k.lowest = depth - 1
}

// candidate is an event that may happen next.
type candidate struct {
	a   action
	due time.Duration
	seq uint64
}

// candidates lists the events that may happen next.
func (k *walk) candidates(buf []candidate) []candidate {
	w := k.w
	buf = buf[:0]
	for r := range w.ranks {
		rs := &w.ranks[r]
		if !rs.started && !rs.crashed {
			buf = append(buf, candidate{a: action{kind: actStart, rank: r}, due: 0, seq: uint64(r)})
		}
	}
	for i, e := range w.net {
		if !w.ranks[e.to].live() {
			continue // not started yet (dead receivers' messages are discarded)
		}
		if !k.o.Faults.Reorder && !w.headOfPair(i) {
			continue
		}
		buf = append(buf, candidate{a: action{kind: actDeliver, rank: e.to, from: e.from, env: i}, due: e.due, seq: uint64(w.n) + e.id*2})
	}
	// Timers: the timed scheduler orders them with everything else by due
	// time. The others take messages in any order but fire a timer only
	// once it is due, or when nothing else can happen (then the earliest):
	// a timeout that could come at any moment would make every retrying
	// algorithm livelock, which is a fact of asynchrony the explorer
	// covers, not what a random walk should spend its steps on.
	early := k.o.Scheduler != SchedTimed
	messages := len(buf)
	var next *candidate
	for r := range w.ranks {
		rs := &w.ranks[r]
		if !rs.live() {
			continue
		}
		for t := range rs.timers {
			if ts := &rs.timers[t]; ts.armed {
				c := candidate{a: action{kind: actFire, rank: r, timer: t}, due: ts.due, seq: uint64(w.n) + ts.seq*2 + 1}
				if !early || ts.due <= w.now {
					buf = append(buf, c)
				} else if next == nil || c.due < next.due || c.due == next.due && c.seq < next.seq {
					next = &c
				}
			}
		}
	}
	if early && len(buf) == messages && messages == 0 && next != nil {
		buf = append(buf, *next)
	}
	return buf
}

// pick chooses the next event among cands (not empty).
func (k *walk) pick(cands []candidate) candidate {
	switch k.o.Scheduler {
	case SchedUniform:
		return cands[k.rng.IntN(len(cands))]
	case SchedPCT:
		// The process of highest priority with something to do runs; which
		// of its pending events it takes is chosen at random (per-pair FIFO
		// still holds), since a process does not choose the order in which
		// the network brings it messages.
		top := -1
		for _, c := range cands {
			if p := k.prio[c.a.rank]; p > top {
				top = p
			}
		}
		mine := 0
		for _, c := range cands {
			if k.prio[c.a.rank] == top {
				mine++
			}
		}
		pick := k.rng.IntN(mine)
		var c candidate
		for _, x := range cands {
			if k.prio[x.a.rank] == top {
				if pick == 0 {
					c = x
					break
				}
				pick--
			}
		}
		for _, at := range k.changes {
			if at == k.steps+1 {
				k.prio[c.a.rank] = k.lowest
				k.lowest--
			}
		}
		return c
	default:
		best := 0
		for i, c := range cands[1:] {
			if c.due < cands[best].due || c.due == cands[best].due && c.seq < cands[best].seq {
				best = i + 1
			}
		}
		return cands[best]
	}
}

// run takes steps until the run ends. ctx may end it early (EndTimeout).
func (k *walk) run(ctx context.Context) outcome {
	w := k.w
	var done <-chan struct{}
	if ctx != nil {
		done = ctx.Done()
	}
	// The invariants checked after every step keep to the deadline too.
	w.stopChecks(k.o.Deadline, done)
	var cands []candidate
	for {
		if k.steps >= k.maxSteps() {
			return k.finish(runtime.EndBound)
		}
		if k.steps&255 == 0 {
			if ctx != nil && ctx.Err() != nil {
				return k.finish(runtime.EndTimeout)
			}
			if !k.o.Deadline.IsZero() && time.Now().After(k.o.Deadline) {
				return k.finish(runtime.EndTimeout)
			}
		}
		cands = k.candidates(cands)
		var next *candidate
		if len(cands) > 0 {
			c := k.pick(cands)
			next = &c
		}
		// A timed fault comes first when it is due before the next event.
		if len(k.timed) > 0 && (next == nil || k.timed[0].at <= max(w.now, next.due)) {
			f := k.timed[0]
			k.timed = k.timed[1:]
			w.now = max(w.now, f.at)
			if k.o.MaxTime > 0 && w.now > k.o.MaxTime {
				return k.finish(runtime.EndBound)
			}
			if f.kind == actCrash && w.ranks[f.rank].crashed || f.kind == actRecover && !w.ranks[f.rank].crashed {
				continue // crashing the crashed, recovering the live: nothing happens
			}
			if done, o := k.take(action{kind: f.kind, rank: f.rank}); done {
				return o
			}
			continue
		}
		if next == nil {
			if w.allDone() {
				return k.finish(runtime.EndHalted)
			}
			return k.finish(runtime.EndQuiescent)
		}
		w.now = max(w.now, next.due)
		if k.o.MaxTime > 0 && w.now > k.o.MaxTime {
			return k.finish(runtime.EndBound)
		}
		a := next.a
		if a.kind == actDeliver {
			e := w.net[a.env]
			if k.cut(e.from, e.to) {
				a.kind, a.why = actDrop, "partition"
			}
		}
		if done, o := k.take(a); done {
			return o
		}
	}
}

// cut reports whether a partition cuts from -> to now.
func (k *walk) cut(from, to int) bool {
	for i := range k.o.Faults.Cuts {
		if k.o.Faults.Cuts[i].cuts(from, to, k.w.now) {
			return true
		}
	}
	return false
}

// take runs one step and the network's decisions about what it sent; it
// reports whether the run ended (a failure or a violated invariant).
func (k *walk) take(a action) (bool, outcome) {
	w := k.w
	var st Step
	if k.record {
		st = w.stepOf(a)
	}
	k.ctx.mode = randSeeded
	err := w.apply(a, &k.ctx)
	k.steps++
	if k.record {
		st.Rands = append([]int64(nil), k.ctx.rands...)
		k.sched = append(k.sched, st)
	}
	if err != nil {
		o := k.finish(runtime.EndError)
		o.err = err.Error()
		return true, o
	}
	if a.kind == actDrop || a.kind == actDup {
		return false, outcome{}
	}
	if a.kind != actCrash {
		k.network(a)
	}
	w.discardDead()
	if ok, _ := w.invariantsHold(); ok {
		return false, outcome{}
	}
	bad, all, err := w.checkInvariants(false)
	if w.checksStopped() {
		// The deadline cut the check: the run ends as any run past its
		// deadline, its checks given the grace every backend gives.
		return true, k.finish(runtime.EndTimeout)
	}
	if err != nil || bad != nil {
		o := k.finish(runtime.EndViolation)
		if err != nil {
			o.end, o.err = runtime.EndError, err.Error()
		}
		o.violated, o.props = bad, all
		return true, o
	}
	return false, outcome{}
}

// network draws the delay of every message the last step sent, and loses
// or duplicates some as the faults ask; each loss or duplication is a step
// of its own, so that the schedule shows it and a replay repeats it.
func (k *walk) network(a action) {
	w, f := k.w, &k.o.Faults
	sent := append([]*envelope(nil), k.ctx.sent...)
	lo, hi := f.DelayLo, f.DelayHi
	if lo == 0 && hi == 0 {
		lo, hi = DefaultDelayLo, DefaultDelayHi
	}
	for _, e := range sent {
		k.setDue(e, lo, hi)
		if f.Drop > 0 && k.rng.Float64() < f.Drop {
			if i := w.indexOf(e); i >= 0 {
				k.take(action{kind: actDrop, rank: e.to, from: e.from, env: i})
			}
			continue
		}
		if f.Dup > 0 && k.rng.Float64() < f.Dup {
			if i := w.indexOf(e); i >= 0 {
				k.take(action{kind: actDup, rank: e.to, from: e.from, env: i})
				d := w.net[len(w.net)-1]
				k.setDue(d, lo, hi)
			}
		}
	}
}

// setDue draws a message's delivery time; without --reorder a message is
// never due before an earlier one of the same pair.
func (k *walk) setDue(e *envelope, lo, hi time.Duration) {
	d := lo
	if hi > lo {
		d += time.Duration(k.rng.Int64N(int64(hi-lo) + 1))
	}
	e.due = k.w.now + d
	if !k.o.Faults.Reorder {
		key := [2]int{e.from, e.to}
		e.due = max(e.due, k.lastDue[key])
		k.lastDue[key] = e.due
	}
}

// indexOf finds e in the network.
func (w *world) indexOf(e *envelope) int {
	for i, x := range w.net {
		if x == e {
			return i
		}
	}
	return -1
}

// finish ends the walk: eventually-properties are checked unless it ended
// in a failure.
func (k *walk) finish(end runtime.EndReason) outcome {
	o := outcome{end: end, steps: k.steps}
	if end == runtime.EndError || end == runtime.EndViolation {
		return o
	}
	if !k.o.Deadline.IsZero() {
		k.w.checkBy = checkDeadline(k.o.Deadline)
	}
	bad, all, err := k.w.checkInvariants(!k.o.NoEventually)
	if err != nil {
		o.end, o.err = runtime.EndError, err.Error()
		return o
	}
	o.props = all
	if bad != nil {
		o.violated = bad
	}
	return o
}

// pctHorizon is the number of steps over which PCT spreads its change
// points: about the length of a run of a small protocol instance.
var pctHorizon = 40

// checkDeadline is when the checks at the end of a run due to end by
// deadline must end: the deadline, or runtime.CheckGrace from now if that
// is later, as on every backend.
func checkDeadline(deadline time.Time) time.Time {
	if grace := time.Now().Add(runtime.CheckGrace); grace.After(deadline) {
		return grace
	}
	return deadline
}
