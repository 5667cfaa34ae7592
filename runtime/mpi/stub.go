//go:build !mpi

package mpi

import (
	"context"
	"errors"

	"github.com/dsac-lang/dsac/runtime"
)

// Enabled reports whether the package was built with MPI (-tags mpi).
const Enabled = false

// errNoMPI is what every entry point returns in a build without MPI.
var errNoMPI = errors.New("mpi: this program was built without MPI support; " +
	"rebuild it with `go build -tags mpi` (needs OpenMPI's libopenmpi-dev and pkg-config; " +
	"scripts/mpi/install.sh installs them) and run it under mpirun")

// Init fails: there is no MPI in this build.
func Init() error { return errNoMPI }

// Finalize does nothing in a build without MPI.
func Finalize() {}

// Rank is this process's rank as the MPI launcher announces it, 0 outside
// mpirun, so that only one copy of the error is printed under mpirun.
func Rank() int { return envRank() }

// IsRoot reports whether this process is rank 0.
func IsRoot() bool { return Rank() == 0 }

// Run fails with a message saying how to build with MPI.
func Run(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions) (*runtime.Result, error) {
	return nil, errNoMPI
}

// RunWith fails like Run.
func RunWith(ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions, o Options) (*runtime.Result, error) {
	return nil, errNoMPI
}
