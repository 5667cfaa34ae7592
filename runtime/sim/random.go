package sim

import (
	"context"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// SimConfig configures `dsac sim`: many seeded random runs.
type SimConfig struct {
	N          int
	Params     map[string]string
	Seed       int64 // run i has seed Seed+i
	Faults     Faults
	Scheduler  string // SchedUniform (default), SchedPCT or SchedTimed
	PCTDepth   int
	Runs       int // default 1000
	Parallel   int // workers; default every core
	MaxSteps   int // per run; default 10,000
	MaxTime    time.Duration
	Timeout    time.Duration // real time for the whole search; default 10 minutes
	ReplayPath string
	NoShrink   bool
	// NoEventually checks invariants only: eventually-properties are not
	// checked at the end of the runs (random walks cut short by
	// --max-steps rarely reach what they promise).
	NoEventually bool
}

// Simulate runs cfg.Runs seeded random walks on cfg.Parallel workers and
// stops at the first violation. The result does not depend on the number
// of workers: the violation reported is the one of the lowest-numbered
// failing run, and runs after it are not counted.
func Simulate(ctx context.Context, d *runtime.Descriptor, cfg SimConfig) (*Report, error) {
	if cfg.Runs <= 0 {
		cfg.Runs = 1000
	}
	if cfg.Parallel <= 0 {
		cfg.Parallel = goruntime.GOMAXPROCS(0)
	}
	if cfg.MaxSteps <= 0 {
		cfg.MaxSteps = 10_000
	}
	if cfg.Scheduler == "" {
		cfg.Scheduler = SchedUniform
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Minute
	}
	start := time.Now()
	deadline := start.Add(cfg.Timeout)
	opts := func(i int) *Options {
		return &Options{N: cfg.N, Params: cfg.Params, Seed: cfg.Seed + int64(i), Faults: cfg.Faults,
			Scheduler: cfg.Scheduler, PCTDepth: cfg.PCTDepth, MaxSteps: cfg.MaxSteps, MaxTime: cfg.MaxTime, Deadline: deadline,
			NoEventually: cfg.NoEventually}
	}
	// Fail early, before any worker starts, on options no run can take.
	if err := cfg.Faults.timed(); err != nil {
		return nil, err
	}
	probe, err := newWalk(d, opts(0), false)
	if err != nil {
		return nil, err
	}

	var (
		next     atomic.Int64
		firstBad atomic.Int64 // lowest failing run so far
		mu       sync.Mutex
		perRun   = make([]runStats, cfg.Runs)
		badOut   outcome
		badWalk  *walk
		timedOut atomic.Bool
		cut      []runtime.PropertyResult // the verdicts of runs cut by the deadline
	)
	firstBad.Store(int64(cfg.Runs))
	var wg sync.WaitGroup
	for p := 0; p < cfg.Parallel; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= cfg.Runs || int64(i) > firstBad.Load() {
					return
				}
				if ctx.Err() != nil || time.Now().After(deadline) {
					timedOut.Store(true)
					return
				}
				k, err := newWalk(d, opts(i), true)
				if err != nil {
					return
				}
				out := k.run(ctx)
				if out.end == runtime.EndTimeout {
					// A run cut by the deadline counts, its steps and
					// coverage too, as one that ended by timeout; its
					// verdicts are merged apart (markCut).
					timedOut.Store(true)
					perRun[i] = runStats{done: true, steps: out.steps, end: out.end, cover: k.w.coverRan, coverNo: k.w.coverNo}
					mu.Lock()
					cut = append(cut, out.props...)
					mu.Unlock()
					return
				}
				perRun[i] = runStats{done: true, steps: out.steps, end: out.end, cover: k.w.coverRan, coverNo: k.w.coverNo, props: out.props}
				if out.violated != nil || out.end == runtime.EndError {
					mu.Lock()
					if int64(i) < firstBad.Load() {
						firstBad.Store(int64(i))
						badOut, badWalk = out, k
					}
					mu.Unlock()
				} else {
					k.sched = nil
				}
			}
		}()
	}
	wg.Wait()

	rep := &Report{
		Algorithm: d.Name, Backend: Name, N: cfg.N, Params: probe.w.inst.Params, Mode: "random",
		Scheduler: cfg.Scheduler, Seed: cfg.Seed, Faults: cfg.Faults.Flags(), Ends: map[string]int64{},
		Bounds: []string{},
	}
	last := int(firstBad.Load())
	cov := make([]runtime.HandlerCoverage, len(d.Handlers))
	for i, h := range d.Handlers {
		cov[i].HandlerInfo = h
	}
	props := map[string]*runtime.PropertyResult{}
	for i := 0; i < cfg.Runs && i <= last; i++ {
		s := &perRun[i]
		if !s.done {
			continue
		}
		rep.Runs++
		rep.Steps += int64(s.steps)
		rep.MaxDepth = max(rep.MaxDepth, s.steps)
		rep.Ends[string(s.end)]++
		for h := range cov {
			cov[h].Ran += s.cover[h]
			cov[h].GuardFalse += s.coverNo[h]
		}
		for _, p := range s.props {
			agg := props[p.Name]
			if agg == nil {
				c := p
				props[p.Name] = &c
				continue
			}
			if agg.Status != runtime.PropertyViolated && p.Status == runtime.PropertyViolated {
				*agg = p
			}
		}
	}
	rep.Coverage = cov
	for _, pi := range d.Properties {
		if p, ok := props[pi.Name]; ok {
			rep.Properties = append(rep.Properties, *p)
		} else {
			rep.Properties = append(rep.Properties, runtime.NotChecked(pi.Name, pi.Kind))
		}
	}
	markCut(rep.Properties, cut)
	if badWalk != nil {
		s := badWalk.schedule(badOut, cfg.Scheduler)
		v, err := counterexample(d, s, !cfg.NoShrink, cfg.ReplayPath, deadline)
		if err != nil {
			rep.Error = err.Error()
		}
		rep.Violation = v
		if badOut.end == runtime.EndError && v != nil {
			v.Kind, v.Property = "error", "handler"
		}
		markViolated(rep.Properties, badOut.violated)
	}
	if timedOut.Load() {
		rep.Bounds = append(rep.Bounds, "the time limit ended the search")
	}
	rep.Complete = false // random runs never cover everything
	rep.Elapsed = time.Since(start)
	secs := rep.Elapsed.Seconds()
	if secs > 0 {
		rep.RunsPerSec = float64(rep.Runs) / secs
		rep.StepsPerSec = float64(rep.Steps) / secs
	}
	return rep, nil
}

// runStats is what Simulate keeps of one run.
type runStats struct {
	done           bool
	steps          int
	end            runtime.EndReason
	cover, coverNo []int64
	props          []runtime.PropertyResult
}

// markCut adds to props the verdicts of runs cut by the deadline (cut):
// each property a cut check left undecided is an error, unless it was
// found violated (no run vouches for it in the state it was cut in), and
// one that held where it was checked is ok if no other run checked it.
// A property false at the end of a cut run is not violated: a run past
// its deadline is not judged.
func markCut(props, cut []runtime.PropertyResult) {
	for _, c := range cut {
		for i := range props {
			p := &props[i]
			if p.Name != c.Name {
				continue
			}
			switch {
			case c.Status == runtime.PropertyError && p.Status != runtime.PropertyViolated && p.Status != runtime.PropertyError,
				c.Status == runtime.PropertyOK && p.Status == runtime.PropertyNotChecked:
				*p = c
			}
		}
	}
}

// markViolated sets the verdict of the violated property in props.
func markViolated(props []runtime.PropertyResult, bad *runtime.PropertyResult) {
	if bad == nil {
		return
	}
	for i := range props {
		if props[i].Name == bad.Name {
			props[i] = *bad
		}
	}
}
