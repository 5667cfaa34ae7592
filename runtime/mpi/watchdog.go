//go:build mpi

package mpi

import (
	"fmt"
	"os"
	goruntime "runtime"
	"strings"
	"sync/atomic"
	"time"
)

// stuckGrace is how long past its deadline a run may go on before the
// watchdog gives up on it.
var stuckGrace = 10 * time.Second

// probeFor is how long the watchdog waits for the event loop to answer:
// a loop that turns at all turns at least every maxNap.
var probeFor = 500 * time.Millisecond

// watchdog ends the process if the run is still going after its limit: a
// handler that never returns keeps its rank from ever joining another
// wave, and every other rank waits for it. MPI cannot be cancelled from
// another thread and the handler cannot be interrupted, so the rank exits
// (status 3) and mpirun then ends the whole job rather than leave ranks
// hanging.
//
// Every rank's watchdog fires at about the same time, so each first asks
// its own event loop whether it still turns. The rank whose loop does not
// answer, and is not waiting inside MPI (for another rank: over TCP a send
// to a rank that no longer progresses MPI blocks), is the one that stopped
// making progress: it says so and exits at once. The others wait a while longer for it to end the job, and only if
// it does not (no rank is stuck in a handler; a rank hangs in MPI) end the
// job themselves, saying that they are not the cause.
type watchdog struct {
	rank   int
	ask    atomic.Bool // set by the watchdog, answered at the loop's next turn
	answer atomic.Bool
	done   atomic.Bool
	timer  *time.Timer
}

// startWatchdog arms a watchdog for rank that fires after limit.
func startWatchdog(rank int, limit time.Duration) *watchdog {
	w := &watchdog{rank: rank}
	w.timer = time.AfterFunc(limit, func() { w.fire(limit) })
	return w
}

// turn is called by the event loop on every turn; it costs one load.
func (w *watchdog) turn() {
	if w.ask.Load() {
		w.answer.Store(true)
	}
}

// loopEnded tells the watchdog that the event loop is over: from then on
// the rank waits in collective calls, not in a handler.
func (w *watchdog) loopEnded() { w.answer.Store(true) }

// stop disarms the watchdog.
func (w *watchdog) stop() {
	w.done.Store(true)
	w.timer.Stop()
}

func (w *watchdog) fire(limit time.Duration) {
	w.ask.Store(true)
	time.Sleep(probeFor)
	if w.done.Load() {
		return
	}
	if !w.answer.Load() && !loopInMPI() {
		fmt.Fprintf(os.Stderr, "mpi: rank %d stopped making progress: it is still in a handler %v after the run's "+
			"deadline (a handler that does not return?); ending the job\n", w.rank, stuckGrace)
		os.Exit(3)
	}
	// Give the stuck rank time to report itself and end the job.
	wait := max(stuckGrace/2, 2*time.Second)
	time.Sleep(wait)
	if w.done.Load() {
		return
	}
	fmt.Fprintf(os.Stderr, "mpi: rank %d: the run is still going %v after its deadline, though this rank is not "+
		"stuck in a handler (another rank hangs?); ending the job\n", w.rank, stuckGrace+wait)
	os.Exit(3)
}

// loopInMPI reports whether the goroutine of the event loop is in a call
// into MPI rather than in Go (in a handler). Go offers no cheaper way to
// tell than its stack, and the hot path is left alone: this is read only
// when a run is already stuck.
func loopInMPI() bool {
	buf := make([]byte, 1<<20)
	buf = buf[:goruntime.Stack(buf, true)]
	for _, g := range strings.Split(string(buf), "\n\n") {
		if !strings.Contains(g, "mpi.(*loop).run(") {
			continue
		}
		c := strings.Index(g, "._Cfunc_") // a cgo call, at the top of the stack
		h := strings.Index(g, "mpi.(*node).")
		return c >= 0 && (h < 0 || c < h)
	}
	return false
}
