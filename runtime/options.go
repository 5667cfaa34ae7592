package runtime

import (
	"context"
	"fmt"
	"time"
)

// RunOptions are what a user asks of one run, whatever the backend.
type RunOptions struct {
	// N is the number of processes.
	N int
	// Params overrides parameter defaults by name, as given on the command line.
	Params map[string]string
	// Seed seeds every source of randomness the runtime hands out.
	Seed int64
	// Timeout bounds the run; 0 means DefaultTimeout.
	Timeout time.Duration
}

// MaxN is the most processes a run may have. Every backend holds a state
// per process and properties quantify over pairs of processes, so a run's memory
// grows with n (about a kilobyte a process on the channel backend, more
// with the algorithm's own state); the limit turns a mistyped -n into a
// clear error instead of a machine out of memory. A hundred thousand idle
// processes fit in well under a gigabyte.
const MaxN = 1_000_000

// MaxRanks is the most ranks dsac launches in one MPI job: every rank is an
// operating-system process with MPI's buffers, so a job far beyond the
// machines' cores only thrashes; mpirun itself can be given more.
const MaxRanks = 1024

// CheckRanks says what is wrong with n as the size of an MPI job.
func CheckRanks(n int) error {
	if n < 1 || n > MaxRanks {
		return fmt.Errorf("-n must be between 1 and %d with --backend mpi (one process a rank), got %d", MaxRanks, n)
	}
	return nil
}

// CheckN says what is wrong with n as the number of processes of a run.
func CheckN(n int) error {
	if n < 1 || n > MaxN {
		return fmt.Errorf("-n must be between 1 and %d, got %d", MaxN, n)
	}
	return nil
}

// DefaultTimeout bounds a run when the user gives no --timeout.
const DefaultTimeout = 10 * time.Second

// RunFunc is the entry point of a backend: it runs the algorithm to its end
// (all halted, quiescent, timed out or failed) and returns the result. It
// returns an error only when the run could not start (bad options, bad
// parameters, a placement that leaves a rank empty); failures during the
// run are reported in the Result (End == EndError).
type RunFunc func(ctx context.Context, d *Descriptor, opts RunOptions) (*Result, error)
