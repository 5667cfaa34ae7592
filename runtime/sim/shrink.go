package sim

import (
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Shrinking bounds: a counterexample is shrunk for at most this long and
// this many replays, then reported as far as it got.
var (
	shrinkTime    = 10 * time.Second
	shrinkReplays = 20_000
)

// shrink removes processes and steps from s while its violation still
// shows (s.N may go down), by delta
// debugging (Zeller's ddmin over the steps, removing chunks of halving
// size, down to single steps): every message delivery, timer, crash or
// network fault the violation does not need goes. It returns the steps of
// the smallest schedule found, as replayed (steps that no longer apply
// are gone too). It ends by the deadline by, when not zero, too.
func shrink(d *runtime.Descriptor, s *Schedule, by time.Time) []Step {
	deadline := time.Now().Add(shrinkTime)
	if !by.IsZero() && by.Before(deadline) {
		deadline = by
	}
	replays := 0
	eventually := s.Kind == string(runtime.Eventually)
	test := func(steps []Step) ([]Step, bool) {
		replays++
		c := *s
		c.Steps = steps
		r, err := replay(d, &c, replayOptions{lenient: true, final: eventually, checkBy: deadline})
		if err != nil || !r.same(s) {
			return nil, false
		}
		if eventually && !r.w.terminal() {
			return nil, false // an eventually-property fails only where the run has ended
		}
		return r.applied, true
	}
	steps, ok := test(s.Steps)
	if !ok {
		return s.Steps // it does not reproduce leniently: leave it alone
	}
	// Fewer processes: drop the highest rank and every step that involves
	// it, while the violation still shows (and the algorithm can be placed
	// on fewer ranks).
	for s.N > 1 && replays < shrinkReplays && time.Now().Before(deadline) {
		gone := s.N - 1
		var kept []Step
		for _, st := range steps {
			if st.Rank != gone && !(st.From == gone && (st.Kind == actDeliver || st.Kind == actDrop || st.Kind == actDup)) {
				kept = append(kept, st)
			}
		}
		s.N--
		got, ok := test(kept)
		if !ok {
			s.N++
			break
		}
		steps = got
	}
	n := 2
	for len(steps) >= 2 && replays < shrinkReplays && time.Now().Before(deadline) {
		chunk := (len(steps) + n - 1) / n
		reduced := false
		for i := 0; i*chunk < len(steps); i++ {
			lo, hi := i*chunk, min((i+1)*chunk, len(steps))
			cand := append(append([]Step(nil), steps[:lo]...), steps[hi:]...)
			if got, ok := test(cand); ok && len(got) < len(steps) {
				steps = got
				n = max(n-1, 2)
				reduced = true
				break
			}
			if replays >= shrinkReplays || time.Now().After(deadline) {
				break
			}
		}
		if !reduced {
			if n >= len(steps) {
				break
			}
			n = min(2*n, len(steps))
		}
	}
	return steps
}

// terminal reports whether nothing more can happen: every process has
// started (or crashed), no message is in flight to a live process and no
// timer is armed.
func (w *world) terminal() bool {
	for i := range w.ranks {
		r := &w.ranks[i]
		if !r.started && !r.crashed {
			return false
		}
		if r.live() {
			for _, t := range r.timers {
				if t.armed {
					return false
				}
			}
		}
	}
	for _, e := range w.net {
		if w.ranks[e.to].live() {
			return false
		}
	}
	return true
}
