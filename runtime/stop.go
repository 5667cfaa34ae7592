package runtime

import (
	"errors"
	"time"
)

// How a property check keeps to the run's deadline.
//
// A property can quantify over far more values than a run can afford to
// visit (forall a, b in 0 .. 1000000 is 10^12 pairs), and its check is a
// plain Go function: nothing outside can interrupt it. So the generated
// checks poll: every loop of a property, a quantifier, count, sum or
// explanation, ticks its instance's Stop once an iteration, and so does
// every loop of the functions the property calls, which are given that
// Stop (and nil when a handler calls them). Every stopEvery ticks the
// Stop looks at the clock and at its done channel.
// Past the deadline the tick panics with ErrStopped, which unwinds the
// check to Judge (the property is then an error saying it was stopped) or
// to the simulator's recover around InvariantsHold and Holds. A tick is a
// nil test, a decrement and a branch: the explorer, which checks the invariants in
// every state, does not notice it.

// stopEvery is how many ticks pass between two looks at the clock: a
// look costs some tens of nanoseconds, an iteration of a check rarely
// less than one, so the deadline is missed by well under a millisecond.
const stopEvery = 4096

// ErrStopped is the panic value of a check stopped at its deadline.
var ErrStopped = errors.New("check stopped at the deadline")

// Stop is what the generated checks of an Instance poll (Instance.Stop).
// Its zero value never fires. One goroutine at a time uses a Stop, the
// one that runs the checks: arm it before them, disarm it after.
type Stop struct {
	left     int // ticks before the next look at the clock
	deadline time.Time
	done     <-chan struct{}
	fired    bool
}

// Arm makes the checks stop at deadline (zero: none) or once done (nil:
// never) is closed, whichever comes first.
func (s *Stop) Arm(deadline time.Time, done <-chan struct{}) {
	*s = Stop{left: stopEvery, deadline: deadline, done: done}
}

// Disarm makes the checks run to their end again.
func (s *Stop) Disarm() { *s = Stop{left: stopEvery} }

// Fired reports whether a check was stopped since the Stop was armed.
// Later checks are stopped at their first look at the clock.
func (s *Stop) Fired() bool { return s.fired }

// Tick is called by the generated checks once per loop iteration. It is
// small enough to be inlined: the look at the clock is a call of its own.
// On a nil Stop it does nothing: the functions of a spec tick the Stop
// they are given, and a handler, which must not touch a check's Stop,
// gives them nil.
func (s *Stop) Tick() {
	if s == nil {
		return
	}
	s.left--
	if s.left < 0 {
		s.poll()
	}
}

// poll looks at the clock and the done channel; past either it panics
// with ErrStopped.
func (s *Stop) poll() {
	s.left = stopEvery
	if !s.fired {
		select {
		case <-s.done:
			s.fired = true
		default:
			s.fired = !s.deadline.IsZero() && time.Now().After(s.deadline)
		}
	}
	if s.fired {
		panic(ErrStopped)
	}
}
