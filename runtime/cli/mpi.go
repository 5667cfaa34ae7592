package cli

import "github.com/dsac-lang/dsac/runtime/mpi"

// The MPI backend is always listed; in a program built without the mpi
// build tag its Run explains how to rebuild. Under mpirun every rank runs
// Main, but only rank 0 holds the whole result, so only it prints.
func init() { Backends[mpi.Name] = mpi.Run }
