// Package cli is the command line of every program dsac builds: its main
// function is a call to Main with the algorithm's Descriptor. It parses the
// flags, runs the algorithm on the chosen backend and prints the result as
// a summary or as JSON.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/mpi"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// Exit statuses of Main.
const (
	ExitOK     = 0 // the run ended well
	ExitFailed = 1 // a property was violated or the run ended with an error
	ExitUsage  = 2 // bad flags or parameters: nothing ran
)

// Main runs d as the command line args (without the program name) asks
// and returns the exit status. An interrupt (Ctrl-C, SIGTERM, or under
// mpirun the SIGUSR1 it forwards to every rank) ends the run early, as a
// timeout, and its result is still printed.
func Main(d *runtime.Descriptor, args []string, stdout, stderr io.Writer) int {
	if cmd, ok := isSimCommand(args); ok {
		return simMain(d, cmd, args[1:], stdout, stderr)
	}
	// Under an MPI launcher every rank runs Main, but only rank 0 speaks:
	// the others refuse what it refuses, silently and with status 0, since
	// a rank exiting non-zero first makes mpirun end the job before rank
	// 0 has printed why.
	follower := mpi.Rank() != 0
	refuse := func(format string, a ...any) int {
		if follower {
			return ExitOK
		}
		fmt.Fprintf(stderr, format, a...)
		return ExitUsage
	}
	o, err := parse(d, args)
	if errors.Is(err, flag.ErrHelp) || err == nil && o.help {
		if !follower {
			usage(stdout, d)
		}
		return ExitOK
	}
	if err != nil {
		return refuse("%s: %v\nRun %s --help for usage.\n", d.Name, err, d.Name)
	}
	run, ok := Backends[o.backend]
	if !ok {
		return refuse("%s: unknown backend %q (available: %s)\n", d.Name, o.backend, strings.Join(backendNames(), ", "))
	}
	if size, ok := mpi.LaunchedSize(); ok && o.backend != mpi.Name {
		return refuse("%s: started by mpirun (a job of %d ranks) but running on the %s backend, which would make "+
			"%d independent runs: add --backend mpi (to a program built with MPI), or run it without mpirun\n",
			d.Name, size, o.backend, size)
	}
	if err := d.CheckParams(o.run.Params); err != nil {
		return refuse("%s: %v\n", d.Name, err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), interrupts...)
	defer stop()
	var res *runtime.Result
	if o.backend == sim.Name {
		src := *d
		src.Source = specPath(d)
		res, err = sim.RunWith(ctx, &src, o.run, sim.RunConfig{Faults: o.faults, ReplayPath: replayPath(d, "run")})
	} else {
		res, err = run(ctx, d, o.run)
	}
	if err != nil {
		return refuse("%s: %v\n", d.Name, err)
	}
	if follower {
		// Rank 0 reports the whole job, this rank's failure included, and
		// sets the job's exit status. A non-zero exit here would make
		// mpirun abort the job, rank 0 with it, maybe before it printed.
		return ExitOK
	}
	if o.json {
		if err := res.WriteJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "%s: writing the result: %v\n", d.Name, err)
			return ExitFailed
		}
	} else {
		res.WriteSummary(stdout)
		writeSimExtras(stdout, res)
	}
	if res.Failed() {
		return ExitFailed
	}
	return ExitOK
}
