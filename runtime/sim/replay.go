package sim

import (
	"fmt"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// replayed is what replaying a schedule gave.
type replayed struct {
	w        *world
	applied  []Step // the steps taken, up to the violation
	violated *runtime.PropertyResult
	kind     string // invariant, eventually, error, or "" when nothing was violated
	errMsg   string // a handler failure
	skipped  int    // steps that did not apply (lenient replays)
	trace    []runtime.TraceStep
	props    []runtime.PropertyResult
}

// replayOptions say how strictly to replay.
type replayOptions struct {
	lenient bool // skip steps that do not apply instead of failing
	trace   bool // describe every step for people
	final   bool // check eventually-properties after the last step
	// checkBy, when not zero, bounds the checks after the last step in
	// real time (world.checkBy).
	checkBy time.Time
}

// replay applies s's steps to a fresh instance of d and stops at the first
// violated invariant or failed handler.
func replay(d *runtime.Descriptor, s *Schedule, ro replayOptions) (*replayed, error) {
	w, err := newWorld(d, s.N, s.Params, s.Seed)
	if err != nil {
		return nil, err
	}
	r := &replayed{w: w}
	var c stepCtx
	c.w = w
	c.mode = randScript
	var tr *tracer
	if ro.trace {
		tr = newTracer(w)
	}
	for i, st := range s.Steps {
		a, err := w.resolve(st)
		if err == nil {
			err = w.applicable(a)
		}
		if err != nil {
			if ro.lenient {
				r.skipped++
				continue
			}
			return nil, fmt.Errorf("step %d (%s): %v", i+1, st, err)
		}
		w.now = max(w.now, st.At)
		if tr != nil {
			tr.before(a)
		}
		c.script = st.Rands
		err = w.apply(a, &c)
		taken := st
		taken.Rands = append([]int64(nil), c.rands...)
		r.applied = append(r.applied, taken)
		if tr != nil {
			r.trace = append(r.trace, tr.after(len(r.applied), a, &c, err))
		}
		if err != nil {
			if _, ok := err.(*handlerFault); ok {
				r.kind, r.errMsg = "error", err.Error()
				return r, nil
			}
			if ro.lenient {
				r.skipped++
				continue
			}
			return nil, fmt.Errorf("step %d (%s): %v", i+1, st, err)
		}
		if a.kind == actDrop || a.kind == actDup {
			continue
		}
		w.discardDead()
		bad, _, cerr := w.checkInvariants(false)
		if cerr != nil {
			r.kind, r.errMsg = "error", cerr.Error()
			return r, nil
		}
		if bad != nil {
			r.kind, r.violated = "invariant", bad
			return r, nil
		}
	}
	if ro.final {
		w.checkBy = ro.checkBy
		bad, all, cerr := w.checkInvariants(true)
		if cerr != nil {
			r.kind, r.errMsg = "error", cerr.Error()
			return r, nil
		}
		r.props = all
		if bad != nil {
			r.kind, r.violated = string(bad.Kind), bad
		}
	}
	return r, nil
}

// applicable reports whether a resolved action can be taken in w now;
// apply checks it before it changes anything.
func (w *world) applicable(a action) error {
	switch a.kind {
	case actDeliver, actDrop, actDup:
		if a.env < 0 || a.env >= len(w.net) {
			return fmt.Errorf("no such message in flight")
		}
	}
	r := &w.ranks[a.rank]
	switch a.kind {
	case actStart:
		if r.started || r.crashed {
			return fmt.Errorf("p%d cannot start", a.rank)
		}
	case actDeliver:
		if !r.live() {
			return fmt.Errorf("p%d takes no events", a.rank)
		}
	case actFire:
		if !r.live() || a.timer < 0 || a.timer >= len(r.timers) || !r.timers[a.timer].armed {
			return fmt.Errorf("timer %s of p%d is not armed", w.timerName(a.rank, a.timer), a.rank)
		}
	case actCrash:
		if r.crashed {
			return fmt.Errorf("p%d has crashed already", a.rank)
		}
	case actRecover:
		if !r.crashed {
			return fmt.Errorf("p%d has not crashed", a.rank)
		}
		if _, ok := w.procs[a.rank].(runtime.Recoverable); !ok {
			return fmt.Errorf("p%d (%s) cannot recover: its code was generated without crash-recover support", a.rank, w.procs[a.rank].TypeName())
		}
	}
	return nil
}

// same reports whether a replay shows the violation the schedule records.
func (r *replayed) same(s *Schedule) bool {
	switch {
	case r.kind == "":
		return false
	case s.Kind == "error":
		return r.kind == "error"
	case r.violated == nil:
		return false
	}
	return r.violated.Name == s.Property
}

// Replay reruns a schedule exactly and returns the run's result, with the
// violation it shows (nil if it shows none) explained step by step.
func Replay(d *runtime.Descriptor, s *Schedule) (*runtime.Result, error) {
	eventually := s.Kind == string(runtime.Eventually) || s.Kind == "deadlock"
	r, err := replay(d, s, replayOptions{trace: true, final: eventually})
	if err != nil {
		return nil, err
	}
	k := &walk{w: r.w, o: &Options{N: s.N, Params: s.Params, Seed: s.Seed}}
	out := outcome{end: runtime.EndQuiescent, props: r.props}
	switch {
	case r.kind == "error":
		out.end, out.err = runtime.EndError, r.errMsg
	case r.kind == "invariant":
		out.end = runtime.EndViolation
	case !r.w.terminal():
		out.end = runtime.EndBound
	case r.w.allDone():
		out.end = runtime.EndHalted
	}
	res := k.result(out)
	if r.kind != "" {
		v := &runtime.Violation{Property: s.Property, Kind: r.kind, Step: len(r.applied), At: r.w.now,
			ShrunkFrom: s.ShrunkFrom, N: s.N, ShrunkFromN: s.ShrunkFromN, Lasso: s.Lasso, States: r.w.states(), Trace: r.trace}
		if r.violated != nil {
			v.Property, v.Message = r.violated.Name, r.violated.Violation
			v.Explanation = r.w.explainProperty(r.violated.Name)
			markViolated(res.Properties, r.violated)
		} else {
			v.Message = r.errMsg
		}
		res.Violation = v
	}
	return res, nil
}
