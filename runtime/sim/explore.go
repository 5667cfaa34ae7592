package sim

import (
	"context"
	"fmt"
	"hash/maphash"
	"io"
	goruntime "runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// ExploreConfig configures `dsac explore`.
type ExploreConfig struct {
	N         int
	Params    map[string]string
	Faults    Faults
	DFS       bool // depth-first; breadth-first (the default) finds shortest counterexamples
	MaxDepth  int  // 0: unbounded
	MaxStates int  // distinct states; 0: DefaultMaxStates
	// MaxTimerFires bounds how often one timer of one process may fire on
	// a path: an armed timer may fire at any moment, so periodic timers
	// and retries would make the space infinite. 0: DefaultMaxTimerFires.
	MaxTimerFires int
	// MaxBranch bounds the values one random() call is tried with; wider
	// ranges are sampled and the search is then not complete.
	MaxBranch  int
	Parallel   int           // workers; 0: every core
	Timeout    time.Duration // real time; 0: 10 minutes
	ReplayPath string
	NoShrink   bool
	// NoLiveness skips the search for fair cycles on which an
	// eventually-property stays false (terminal states are still checked).
	NoLiveness bool
	// NoPOR turns partial-order reduction off (it is off anyway for
	// algorithms with shared counters, whose steps all interfere).
	NoPOR bool
	// NoSymmetry turns symmetry reduction off.
	NoSymmetry bool
	Progress   io.Writer // a progress line every second, when not nil
}

// Exploration defaults.
const (
	DefaultMaxStates     = 5_000_000
	DefaultMaxTimerFires = 2
	DefaultMaxBranch     = 8
)

// explorer is one exhaustive search.
type explorer struct {
	d       *runtime.Descriptor
	cfg     ExploreConfig
	faults  Faults
	seed    maphash.Seed
	visited *fpTable
	*search

	covRan   []atomic.Int64
	covNo    []atomic.Int64
	startAll bool // every process starts in the initial state
	// What the report says of each bound hit (written once: they are
	// noted for every state the bound cuts).
	timersBound, faultsBound, depthBound string
	por                                  bool // partial-order reduction by sleep sets
	rootSteps                            []Step

	// Per worker (explorers are copied per worker): scratch space, and the
	// state being expanded, to return to after each successor.
	netScratch   []*envelope
	freshScratch []*envelope // the messages a step sent (appendNet)
	segs         []int       // offset of each rank's part of the encoding, then of the tail
	savedRanks   []rankState // the ranks saved (saveRank): those with savedAt == saveGen
	savedAt      []uint64
	saveGen      uint64
	savedNet     []*envelope
	savedShared  []int64
	savedFaults  int
	savedProcs   []runtime.Process
	base         []runtime.Process // a process of each rank, to decode into copies of
	procCache    map[uint64]int    // procKey -> index in cached
	cached       []cachedProc      // the decoded processes of the cache
	slot         []int             // the index in cached of each rank's decoded process
	lastState    [][]byte          // the encoded state of each rank's decoded process
	stateAt      []int             // offset of each rank's state variables in the encoding
	spare        []runtime.Process // per rank: a process no state refers to, to copy into
	owned        bool              // the acting process is the step's own copy (see detach)
	shared       int               // >= 0: the handler whose step's copy shares collections (copyProc)
	taken        []sleeper         // scratch of expand
	noted        [3]bool           // this worker noted the timers, faults, depth bound
	arena        arena             // the encodings and sleep sets of the states queued
	sym          *symmetry         // nil: no symmetry reduction
	permScratch  []runtime.Process // per rank: where canonical renames ranks (permCopy)
	symSegs      []int
	symOrder     []int
	symBase      []int       // canonical's permutation
	symInv       []int       // encodePermutedBelow's inverse permutation
	symEnvs      []envelope  // the renamed messages in flight
	symNet       []*envelope // pointers to symEnvs, to sort
	symPayloads  []byte      // their payloads
	canonBuf     []byte
	pending      []pending // successors to look up in visited (settle)
	touched      uint64    // what touch read, kept so that its loads are
	steps        int64     // transitions taken, not yet added to states
}

// pending is a successor not yet looked up in the visited set.
type pending struct {
	item
	parent uint64
}

// search is what the workers of one exploration share.
type search struct {
	queue workQueue
	_     [64]byte
	// stop is read at every step by every worker: on a cache line of its
	// own, which the counters the workers add to do not invalidate.
	stop      atomic.Bool
	_         [64]byte
	states    atomic.Int64 // transitions taken (successor states generated)
	distinct  atomic.Int64
	maxDepth  atomic.Int64
	sampled   atomic.Bool
	boundMu   sync.Mutex
	bounds    map[string]bool
	vmu       sync.Mutex
	violation *found
	cut       []runtime.PropertyResult // verdicts of invariant checks cut by the deadline (under vmu)
	// The search ends at deadline or once done is closed, the checks of
	// the invariants in every state included (runtime.Stop).
	deadline time.Time
	done     <-chan struct{}
}

// found is a violating state and how it was found.
type found struct {
	atStart bool // a start handler of the initial state failed
	fp      uint64
	kind    string
	prop    *runtime.PropertyResult
	err     string
	depth   int
}

// item is a queued state.
type item struct {
	enc   []byte
	fp    uint64
	depth int
	sleep []sleeper // steps this state need not take (partial-order reduction)
	only  []sleeper // when not nil: a state expanded again takes only these
}

// workQueue is the states waiting to be expanded, shared by the workers:
// FIFO for breadth-first, LIFO for depth-first.
type workQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []item
	head   int
	lifo   bool
	active int
	closed bool
	// Breadth-first, level by level: no state of depth d+1 is expanded
	// while one of depth d is, so a state is first reached by a shortest
	// path (which --max-depth and shortest counterexamples rely on).
	busy map[int]int // depth -> batches being expanded
}

func (q *workQueue) push(batch []item) {
	q.mu.Lock()
	q.items = append(q.items, batch...)
	q.mu.Unlock()
	q.cond.Broadcast()
}

// pop takes up to max items; it returns none when the search is over.
func (q *workQueue) pop(out []item, max int, done func() bool) []item {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if q.closed || done() {
			q.closed = true
			q.cond.Broadcast()
			return out[:0]
		}
		if n := len(q.items) - q.head; n > 0 && q.lifo || n > 0 && q.levelFree(q.items[q.head].depth) {
			k := min(n, max)
			out = out[:0]
			if !q.lifo {
				d := q.items[q.head].depth
				k = 0
				for k < min(n, max) && q.items[q.head+k].depth == d {
					k++
				}
				q.busy[d]++
			}
			if q.lifo {
				out = append(out, q.items[len(q.items)-k:]...)
				clear(q.items[len(q.items)-k:])
				q.items = q.items[:len(q.items)-k]
			} else {
				out = append(out, q.items[q.head:q.head+k]...)
				clear(q.items[q.head : q.head+k])
				q.head += k
				if q.head > 4096 && q.head*2 > len(q.items) {
					q.items = append(q.items[:0], q.items[q.head:]...)
					q.head = 0
				}
			}
			q.active++
			return out
		}
		if q.active == 0 {
			q.closed = true
			q.cond.Broadcast()
			return out[:0]
		}
		q.cond.Wait()
	}
}

// levelFree reports whether items of depth d may be expanded: nothing
// shallower is being expanded.
func (q *workQueue) levelFree(d int) bool {
	for depth, n := range q.busy {
		if n > 0 && depth < d {
			return false
		}
	}
	return true
}

func (q *workQueue) doneWith(batch []item) {
	q.mu.Lock()
	if !q.lifo && len(batch) > 0 {
		q.busy[batch[0].depth]--
	}
	q.active--
	q.mu.Unlock()
	q.cond.Broadcast() // the search may be over, or a level free
}

func (q *workQueue) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items) - q.head
}

// Explore enumerates every reachable state of d up to the bounds in cfg,
// checking every invariant in every state and every eventually-property in
// every state where nothing more can happen.
func Explore(ctx context.Context, d *runtime.Descriptor, cfg ExploreConfig) (*Report, error) {
	if cfg.MaxStates <= 0 {
		cfg.MaxStates = DefaultMaxStates
	}
	if cfg.MaxTimerFires <= 0 {
		cfg.MaxTimerFires = DefaultMaxTimerFires
	}
	if cfg.MaxBranch <= 0 {
		cfg.MaxBranch = DefaultMaxBranch
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = goruntime.GOMAXPROCS(0)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Minute
	}
	if cfg.Faults.MaxFaults <= 0 {
		cfg.Faults.MaxFaults = DefaultMaxFaults
	}
	if err := cfg.Faults.Validate(cfg.N); err != nil {
		return nil, err
	}
	if len(cfg.Faults.Crashes) > 0 || len(cfg.Faults.Recover) > 0 {
		return nil, fmt.Errorf("explore takes --crash RANK and --recover RANK without a time: a rank may crash (or come back) at any point")
	}
	for _, p := range cfg.Faults.Cuts {
		if p.Timed {
			return nil, fmt.Errorf("explore takes --partition 'A|B' without a time: the cut lasts the whole search")
		}
	}
	x := &explorer{
		d: d, cfg: cfg, faults: cfg.Faults, seed: maphash.MakeSeed(),
		visited: newFPTable(), search: &search{bounds: map[string]bool{}},
		covRan: make([]atomic.Int64, len(d.Handlers)), covNo: make([]atomic.Int64, len(d.Handlers)),
		startAll: len(d.Shared) == 0,
		por:      len(d.Shared) == 0 && !cfg.NoPOR,
	}
	x.timersBound = fmt.Sprintf("timers fired at most %d times each on a path (--max-timer-fires)", cfg.MaxTimerFires)
	x.faultsBound = fmt.Sprintf("at most %d faults on a path (--max-faults)", cfg.Faults.MaxFaults)
	x.depthBound = fmt.Sprintf("the depth bound %d (--max-depth)", cfg.MaxDepth)
	x.queue.cond = sync.NewCond(&x.queue.mu)
	x.queue.busy = map[int]int{}
	x.queue.lifo = cfg.DFS

	// The search allocates decoded states at a high rate and keeps little:
	// fewer collections pay (the fingerprints hold no pointers).
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	start := time.Now()
	x.deadline, x.done = start.Add(cfg.Timeout), ctx.Done()
	root, err := x.root()
	if err != nil {
		return nil, err
	}
	rep := &Report{
		Algorithm: d.Name, Backend: Name, N: cfg.N, Params: root.inst.Params, Mode: "explore",
		Order: map[bool]string{false: "bfs", true: "dfs"}[cfg.DFS], Faults: cfg.Faults.Flags(), Bounds: []string{},
	}
	if x.violation == nil {
		var wg sync.WaitGroup
		for p := 0; p < cfg.Parallel; p++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				x.work(ctx, x.deadline)
			}()
		}
		stopProgress := x.progress(start)
		wg.Wait()
		stopProgress()
		if ctx.Err() != nil || time.Now().After(x.deadline) {
			x.bound("the time limit ended the search")
		}
	}
	rep.Elapsed = time.Since(start)
	rep.States = x.states.Load()
	rep.DistinctStates = x.distinct.Load()
	rep.Steps = rep.States
	rep.MaxDepth = int(x.maxDepth.Load())
	if secs := rep.Elapsed.Seconds(); secs > 0 {
		rep.StatesPerSec = float64(rep.DistinctStates) / secs
		rep.StepsPerSec = float64(rep.States) / secs
	}
	rep.BytesPerState = x.memoryPerState()
	rep.Coverage = make([]runtime.HandlerCoverage, len(d.Handlers))
	for i, h := range d.Handlers {
		rep.Coverage[i] = runtime.HandlerCoverage{HandlerInfo: h, Ran: x.covRan[i].Load(), GuardFalse: x.covNo[i].Load()}
	}
	rep.Properties = x.verdicts()
	markCut(rep.Properties, x.cut)
	if x.violation == nil && !x.stop.Load() && !cfg.NoLiveness && hasEventually(d) {
		lstart := time.Now()
		lasso, err := x.checkLiveness(rep.Properties)
		rep.LivenessElapsed = time.Since(lstart)
		if err != nil {
			rep.Error = err.Error()
		} else if lasso != nil {
			viol, err := counterexample(d, lasso, false, cfg.ReplayPath, time.Time{})
			if err != nil {
				rep.Error = err.Error()
			}
			rep.Violation = viol
			for i := range rep.Properties {
				if rep.Properties[i].Name == lasso.Property {
					rep.Properties[i].Status = runtime.PropertyViolated
					rep.Properties[i].Violation = "false forever on a fair cycle"
				}
			}
		}
	}
	// The bounds, the liveness search's included, say what was not searched.
	for b := range x.bounds {
		rep.Bounds = append(rep.Bounds, b)
	}
	if x.sampled.Load() {
		rep.Bounds = append(rep.Bounds, fmt.Sprintf("random() ranges wider than %d values were sampled (--max-branch)", cfg.MaxBranch))
	}
	slices.Sort(rep.Bounds)
	rep.Complete = len(rep.Bounds) == 0 && x.violation == nil && rep.Violation == nil
	if v := x.violation; v != nil {
		s, err := x.pathTo(v)
		if err != nil {
			rep.Error = err.Error()
			return rep, nil
		}
		viol, err := counterexample(d, s, !cfg.NoShrink, cfg.ReplayPath, time.Time{})
		if err != nil {
			rep.Error = err.Error()
		}
		rep.Violation = viol
		if v.prop != nil {
			markViolated(rep.Properties, v.prop)
		}
	}
	return rep, nil
}

func hasEventually(d *runtime.Descriptor) bool {
	for _, p := range d.Properties {
		if p.Kind == runtime.Eventually {
			return true
		}
	}
	return false
}

// checkLiveness looks for a fair lasso for each eventually-property. The
// deadline may stop it: the property being searched and those after it
// become errors in props, which say so.
func (x *explorer) checkLiveness(props []runtime.PropertyResult) (*Schedule, error) {
	cut := false
	for i, p := range x.d.Properties {
		if p.Kind != runtime.Eventually {
			continue
		}
		if x.cfg.MaxDepth > 0 {
			x.bound("cycles (liveness) are not searched under --max-depth")
			return nil, nil
		}
		if !cut {
			s, err := x.liveness(i)
			if err != runtime.ErrStopped {
				if err != nil || s != nil {
					return s, err
				}
				continue
			}
			cut = true
			x.bound("the time limit ended the search for fair cycles (liveness)")
		}
		props[i] = runtime.PropertyResult{Name: p.Name, Kind: p.Kind, Status: runtime.PropertyError,
			Error: fmt.Sprintf("the search for a fair cycle on which %s %s stays false stopped at the deadline", p.Kind, p.Name)}
	}
	return nil, nil
}

// pastDeadline reports whether the search's time is up, or it was
// interrupted.
func (x *explorer) pastDeadline() bool {
	select {
	case <-x.done:
		return true
	default:
		return !x.deadline.IsZero() && time.Now().After(x.deadline)
	}
}

// verdicts: with no violation, every invariant held in every state
// explored; eventually-properties held in every terminal state reached.
func (x *explorer) verdicts() []runtime.PropertyResult {
	var out []runtime.PropertyResult
	for _, p := range x.d.Properties {
		out = append(out, runtime.PropertyResult{Name: p.Name, Kind: p.Kind, Status: runtime.PropertyOK})
	}
	return out
}

func (x *explorer) bound(why string) {
	x.boundMu.Lock()
	defer x.boundMu.Unlock()
	x.bounds[why] = true
}

// newWorker makes a world and an explorer copy for one worker.
func (x *explorer) newWorker() (*world, *explorer, error) {
	w, err := newWorld(x.d, x.cfg.N, x.cfg.Params, 0)
	if err != nil {
		return nil, nil, err
	}
	wx := *x
	wx.netScratch = nil
	wx.base = make([]runtime.Process, len(w.procs))
	for r, p := range w.procs {
		wx.base[r] = p.Clone()
	}
	wx.procCache = map[uint64]int{}
	wx.cached = nil
	w.net0.reuse = true // the network is decoded anew for every state
	wx.slot = make([]int, len(w.procs))
	wx.lastState = make([][]byte, len(w.procs))
	wx.spare = make([]runtime.Process, len(w.procs))
	wx.shared = -1
	return w, &wx, nil
}

// root builds the initial state: every process started (in rank order;
// starts commute unless processes share counters, in which case each
// start is a step of its own), and queues it.
func (x *explorer) root() (*world, error) {
	w, err := newWorld(x.d, x.cfg.N, x.cfg.Params, 0)
	if err != nil {
		return nil, err
	}
	if x.startAll {
		defer func() {
			for i := range w.coverRan {
				x.covRan[i].Add(w.coverRan[i])
				x.covNo[i].Add(w.coverNo[i])
			}
		}()
		var c stepCtx
		c.w = w
		c.mode = randChoice
		c.choices = newOdometer(int64(x.cfg.MaxBranch))
		for r := 0; r < w.n; r++ {
			a := action{kind: actStart, rank: r}
			st := w.stepOf(a)
			c.choices.begin()
			if err := w.apply(a, &c); err != nil {
				x.violation = &found{kind: "error", err: err.Error(), atStart: true}
			}
			st.Rands = append([]int64(nil), c.rands...)
			x.rootSteps = append(x.rootSteps, st)
			if x.violation != nil {
				return w, nil
			}
		}
		w.discardDead()
	}
	if !x.cfg.NoSymmetry {
		x.sym = newSymmetry(x.d, w, &x.faults)
	}
	enc := x.encodeState(w, nil)
	fp := maphash.Bytes(x.seed, enc)
	x.visit(fp, fp)
	x.distinct.Add(1)
	w.stopChecks(x.deadline, x.done)
	bad, _, err := w.checkInvariants(false)
	if x.cutBy(w, false) {
		return w, nil
	}
	if err != nil || bad != nil {
		x.violation = &found{fp: fp, kind: "invariant", prop: bad}
		if err != nil {
			x.violation.kind, x.violation.err = "error", err.Error()
		}
		return w, nil
	}
	x.queue.items = append(x.queue.items, item{enc: enc, fp: fp})
	return w, nil
}

// visit records fp with its parent and reports whether it is new.
func (x *explorer) visit(fp, parent uint64) bool { return x.visited.insert(fp, parent) }

func (x *explorer) parentOf(fp uint64) (uint64, bool) { return x.visited.parent(fix(fp)) }

// work is one worker: it expands queued states until the search ends.
func (x *explorer) work(ctx context.Context, deadline time.Time) {
	w, wx, err := x.newWorker()
	if err != nil {
		x.report(&found{kind: "error", err: err.Error()})
		return
	}
	c := wx.searchCtx(w)
	w.stopChecks(deadline, x.done)
	var batch, out []item
	var acts []action
	var buf []byte
	checks := 0
	done := func() bool {
		return x.stop.Load()
	}
	for {
		batch = x.queue.pop(batch, 16, done)
		if len(batch) == 0 {
			break
		}
		out = out[:0]
		for _, it := range batch {
			if x.stop.Load() {
				break
			}
			if checks++; checks&63 == 0 && (ctx.Err() != nil || time.Now().After(deadline)) {
				x.stop.Store(true)
				break
			}
			out, acts, buf = wx.expand(w, c, it, out, acts, buf)
		}
		out = wx.settle(out)
		// The counters the workers share are added to once a batch.
		x.states.Add(wx.steps)
		wx.steps = 0
		if len(out) > 0 {
			x.queue.push(out)
		}
		x.queue.doneWith(batch)
	}
	for i := range w.coverRan {
		x.covRan[i].Add(w.coverRan[i])
		x.covNo[i].Add(w.coverNo[i])
	}
	if c.choices.sampled {
		x.sampled.Store(true)
	}
}

// cutBy reports whether the deadline stopped a check of w's properties;
// if so it keeps their verdicts, the cut ones errors saying so, and stops
// the search, as the deadline does.
func (x *explorer) cutBy(w *world, final bool) bool {
	if !w.checksStopped() {
		return false
	}
	// Past the deadline each check stops at its first look at the clock:
	// this is quick, and names the invariants that were cut.
	_, all, _ := w.checkInvariants(final)
	x.vmu.Lock()
	x.cut = append(x.cut, all...)
	x.vmu.Unlock()
	x.stop.Store(true)
	return true
}

// report records a violation and stops the search (the first one wins).
func (x *explorer) report(f *found) {
	x.vmu.Lock()
	if x.violation == nil {
		x.violation = f
	}
	x.vmu.Unlock()
	x.stop.Store(true)
}

// actions lists what may happen next in w.
func (x *explorer) actions(w *world, acts []action) (_ []action, timersCut, faultsCut bool) {
	acts = acts[:0]
	f := &x.faults
	for r := range w.ranks {
		rs := &w.ranks[r]
		if !rs.started && !rs.crashed {
			acts = append(acts, action{kind: actStart, rank: r})
		}
	}
	canFault := w.faultsUsed < f.MaxFaults
	for i, e := range w.net {
		if !w.ranks[e.to].live() {
			continue
		}
		if x.shadowed(w, i) {
			continue
		}
		if x.cutForever(e.from, e.to) {
			acts = append(acts, action{kind: actDrop, rank: e.to, from: e.from, env: i, why: "partition"})
			continue
		}
		acts = append(acts, action{kind: actDeliver, rank: e.to, from: e.from, env: i})
	}
	for r := range w.ranks {
		rs := &w.ranks[r]
		if !rs.live() {
			continue
		}
		for t := range rs.timers {
			if ts := &rs.timers[t]; ts.armed {
				if ts.fires >= x.cfg.MaxTimerFires {
					timersCut = true
					continue
				}
				acts = append(acts, action{kind: actFire, rank: r, timer: t})
			}
		}
	}
	if canFault {
		for i, e := range w.net {
			if f.Drop == 0 && f.Dup == 0 {
				break // no fault of the network to take
			}
			if x.sameAsEarlier(w, i) || !w.ranks[e.to].live() {
				continue
			}
			if f.Drop > 0 {
				acts = append(acts, action{kind: actDrop, rank: e.to, from: e.from, env: i})
			}
			if f.Dup > 0 {
				acts = append(acts, action{kind: actDup, rank: e.to, from: e.from, env: i})
			}
		}
		for _, r := range f.CrashAny {
			if !w.ranks[r].crashed {
				acts = append(acts, action{kind: actCrash, rank: r})
			}
		}
		for _, r := range f.RecoverAny {
			if w.ranks[r].crashed {
				acts = append(acts, action{kind: actRecover, rank: r})
			}
		}
	} else if len(w.net) > 0 && (f.Drop > 0 || f.Dup > 0) || len(f.CrashAny) > 0 || len(f.RecoverAny) > 0 {
		faultsCut = true
	}
	return acts, timersCut, faultsCut
}

// shadowed reports whether message i is not to be delivered now because
// of an earlier one: without --reorder, any earlier message of the same
// pair (per-pair FIFO: only the oldest can be delivered); under
// --reorder, an identical earlier one (it gives the same successors).
// One pass: headOfPair and sameAsEarlier at once.
func (x *explorer) shadowed(w *world, i int) bool {
	e := w.net[i]
	for _, o := range w.net[:i] {
		if o.from == e.from && o.to == e.to &&
			(!x.faults.Reorder || o.kind == e.kind && string(o.payload) == string(e.payload)) {
			return true
		}
	}
	return false
}

// sameAsEarlier reports whether an earlier message in flight is identical
// to message i (same sender, receiver and content).
func (x *explorer) sameAsEarlier(w *world, i int) bool {
	e := w.net[i]
	for _, o := range w.net[:i] {
		if o.from == e.from && o.to == e.to && o.kind == e.kind && string(o.payload) == string(e.payload) {
			return true
		}
	}
	return false
}

// cutForever reports whether an untimed partition cuts from -> to.
func (x *explorer) cutForever(from, to int) bool {
	for i := range x.faults.Cuts {
		if x.faults.Cuts[i].cuts(from, to, 0) {
			return true
		}
	}
	return false
}

// expand generates the successors of one state and queues the new ones.
func (x *explorer) expand(w *world, c *stepCtx, it item, out []item, acts []action, buf []byte) ([]item, []action, []byte) {
	if err := x.decodeState(w, it.enc); err != nil {
		x.report(&found{kind: "error", err: err.Error(), fp: it.fp, depth: it.depth})
		return out, acts, buf
	}
	x.save(w)
	acts, timersCut, faultsCut := x.actions(w, acts)
	if timersCut && !x.noted[0] {
		x.noted[0] = true
		x.bound(x.timersBound)
	}
	if faultsCut && !x.noted[1] {
		x.noted[1] = true
		x.bound(x.faultsBound)
	}
	if len(acts) == 0 {
		if !timersCut && w.terminal() {
			x.checkTerminal(w, it)
		}
		return out, acts, buf
	}
	if x.cfg.MaxDepth > 0 && it.depth >= x.cfg.MaxDepth {
		if !x.noted[2] {
			x.noted[2] = true
			x.bound(x.depthBound)
		}
		return out, acts, buf
	}
	taken := x.taken[:0] // process steps taken so far from this state
	defer func() { x.taken = taken }()
	for ai := range acts {
		a := acts[ai]
		var succSleep []sleeper
		if x.por {
			label, ok := x.sleepLabel(w, a)
			if ok && (slices.Contains(it.sleep, label) || it.only != nil && !slices.Contains(it.only, label)) {
				continue
			}
			if !ok && it.only != nil {
				continue // faults were taken by the first expansion
			}
			if ok {
				// The successor need not take a step that commutes with a
				// and was asleep here or taken before a.
				b := x.arena.sleepers(len(it.sleep) + len(taken))
				for _, list := range [2][]sleeper{it.sleep, taken} {
					for _, z := range list {
						if z.rank != label.rank && !slices.Contains(b, z) {
							b = append(b, z)
						}
					}
				}
				succSleep = x.arena.keepSleepers(b)
				taken = append(taken, label)
			}
		}
		c.choices.begin()
		for {
			if x.stop.Load() {
				return out, acts, buf
			}
			x.saveRank(w, a)
			x.detachRestart(w, a)
			err := w.take(a, c)
			x.steps++
			if err != nil {
				if _, ok := err.(*handlerFault); ok {
					x.report(&found{kind: "error", err: err.Error(), fp: it.fp, depth: it.depth + 1})
					return out, acts, buf
				}
			} else {
				w.discardDead()
				changed := x.owned || !slices.Equal(w.shared, x.savedShared)
				buf = x.encodeSuccessor(w, it.enc, a, buf[:0])
				enc := buf
				var perm []int
				if x.sym != nil {
					enc, perm = x.canonical(w, buf, x.canonBuf[:0])
					if perm != nil {
						x.canonBuf = enc
						succSleep = nil // its steps are named in the other ranks
					}
				}
				fp := maphash.Bytes(x.seed, enc)
				depth := it.depth + 1
				// Invariants are checked before the lookup (which settle
				// does for a batch of states): on the parent's processes
				// they held, and they hold in the common case.
				hold := true
				if changed {
					hold, _ = w.invariantsHold()
				}
				if !hold && x.cutBy(w, false) {
					return out, acts, buf
				}
				if !hold {
					// Looked up now: a violation is reported where the state is new.
					isNew, only, with := x.visited.visit(fp, it.fp, succSleep, x.por, &x.arena)
					if isNew {
						x.counted(1, depth)
						bad, _, cerr := w.checkInvariants(false)
						if x.cutBy(w, false) {
							return out, acts, buf
						}
						if cerr != nil || bad != nil {
							f := &found{fp: fp, kind: "invariant", prop: bad, depth: depth}
							if cerr != nil {
								f.kind, f.err = "error", cerr.Error()
							}
							x.report(f)
							return out, acts, buf
						}
						out = append(out, item{enc: x.arena.bytes(enc), fp: fp, depth: depth, sleep: succSleep})
					} else if only != nil {
						out = append(out, item{enc: x.arena.bytes(enc), fp: fp, depth: depth, sleep: with, only: only})
					}
				} else {
					x.pending = append(x.pending, pending{item{enc: x.arena.bytes(enc), fp: fp, depth: depth, sleep: succSleep}, it.fp})
				}
			}
			// Back to the parent for the next combination or action.
			x.restore(w, a)
			if !c.choices.advance() {
				break
			}
		}
	}
	return out, acts, buf
}

// settle looks the pending successors up in the visited set and queues
// (in out) those that are new or must be expanded again. The slots they
// probe are touched first, all of them, so that the cache misses overlap.
func (x *explorer) settle(out []item) []item {
	if len(x.pending) == 0 {
		return out
	}
	x.touched += x.visited.touch(x.pending)
	fresh, depth := int64(0), 0
	for _, p := range x.pending {
		isNew, only, with := x.visited.visit(p.fp, p.parent, p.sleep, x.por, &x.arena)
		if isNew {
			fresh++
			depth = max(depth, p.depth)
			out = append(out, p.item)
		} else if only != nil {
			out = append(out, item{enc: p.enc, fp: p.fp, depth: p.depth, sleep: with, only: only})
		}
	}
	clear(x.pending)
	x.pending = x.pending[:0]
	x.counted(fresh, depth)
	return out
}

// counted adds fresh new states, the deepest at depth, to the counters
// the workers share.
func (x *explorer) counted(fresh int64, depth int) {
	if fresh == 0 {
		return
	}
	for d := x.maxDepth.Load(); int64(depth) > d && !x.maxDepth.CompareAndSwap(d, int64(depth)); d = x.maxDepth.Load() {
	}
	if x.distinct.Add(fresh) >= int64(x.cfg.MaxStates) {
		x.bound(fmt.Sprintf("the state bound %d (--max-states)", x.cfg.MaxStates))
		x.stop.Store(true)
	}
}

// save remembers what a step may change besides the acting process's
// variables, which restore decodes again from the parent's encoding. A
// rank's flags and timers are saved by saveRank, before the first step
// that may change them: a state's steps mostly act on few of its ranks.
func (x *explorer) save(w *world) {
	if len(x.savedRanks) != len(w.ranks) {
		x.savedRanks = make([]rankState, len(w.ranks))
		for r := range w.ranks {
			x.savedRanks[r].timers = make([]timerState, len(w.ranks[r].timers))
		}
		x.savedAt = make([]uint64, len(w.ranks))
	}
	x.saveGen++
	x.savedNet = append(x.savedNet[:0], w.net...)
	x.savedProcs = append(x.savedProcs[:0], w.procs...)
	x.savedShared = append(x.savedShared[:0], w.shared...)
	x.savedFaults = w.faultsUsed
	x.owned, x.shared = false, -1
}

// saveRank saves what step a may change of its rank's flags and timers,
// once per state saved (see save); the step is to be taken next.
func (x *explorer) saveRank(w *world, a action) {
	r := changes(a)
	if r < 0 || x.savedAt[r] == x.saveGen {
		return
	}
	x.savedAt[r] = x.saveGen
	timers := x.savedRanks[r].timers
	copy(timers, w.ranks[r].timers)
	x.savedRanks[r] = w.ranks[r]
	x.savedRanks[r].timers = timers
}

// changes reports which rank's part of the state action a may change, or
// -1 (a fault of the network changes none).
func changes(a action) int {
	if a.kind == actDrop || a.kind == actDup {
		return -1
	}
	return a.rank
}

// restore returns w to the parent state (saved by save) after taking a.
func (x *explorer) restore(w *world, a action) {
	if r := changes(a); r >= 0 {
		if x.owned {
			x.spare[r] = w.procs[r] // changed by the step, referred to by nothing
			if x.shared >= 0 {
				x.spare[r].(runtime.HandlerCopier).Unshare(x.shared)
			}
		}
		w.procs[r] = x.savedProcs[r] // the shared decoded process (see detach)
		timers := w.ranks[r].timers
		copy(timers, x.savedRanks[r].timers)
		outputs := w.ranks[r].outputs[:0]
		w.ranks[r] = x.savedRanks[r]
		w.ranks[r].timers, w.ranks[r].outputs = timers, outputs
	}
	clear(w.net)
	w.net = append(w.net[:0], x.savedNet...)
	copy(w.shared, x.savedShared)
	w.faultsUsed = x.savedFaults
	x.owned, x.shared = false, -1
}

// encodeSuccessor encodes the state a step from parent led to: only the
// acting rank's part and the tail are encoded again, and of the acting
// rank's part only its flags and timers when no handler changed its
// variables.
func (x *explorer) encodeSuccessor(w *world, parent []byte, a action, b []byte) []byte {
	n := len(w.ranks)
	if r := changes(a); r >= 0 {
		b = append(b, parent[:x.segs[r]]...)
		if x.owned {
			b = x.encodeRank(w, r, b)
		} else {
			b = x.encodeMeta(w, r, b)
			b = append(b, parent[x.stateAt[r]:x.segs[r+1]]...)
		}
		b = append(b, parent[x.segs[r+1]:x.segs[n]]...)
	} else {
		b = append(b, parent[:x.segs[n]]...)
	}
	return x.encodeTail(w, b)
}

// checkTerminal checks the eventually-properties in a state where nothing
// more can happen: false there, they are false for good.
func (x *explorer) checkTerminal(w *world, it item) {
	bad, _, err := w.checkInvariants(true)
	if x.cutBy(w, true) {
		return
	}
	if err != nil {
		x.report(&found{kind: "error", err: err.Error(), fp: it.fp, depth: it.depth})
		return
	}
	if bad != nil && bad.Kind == runtime.Eventually {
		x.report(&found{kind: "eventually", prop: bad, fp: it.fp, depth: it.depth})
	}
}

// pathTo rebuilds the steps from the initial state to a found state: it
// follows the parent fingerprints back to the root, then replays forward,
// at each state finding the successor with the next fingerprint.
func (x *explorer) pathTo(f *found) (*Schedule, error) {
	s := &Schedule{Algorithm: x.d.Name, Source: x.d.Source, N: x.cfg.N, Params: x.cfg.Params, Mode: "explore",
		Faults: x.faults.Flags(), Kind: f.kind, Steps: append([]Step(nil), x.rootSteps...)}
	if s.Params == nil {
		s.Params = map[string]string{}
	}
	if f.prop != nil {
		s.Property = f.prop.Name
	} else {
		s.Property = "handler"
	}
	if f.atStart {
		return s, nil // a start handler failed: the root steps are the path
	}
	var chain []uint64
	for fp := f.fp; ; {
		chain = append(chain, fp)
		p, ok := x.parentOf(fp)
		p, fp = fix(p), fix(fp)
		if !ok {
			return nil, fmt.Errorf("lost the path to the violation")
		}
		if p == fp {
			break
		}
		fp = p
		if len(chain) > 1_000_000 {
			return nil, fmt.Errorf("the path to the violation loops")
		}
	}
	w, wx, err := x.newWorker()
	if err != nil {
		return nil, err
	}
	root, err := x.root2(w)
	if err != nil {
		return nil, err
	}
	cur := root
	var frame []int // the renaming from the real ranks to those of cur
	c := &stepCtx{w: w, mode: randChoice, choices: newOdometer(int64(x.cfg.MaxBranch))}
	for i := len(chain) - 2; i >= -1; i-- {
		want := uint64(0)
		final := i < 0
		if !final {
			want = chain[i]
		}
		if err := wx.decodeState(w, cur); err != nil {
			return nil, err
		}
		acts, _, _ := wx.actions(w, nil)
		matched := false
		for _, a := range acts {
			c.choices.begin()
			for {
				wx.detach(w, a)
				st, err := w.takeRecorded(a, c)
				if final {
					// The violation is a failure of this step itself.
					if _, ok := err.(*handlerFault); ok && f.kind == "error" {
						s.Steps = append(s.Steps, wx.translate(st, frame))
						return s, nil
					}
				} else if err == nil {
					w.discardDead()
					enc := wx.encodeState(w, nil)
					var perm []int
					if wx.sym != nil {
						enc, perm = wx.canonical(w, enc, nil)
						perm = slices.Clone(perm) // the frame outlives canonical's scratch
					}
					if fix(maphash.Bytes(x.seed, enc)) == want {
						s.Steps = append(s.Steps, wx.translate(st, frame))
						cur = append([]byte(nil), enc...)
						frame = compose(perm, frame)
						matched = true
					}
				}
				if matched {
					break
				}
				if err := wx.decodeState(w, cur); err != nil {
					return nil, err
				}
				if !c.choices.advance() {
					break
				}
			}
			if matched {
				break
			}
		}
		if final {
			return s, nil // the found state itself violates
		}
		if !matched {
			return nil, fmt.Errorf("could not rebuild the path to the violation (step %d)", len(chain)-1-i)
		}
	}
	return s, nil
}

// root2 is the encoded initial state, rebuilt in w.
func (x *explorer) root2(w *world) ([]byte, error) {
	var c stepCtx
	c.w = w
	c.mode = randScript
	for _, st := range x.rootSteps {
		a, err := w.resolve(st)
		if err != nil {
			return nil, err
		}
		c.script = st.Rands
		if err := w.apply(a, &c); err != nil {
			return nil, err
		}
	}
	w.discardDead()
	return x.encodeState(w, nil), nil
}

// progress prints a line a second to cfg.Progress until stopped.
func (x *explorer) progress(start time.Time) func() {
	if x.cfg.Progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(x.cfg.Progress, "\r\033[K")
				return
			case <-t.C:
				secs := time.Since(start).Seconds()
				d := x.distinct.Load()
				fmt.Fprintf(x.cfg.Progress, "\r\033[Kstates %d, distinct %d, %.0f states/s, depth %d, queue %d",
					x.states.Load(), d, float64(d)/secs, x.maxDepth.Load(), x.queue.size())
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// memoryPerState is the bytes kept per distinct state: the fingerprint
// table's slots (the queue of states to expand is transient).
func (x *explorer) memoryPerState() float64 {
	d := x.distinct.Load()
	if d == 0 {
		return 0
	}
	return float64(x.visited.bytes()) / float64(d)
}
