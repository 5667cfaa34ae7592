package channel

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Name is the backend's name in results and on the command line.
const Name = "channel"

// stopGrace bounds how long Run waits, after the end, for a handler that
// is still running (one stuck in a loop, say) before giving up on it.
var stopGrace = 2 * time.Second

// run is the shared state of one run. The hot fields written by every
// process sit on their own cache lines.
type run struct {
	_        [64]byte
	inflight atomic.Int64 // queued events + armed timers + running handlers' events
	_        [56]byte
	stopped  atomic.Bool // the run has ended: handlers stop at the next event
	halted   atomic.Int32
	_        [56]byte

	d       *runtime.Descriptor
	procs   []*proc
	shared  []atomic.Int64 // the shared counters, by id
	n       int
	start   time.Time
	timerWG sync.WaitGroup // armed timers whose callback may still run

	once   sync.Once
	done   chan struct{}
	end    runtime.EndReason
	errMsg string
	endAt  time.Duration

	timeout time.Duration // the run's deadline, from its start; the property checks keep to it too
}

// Run runs d on opts.N goroutines and returns the result; it matches
// runtime.RunFunc. It returns an error only when the run cannot start.
func Run(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions) (*runtime.Result, error) {
	if opts.N < 1 {
		return nil, fmt.Errorf("%s: need at least one process, got n=%d", d.Name, opts.N)
	}
	if err := d.CheckParams(opts.Params); err != nil {
		return nil, err
	}
	inst, err := d.New(runtime.Config{N: opts.N, Params: opts.Params})
	if err != nil {
		return nil, err
	}
	if len(inst.Procs) != opts.N {
		return nil, fmt.Errorf("%s: instantiated %d processes for n=%d", d.Name, len(inst.Procs), opts.N)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = runtime.DefaultTimeout
	}

	r := &run{d: d, n: opts.N, done: make(chan struct{}), shared: newShared(inst.Shared), timeout: timeout}
	infos := processInfos(d)
	r.procs = make([]*proc, opts.N)
	for rank, p := range inst.Procs {
		r.procs[rank] = newProc(r, rank, p, infos[p.TypeName()], opts.Seed)
	}
	// Start events are queued before any goroutine runs, so each is the
	// first event its process handles.
	r.inflight.Store(int64(opts.N))
	for _, p := range r.procs {
		p.mb.push(event{kind: evStart})
	}
	r.start = time.Now()
	for _, p := range r.procs {
		go p.loop()
	}

	deadline := time.NewTimer(timeout)
	select {
	case <-r.done:
	case <-deadline.C:
		r.finish(runtime.EndTimeout, "")
	case <-ctx.Done():
		r.finish(runtime.EndTimeout, "")
	}
	deadline.Stop()
	<-r.done

	stuck := r.shutdown()
	return r.result(inst, opts.Seed, stuck), nil
}

// finish ends the run; the first reason wins.
func (r *run) finish(end runtime.EndReason, msg string) {
	r.once.Do(func() {
		r.end, r.errMsg, r.endAt = end, msg, time.Since(r.start)
		r.stopped.Store(true)
		close(r.done)
		for _, p := range r.procs {
			p.mb.wake()
		}
	})
}

// dec retires k units of outstanding work; reaching zero means quiescence.
func (r *run) dec(k int64) {
	if r.inflight.Add(-k) == 0 {
		r.finish(runtime.EndQuiescent, "")
	}
}

// shutdown waits for every process goroutine, then disarms every timer and
// waits for callbacks already running, so nothing of the run outlives Run.
// It returns the ranks whose handler did not return within stopGrace; their
// goroutines and timers are abandoned, since touching them would race.
func (r *run) shutdown() (stuck []int) {
	grace := time.NewTimer(stopGrace)
	defer grace.Stop()
	expired := false
	for _, p := range r.procs {
		if expired { // the grace is used up: only check
			select {
			case <-p.exited:
			default:
				stuck = append(stuck, p.rank)
			}
			continue
		}
		select {
		case <-p.exited:
		case <-grace.C:
			expired = true
			stuck = append(stuck, p.rank)
		}
	}
	if len(stuck) > 0 {
		return stuck
	}
	for _, p := range r.procs {
		p.disarmAll()
	}
	r.timerWG.Wait()
	return nil
}

// processInfos indexes the descriptor's process types by name.
func processInfos(d *runtime.Descriptor) map[string]*runtime.ProcessInfo {
	m := make(map[string]*runtime.ProcessInfo, len(d.Processes))
	for i := range d.Processes {
		m[d.Processes[i].Name] = &d.Processes[i]
	}
	return m
}
