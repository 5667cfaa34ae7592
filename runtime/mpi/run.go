//go:build mpi

package mpi

import (
	"context"
	"errors"
	"fmt"
	goruntime "runtime"
	"sync"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Enabled reports whether the package was built with MPI (-tags mpi).
const Enabled = true

// mpiState is the process-wide MPI lifecycle. Runs are serialised: MPI has
// one thread of control per process here.
var mpiState struct {
	sync.Mutex
	initialised bool // MPI_Init_thread was called
	byInit      bool // ... by Init: the caller finalises, Run does not
	finalised   bool
	rank, size  int
}

// Init initialises MPI for a caller that does several runs in one process
// (a test binary, a benchmark); the caller must call Finalize at the end.
// Run initialises and finalises MPI by itself otherwise. Successive runs
// may be on different threads but never overlap (see mpiInit for the
// thread level).
func Init() error {
	s := &mpiState
	s.Lock()
	defer s.Unlock()
	if s.initialised {
		return errors.New("mpi: Init called twice")
	}
	if err := mpiInit(true); err != nil {
		return err
	}
	s.initialised, s.byInit = true, true
	s.rank, s.size = mpiWorld()
	return nil
}

// Finalize shuts MPI down after Init. Every rank must call it.
func Finalize() {
	s := &mpiState
	s.Lock()
	defer s.Unlock()
	if s.initialised && !s.finalised {
		mpiFinalize()
		s.finalised = true
	}
}

// Rank is this process's rank in the MPI job: from MPI once initialised,
// from the launcher's environment before, 0 outside mpirun.
func Rank() int {
	s := &mpiState
	s.Lock()
	defer s.Unlock()
	if s.initialised {
		return s.rank
	}
	return envRank()
}

// IsRoot reports whether this process is rank 0, the one whose Run
// returns the whole Result: a program prints results only where it holds.
func IsRoot() bool { return Rank() == 0 }

// Run runs d with this process as one rank of the MPI job, with the crash
// faults of the environment (CrashEnv); it matches runtime.RunFunc. Every
// rank of an `mpirun -np N` job calls it with the same options; opts.N must
// be N or 0. Rank 0 returns the whole Result, other ranks their own part.
func Run(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions) (*runtime.Result, error) {
	o, err := OptionsFromEnv()
	if err != nil {
		return nil, err
	}
	return RunWith(ctx, d, opts, o)
}

// RunWith is Run with the backend's own options instead of the
// environment's.
func RunWith(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions, o Options) (*runtime.Result, error) {
	s := &mpiState
	s.Lock()
	defer s.Unlock()
	// MPI is initialised (and must be called) on one OS
	// thread: keep this goroutine on it for the whole run.
	goruntime.LockOSThread()
	defer goruntime.UnlockOSThread()
	if s.finalised {
		return nil, errors.New("mpi: MPI was finalised; it cannot run again in this process")
	}
	if !s.initialised {
		if err := mpiInit(false); err != nil {
			return nil, err
		}
		s.initialised = true
		s.rank, s.size = mpiWorld()
		defer func() {
			mpiFinalize()
			s.finalised = true
		}()
	}
	return run(ctx, d, opts, o, s.rank, s.size)
}

// run is one run on an initialised MPI. Everything that can refuse the run
// does so before the first collective call, identically on every rank
// (same options, deterministic New), so no rank is left waiting.
func run(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions, o Options, rank, size int) (*runtime.Result, error) {
	n := opts.N
	if n == 0 {
		n = size
	}
	if n != size {
		return nil, fmt.Errorf("mpi: n=%d but the MPI job has %d ranks: run it as mpirun -np %d, or leave n unset", n, size, n)
	}
	if err := o.check(n); err != nil {
		return nil, err
	}
	if err := d.CheckParams(opts.Params); err != nil {
		return nil, err
	}
	inst, err := d.New(runtime.Config{N: n, Params: opts.Params})
	if err != nil {
		return nil, err
	}
	if len(inst.Procs) != n {
		return nil, fmt.Errorf("%s: instantiated %d processes for n=%d", d.Name, len(inst.Procs), n)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = runtime.DefaultTimeout
	}
	if ctx == nil {
		ctx = context.Background()
	}

	nd := newNode(d, inst.Procs[rank], rank, n, opts.Seed, o.crashOf(rank))
	wd := startWatchdog(rank, timeout+stuckGrace)
	mpiBegin()
	if len(inst.Shared) > 0 {
		winBegin(rank, inst.Shared)
		nd.shared, nd.nShared = mpiCounters{}, len(inst.Shared)
	}
	nd.start = time.Now()
	l := &loop{nd: nd, p: newPoller(), ctx: ctx, deadline: timeout, maxNap: maxNap, wd: wd}
	if rank == 0 && len(inst.Shared) > 0 {
		l.maxNap = min(maxNap, ownerNap)
	}
	l.run()
	wd.loopEnded()
	if len(inst.Shared) > 0 {
		winEnd(rank, inst.Shared) // the final values, where Check reads them
	}
	mine := nd.part()
	parts := gather(mine, rank, n)
	mpiEnd()
	wd.stop()

	sum := summary{d: d, inst: inst, n: n, seed: opts.Seed, end: l.end, elapsed: l.endAt, timeout: timeout}
	if rank != 0 {
		return own(sum, mine), nil
	}
	return assemble(sum, parts), nil
}
