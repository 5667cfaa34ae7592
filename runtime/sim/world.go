package sim

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// envelope is a message in flight. It travels encoded, as on a real wire:
// the receiver decodes its own copy, so no state is shared between a
// sender's variables and what it sent.
type envelope struct {
	id      uint64 // order of sending, unique within a run
	from    int
	to      int
	kind    int
	payload []byte
	// enc is the message's encoding in the state it was decoded from
	// (explorer): copied as it is when a successor state is encoded.
	enc  []byte
	size int32         // bytes on the wire, kind included
	step int64         // causal step of the message (see runtime.Metrics)
	due  time.Duration // virtual delivery time (random runs)
}

// timerState is one timer of one process.
type timerState struct {
	armed    bool
	periodic bool
	period   time.Duration
	due      time.Duration
	seq      uint64 // arming order, to break ties between equal due times
	fires    int    // firings so far (bounds timers in exploration)
}

// rankState is what the simulator keeps about a process besides its state
// variables.
type rankState struct {
	started bool
	crashed bool
	halted  bool
	timers  []timerState
	rng     *rand.Rand // random(): the rank's own seeded stream, as on every backend
	step    int64      // causal step: the largest step delivered here
	outputs []runtime.Output
	stats   runtime.ProcessStats
}

// decoded reports whether e is a message decoded from a state encoding
// (and its enc that encoding) rather than sent since.
func (w *world) decoded(e *envelope) bool {
	return e.id >= w.decodedFrom && e.id < w.decodedTo
}

// live reports whether the process takes events.
func (r *rankState) live() bool { return r.started && !r.crashed && !r.halted }

// world is the global state of a simulated run: every process, the
// network, the armed timers, the shared counters and virtual time. The
// simulator mutates one world step by step; the explorer encodes it.
type world struct {
	d      *runtime.Descriptor
	inst   *runtime.Instance
	n      int
	procs  []runtime.Process
	ranks  []rankState
	net    []*envelope // in sending order
	net0   netArena    // where the explorer's envelopes come from
	shared []int64
	now    time.Duration
	nextID uint64
	// The messages decoded from a state encoding have ids in
	// [decodedFrom, decodedTo), in the encoding's (canonical) order.
	decodedFrom, decodedTo uint64
	seq                    uint64 // arming order of timers

	byKind     []runtime.KindStats // indexed by message kind
	sharedOps  int64
	coverRan   []int64 // per handler id (Descriptor.Handlers)
	coverNo    []int64 // guard false, per handler id
	faultsUsed int     // exploration: faults injected on the path to this state
	faults     []runtime.FaultEvent
	faultsCut  int // faults not listed (beyond maxFaultsListed)
	// checkBy, when not zero, is when the checks at the end of a run must
	// have ended: the properties not decided by then are errors saying so
	// (runtime.Instance.CheckWithin). It is set only for those checks.
	checkBy time.Time
}

// maxFaultsListed bounds the faults a result lists one by one; the rest
// are counted.
const maxFaultsListed = 200

// newWorld instantiates d for n processes; nothing has started yet.
func newWorld(d *runtime.Descriptor, n int, params map[string]string, seed int64) (*world, error) {
	if n < 1 {
		return nil, fmt.Errorf("%s: need at least one process, got n=%d", d.Name, n)
	}
	if err := d.CheckParams(params); err != nil {
		return nil, err
	}
	inst, err := d.New(runtime.Config{N: n, Params: params})
	if err != nil {
		return nil, err
	}
	if len(inst.Procs) != n {
		return nil, fmt.Errorf("%s: instantiated %d processes for n=%d", d.Name, len(inst.Procs), n)
	}
	w := &world{
		d:        d,
		inst:     inst,
		n:        n,
		procs:    inst.Procs,
		ranks:    make([]rankState, n),
		shared:   append([]int64(nil), inst.Shared...),
		byKind:   make([]runtime.KindStats, len(d.Messages)+1),
		coverRan: make([]int64, len(d.Handlers)),
		coverNo:  make([]int64, len(d.Handlers)),
	}
	timers := timerCounts(d)
	for r := range w.ranks {
		w.ranks[r] = rankState{
			timers:  make([]timerState, timers[w.procs[r].TypeName()]),
			rng:     runtime.NewRand(seed, r),
			outputs: []runtime.Output{},
			stats:   runtime.ProcessStats{Process: r},
		}
	}
	return w, nil
}

// timerCounts maps each process type to its number of timers.
func timerCounts(d *runtime.Descriptor) map[string]int {
	m := make(map[string]int, len(d.Processes))
	for _, p := range d.Processes {
		m[p.Name] = len(p.Timers)
	}
	return m
}

// timerName is the spec's name of timer t of rank r's process type.
func (w *world) timerName(r, t int) string {
	for _, p := range w.d.Processes {
		if p.Name == w.procs[r].TypeName() && t >= 0 && t < len(p.Timers) {
			return p.Timers[t]
		}
	}
	return fmt.Sprintf("timer%d", t)
}

// kindName is the spec's name of message kind k.
func (w *world) kindName(k int) string {
	if k >= 1 && k <= len(w.d.Messages) {
		return w.d.Messages[k-1].Name
	}
	return fmt.Sprintf("kind%d", k)
}

// kindOf returns the kind number of a message name of d, or 0.
func kindOf(d *runtime.Descriptor, name string) int {
	for _, m := range d.Messages {
		if m.Name == name {
			return m.Kind
		}
	}
	return 0
}

// timerOf returns the timer number of a timer name of rank r, or -1.
func (w *world) timerOf(r int, name string) int {
	for _, p := range w.d.Processes {
		if p.Name == w.procs[r].TypeName() {
			for i, t := range p.Timers {
				if t == name {
					return i
				}
			}
		}
	}
	return -1
}

// removeEnvelope takes the message at index i out of the network, keeping
// the sending order of the others.
func (w *world) removeEnvelope(i int) *envelope {
	e := w.net[i]
	copy(w.net[i:], w.net[i+1:])
	w.net[len(w.net)-1] = nil
	w.net = w.net[:len(w.net)-1]
	return e
}

// headOfPair reports whether the message at index i is the oldest in
// flight from its sender to its receiver: without --reorder only those
// can be delivered (per-pair FIFO).
func (w *world) headOfPair(i int) bool {
	e := w.net[i]
	for _, o := range w.net[:i] {
		if o.from == e.from && o.to == e.to {
			return false
		}
	}
	return true
}

// recordFault lists a fault that happened in the run.
func (w *world) recordFault(f runtime.FaultEvent) {
	if len(w.faults) >= maxFaultsListed {
		w.faultsCut++
		return
	}
	f.At = w.now
	w.faults = append(w.faults, f)
}

// allDone reports whether every process has halted or crashed for good.
func (w *world) allDone() bool {
	for i := range w.ranks {
		r := &w.ranks[i]
		if !r.halted && !r.crashed {
			return false
		}
	}
	return true
}

// publish hands the generated properties what they read besides the
// processes: the shared counters, and which ranks are down (crashed and
// not recovered) when they ask with crashed() or correct().
func (w *world) publish() {
	copy(w.inst.Shared, w.shared)
	for r := range w.inst.Down {
		w.inst.Down[r] = w.ranks[r].crashed
	}
}

// holds reports whether property i holds in the current state, through the
// generated code's Holds when it has one (no description of a failure is
// built), else through Check. A panic in the generated check is an error.
func (w *world) holds(i int) (ok bool, err error) {
	w.publish()
	if w.inst.Holds == nil {
		all, err := w.inst.CheckNow(w.procs, true)
		if err != nil {
			return false, err
		}
		return i >= len(all) || all[i].Status != runtime.PropertyViolated, nil
	}
	defer func() {
		if v := recover(); v != nil {
			err = checkPanic(v)
		}
	}()
	return w.inst.Holds(w.procs, i), nil
}

// checkPanic is the error of a panic in the generated checks:
// runtime.ErrStopped itself when the run's deadline stopped them.
func checkPanic(v any) error {
	if v == runtime.ErrStopped {
		return runtime.ErrStopped
	}
	return fmt.Errorf("checking properties: %v", v)
}

// stopChecks makes the generated checks of w stop at deadline (zero:
// none) or once done (nil: never) is closed (runtime.Stop).
func (w *world) stopChecks(deadline time.Time, done <-chan struct{}) {
	w.inst.Stop.Arm(deadline, done)
}

// checksStopped reports whether a check of w was stopped since
// stopChecks: the run is past its deadline.
func (w *world) checksStopped() bool { return w.inst.Stop.Fired() }

// invariantsHold reports whether every invariant holds; when one does not,
// checkInvariants says which and why.
func (w *world) invariantsHold() (ok bool, err error) {
	if w.inst.InvariantsHold != nil {
		w.publish()
		defer func() {
			if v := recover(); v != nil {
				ok, err = false, checkPanic(v)
			}
		}()
		return w.inst.InvariantsHold(w.procs), nil
	}
	if w.inst.Holds == nil {
		bad, _, err := w.checkInvariants(false)
		return bad == nil, err
	}
	for i, p := range w.d.Properties {
		if p.Kind != runtime.Invariant {
			continue
		}
		ok, err := w.holds(i)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// checkInvariants evaluates the invariants over the current states and
// returns the first one violated, or nil. A panic in the generated checks
// is returned as an error.
func (w *world) checkInvariants(final bool) (bad *runtime.PropertyResult, all []runtime.PropertyResult, err error) {
	if w.inst.Check == nil {
		return nil, nil, nil
	}
	w.publish()
	var decided int
	if w.checkBy.IsZero() {
		all, decided, err = w.inst.CheckDecided(w.procs, final)
	} else {
		all, decided, err = w.inst.CheckWithin(w.procs, final, w.d.Properties, time.Until(w.checkBy))
	}
	if err != nil {
		return nil, nil, err
	}
	// Past decided, the properties were not checked in time: errors of
	// their own, which neither end the run nor hide the verdicts reached.
	for i := range all[:decided] {
		switch all[i].Status {
		case runtime.PropertyViolated:
			return &all[i], all, nil
		case runtime.PropertyError:
			// A state the properties cannot be evaluated in ends the
			// search as a panic in InvariantsHold does.
			return nil, nil, fmt.Errorf("checking property %s: %s", all[i].Name, all[i].Error)
		}
	}
	return nil, all, nil
}

// netArena hands out envelopes and payloads. A random run allocates each
// (its messages live as long as they are in flight); the explorer, which
// rebuilds the network of every state it expands, takes them from chunks
// it reuses from one state to the next (reset).
type netArena struct {
	reuse    bool
	envs     []envelope
	used     int
	payloads []byte
}

// envelope returns an envelope to fill in.
func (a *netArena) envelope() *envelope {
	if !a.reuse {
		return new(envelope)
	}
	if a.used == len(a.envs) {
		a.envs = make([]envelope, max(64, 2*len(a.envs)))
		a.used = 0
	}
	a.used++
	return &a.envs[a.used-1]
}

// payload returns a copy of b that no later send writes over.
func (a *netArena) payload(b []byte) []byte {
	if !a.reuse {
		return append([]byte(nil), b...)
	}
	if cap(a.payloads)-len(a.payloads) < len(b) {
		a.payloads = make([]byte, 0, max(4096, 2*cap(a.payloads), len(b)))
	}
	n := len(a.payloads)
	a.payloads = append(a.payloads, b...)
	return a.payloads[n:len(a.payloads):len(a.payloads)]
}

// reset makes the envelopes and payloads handed out so far free again: the
// explorer calls it when it replaces the whole network by a decoded one.
func (a *netArena) reset() {
	a.used = 0
	a.payloads = a.payloads[:0]
}
