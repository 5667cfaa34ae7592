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
	"os"
	"os/signal"
	"strings"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// Exit statuses of Main.
const (
	ExitOK     = 0 // the run ended well
	ExitFailed = 1 // a property was violated or the run ended with an error
	ExitUsage  = 2 // bad flags or parameters: nothing ran
)

// Main runs d as the command line args (without the program name) asks
// and returns the exit status. An interrupt (Ctrl-C) ends the run early,
// as a timeout, and its result is still printed.
func Main(d *runtime.Descriptor, args []string, stdout, stderr io.Writer) int {
	if cmd, ok := isSimCommand(args); ok {
		return simMain(d, cmd, args[1:], stdout, stderr)
	}
	o, err := parse(d, args)
	if errors.Is(err, flag.ErrHelp) || err == nil && o.help {
		usage(stdout, d)
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\nRun %s --help for usage.\n", d.Name, err, d.Name)
		return ExitUsage
	}
	run, ok := Backends[o.backend]
	if !ok {
		fmt.Fprintf(stderr, "%s: unknown backend %q (available: %s)\n", d.Name, o.backend, strings.Join(backendNames(), ", "))
		return ExitUsage
	}
	if err := d.CheckParams(o.run.Params); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", d.Name, err)
		return ExitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var res *runtime.Result
	if o.backend == sim.Name {
		src := *d
		src.Source = specPath(d)
		res, err = sim.RunWith(ctx, &src, o.run, sim.RunConfig{Faults: o.faults, ReplayPath: replayPath(d, "run")})
	} else {
		res, err = run(ctx, d, o.run)
	}
	quiet := silent[o.backend] != nil && silent[o.backend]()
	if err != nil {
		if !quiet {
			fmt.Fprintf(stderr, "%s: %v\n", d.Name, err)
		}
		return ExitUsage
	}
	if quiet {
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
