package sim

import (
	"context"
	"fmt"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Name is the backend's name in results and on the command line.
const Name = "sim"

// Run runs d once in the simulator, without faults, on the timed
// scheduler; it matches runtime.RunFunc. opts.Timeout bounds the run in
// virtual time and in real time, the checks at its end (given
// runtime.CheckGrace at least, as on every backend) and the shrinking of a
// counterexample included.
func Run(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions) (*runtime.Result, error) {
	return RunWith(ctx, d, opts, RunConfig{})
}

// RunConfig is what a simulated run takes besides runtime.RunOptions.
type RunConfig struct {
	Faults    Faults
	Scheduler string // default SchedTimed
	MaxSteps  int
	// ReplayPath is where a violation's replay file goes; "" writes none.
	ReplayPath string
	NoShrink   bool
}

// RunWith runs d once in the simulator with faults: the same descriptor,
// options, faults and seed give the same result, byte for byte, apart
// from the wall-clock time it took.
func RunWith(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions, rc RunConfig) (*runtime.Result, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = runtime.DefaultTimeout
	}
	sched := rc.Scheduler
	if sched == "" {
		sched = SchedTimed
	}
	o := &Options{
		N: opts.N, Params: opts.Params, Seed: opts.Seed, Faults: rc.Faults, Scheduler: sched,
		MaxSteps: rc.MaxSteps, MaxTime: timeout, Deadline: time.Now().Add(timeout),
	}
	if err := rc.Faults.timed(); err != nil {
		return nil, err
	}
	k, err := newWalk(d, o, true)
	if err != nil {
		return nil, err
	}
	out := k.run(ctx)
	res := k.result(out)
	if out.violated != nil && out.end == runtime.EndViolation || out.end == runtime.EndError && out.err != "" {
		s := k.schedule(out, "run")
		v, verr := counterexample(d, s, !rc.NoShrink, rc.ReplayPath, o.Deadline)
		if verr != nil {
			res.Error = runtime.JoinErrors(res.Error, verr.Error())
		}
		res.Violation = v
	}
	return res, nil
}

// schedule writes the walk down as a replay schedule of its violation.
func (k *walk) schedule(out outcome, mode string) *Schedule {
	s := &Schedule{
		Algorithm: k.w.d.Name, Source: k.w.d.Source, N: k.w.n, Params: k.o.Params, Seed: k.o.Seed,
		Faults: k.o.Faults.Flags(), Mode: mode, Steps: k.sched,
	}
	if s.Params == nil {
		s.Params = map[string]string{}
	}
	switch {
	case out.violated != nil:
		s.Property, s.Kind = out.violated.Name, string(out.violated.Kind)
	case out.end == runtime.EndError:
		s.Property, s.Kind = "handler", "error"
	}
	return s
}

// result is the walk's outcome in the shape every backend returns.
func (k *walk) result(out outcome) *runtime.Result {
	w := k.w
	res := &runtime.Result{
		Algorithm: w.d.Name,
		Backend:   Name,
		N:         w.n,
		Seed:      k.o.Seed,
		Params:    w.inst.Params,
		End:       out.end,
		Error:     out.err,
		Elapsed:   w.now, // virtual: a run's result must not depend on the machine
		Metrics:   w.metrics(),
		Faults:    w.faultList(),
		Coverage:  w.coverage(),
	}
	for r, p := range w.procs {
		rs := &w.ranks[r]
		res.Outputs = append(res.Outputs, runtime.ProcessOutputs{Process: r, Type: p.TypeName(), Halted: rs.halted, Events: rs.outputs})
	}
	switch {
	case out.props != nil:
		res.Properties = out.props
	case out.end == runtime.EndViolation:
		_, all, _ := w.checkInvariants(false)
		res.Properties = all
	}
	if res.Properties == nil {
		res.Properties = []runtime.PropertyResult{}
	}
	return res
}

// faultList is the faults that happened, with a last entry counting those
// not listed.
func (w *world) faultList() []runtime.FaultEvent {
	out := append([]runtime.FaultEvent(nil), w.faults...)
	if w.faultsCut > 0 {
		out = append(out, runtime.FaultEvent{Kind: fmt.Sprintf("and %d more", w.faultsCut), From: -1, To: -1, At: w.now})
	}
	return out
}

// metrics gathers the study's metrics of the run.
func (w *world) metrics() runtime.Metrics {
	m := runtime.Metrics{ByKind: map[string]*runtime.KindStats{}, SharedOps: w.sharedOps}
	for r := range w.ranks {
		rs := &w.ranks[r]
		m.Messages += rs.stats.Sent
		m.Bytes += rs.stats.SentBytes
		m.Steps = max(m.Steps, rs.step)
		m.ByProcess = append(m.ByProcess, rs.stats)
	}
	for k := 1; k < len(w.byKind); k++ {
		runtime.AddKind(m.ByKind, w.kindName(k), w.byKind[k].Messages, w.byKind[k].Bytes)
	}
	return m
}

// coverage lists every handler with how often it ran.
func (w *world) coverage() []runtime.HandlerCoverage {
	out := make([]runtime.HandlerCoverage, len(w.d.Handlers))
	for i, h := range w.d.Handlers {
		out[i] = runtime.HandlerCoverage{HandlerInfo: h, Ran: w.coverRan[i], GuardFalse: w.coverNo[i]}
	}
	return out
}
