package runtime

import (
	"context"
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

// DefaultTimeout bounds a run when the user gives no --timeout.
const DefaultTimeout = 10 * time.Second

// RunFunc is the entry point of a backend: it runs the algorithm to its end
// (all halted, quiescent, timed out or failed) and returns the result. It
// returns an error only when the run could not start (bad options, bad
// parameters, a placement that leaves a rank empty); failures during the
// run are reported in the Result (End == EndError).
type RunFunc func(ctx context.Context, d *Descriptor, opts RunOptions) (*Result, error)
