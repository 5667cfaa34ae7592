// Command dsac compiles distributed algorithms written in the .dsa language
// to Go and runs them: check, gen, build, run, sim, explore, replay, fmt,
// list, new, version, help.
//
// It is wiring only: flags here, the work in parser, spec, codegen and the
// runtime. Exit status: 0 success, 1 a property was violated or the run
// failed, 2 bad usage or bad input.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// exitError carries an exit status out of a command.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError marks errors that are the user's input rather than a failure.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// atExit lists what run undoes when the command has ended: temporary
// directories.
var atExit []func()

func run(args []string, stdout, stderr io.Writer) int {
	defer func() {
		for _, f := range atExit {
			f()
		}
		atExit = nil
	}()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	var exit exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.code
	}
	fmt.Fprintln(stderr, "dsac:", err)
	return 2
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "dsac",
		Short: "dsac compiles distributed algorithms (.dsa) to Go and runs them",
		Long: `dsac compiles distributed algorithms written in the .dsa language — typed
messages, processes with state, upon-style handlers, checked properties — to Go
packages that run unchanged on the dsac backends.

  dsac run algorithms/paxos.dsa -n 5     build and run on the channel backend
  dsac check FILE...                     report errors
  dsac gen FILE... [-o DIR]              write the Go packages
  dsac build FILE -o BIN                 build a self-contained program
  dsac fmt [-w] FILE...                  print or rewrite in canonical layout
  dsac run FILE --backend sim [faults]   one deterministic simulated run
  dsac sim FILE [--runs K] [faults]      many random runs, invariants after every step
  dsac explore FILE [faults]             every interleaving, exhaustively
  dsac replay FILE.replay                rerun a violation step by step
  dsac list [NAME]                       the shipped algorithms, or one's source
  dsac new NAME                          write NAME.dsa, a small algorithm to start from`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		// dsac alone is a usage error: it shows the help and exits 2.
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprint(stderr, cmd.UsageString())
			return exitError{2}
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		fmt.Fprintf(stderr, "dsac %s: %v\n", c.Name(), err)
		fmt.Fprint(stderr, c.UsageString())
		return exitError{2}
	})
	root.AddCommand(
		newCheckCmd(stderr),
		newGenCmd(stdout, stderr),
		newBuildCmd(stderr),
		newRunCmd(stdout, stderr),
		newSimCmd(stdout, stderr),
		newExploreCmd(stdout, stderr),
		newReplayCmd(stdout, stderr),
		newFmtCmd(stdout, stderr),
		newListCmd(stdout, stderr),
		newDocCmd(stdout, stderr),
		newNewCmd(stdout, stderr),
		newVersionCmd(stdout),
	)
	return root
}
