//go:build unix

package cli

import (
	"os"
	"syscall"
)

// interrupts end a run early. mpirun kills the job on SIGINT and SIGTERM
// but forwards SIGUSR1 to every rank, so `dsac run --backend mpi` turns
// an interrupt into a SIGUSR1 to mpirun.
var interrupts = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGUSR1}
