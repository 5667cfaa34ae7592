package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// The simulator's commands build the program (cached, as run does) and run
// its sim, explore or replay subcommand; the flags are the program's.

func newSimCmd(stdout, stderr io.Writer) *cobra.Command {
	return simCommand("sim", "FILE [-n N] [--runs K] [--parallel P] [--seed S] [--max-steps M] [--scheduler uniform|pct|timed] [faults] [--json]",
		"run many seeded random walks in the simulator, checking invariants after every step", stdout, stderr)
}

func newExploreCmd(stdout, stderr io.Writer) *cobra.Command {
	return simCommand("explore", "FILE [-n N] [--max-depth D] [--max-states S] [--bfs|--dfs] [faults] [--json]",
		"explore every interleaving and allowed fault, checking every state", stdout, stderr)
}

func simCommand(name, use, short string, stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:                name + " " + use,
		Short:              short,
		DisableFlagParsing: true, // the program parses them: one definition of each flag
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, rest, err := specArg(args)
			if err != nil {
				if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
					fmt.Fprintf(stdout, "Usage: dsac %s\n\n%s. dsac %s FILE --help lists the flags.\n", cmd.Use, short, name)
					return nil
				}
				return usage(cmd, err.Error())
			}
			return runProgram(spec, append([]string{name}, rest...), stdout, stderr)
		},
	}
}

func newReplayCmd(stdout, stderr io.Writer) *cobra.Command {
	var specFlag string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "replay FILE [--spec SPEC.dsa] [--json]",
		Short: "rerun a violation from its replay file, step by step",
		Long: `replay reruns the run a replay file records (written by run --backend sim,
sim and explore when they find a violation) and shows the same violation with
its trace. The spec is the file the replay names (relative to the current
directory or to the replay file), unless --spec names another.
Exit status 1 means the violation was reproduced.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec := specFlag
			if spec == "" {
				var err error
				if spec, err = replaySpec(args[0]); err != nil {
					return usage(cmd, err.Error())
				}
			}
			progArgs := []string{"replay", args[0]}
			if asJSON {
				progArgs = []string{"replay", "--json", args[0]}
			}
			return runProgram(spec, progArgs, stdout, stderr)
		},
	}
	cmd.Flags().StringVar(&specFlag, "spec", "", "the .dsa file to replay against")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the replayed run as JSON")
	return cmd
}

// specArg picks the .dsa file out of a command line the program parses.
func specArg(args []string) (string, []string, error) {
	for i, a := range args {
		if strings.HasSuffix(a, ".dsa") {
			return a, append(append([]string{}, args[:i]...), args[i+1:]...), nil
		}
	}
	return "", nil, errors.New("needs a .dsa FILE")
}

// replaySpec reads the source line of a replay file.
func replaySpec(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if src, ok := strings.CutPrefix(sc.Text(), "source "); ok {
			src = strings.TrimSpace(src)
			if _, err := os.Stat(src); err == nil || filepath.IsAbs(src) {
				return src, nil
			}
			near := filepath.Join(filepath.Dir(path), src)
			if _, err := os.Stat(near); err == nil {
				return near, nil
			}
			return src, nil
		}
	}
	return "", fmt.Errorf("%s names no source spec: give it with --spec", path)
}

// runProgram builds spec (cached) and runs the program with args.
func runProgram(spec string, args []string, stdout, stderr io.Writer) error {
	name, code, err := generateProgram(spec, stderr)
	if err != nil {
		return err
	}
	bin, err := cachedBuild(name, code, false, stderr)
	if err != nil {
		return err
	}
	return execProgram(bin, args, spec, 0, stdout, stderr)
}

// execProgram runs a built program with args, telling it the spec it was
// built from, as a job (see job): an interrupt reaches it as SIGINT, it
// prints its result, and dsac returns after it; it is ended if it runs
// past deadline (0 for none). Its exit status becomes dsac's (see status).
func execProgram(bin string, args []string, spec string, deadline time.Duration, stdout, stderr io.Writer) error {
	watch := newStderrWatch(stderr, false)
	prog := exec.Command(bin, args...)
	prog.Stdout, prog.Stderr = stdout, watch
	prog.Env = append(os.Environ(), "DSAC_SPEC="+spec)
	j := job{cmd: prog, forward: func(p *os.Process) error { return p.Signal(os.Interrupt) }, grace: interruptGrace, deadline: deadline}
	out, err := j.run()
	watch.Close()
	watch.mu.Lock()
	crash := watch.crash
	watch.mu.Unlock()
	return status(filepath.Base(bin), err, out, crash, func(msg string) { fmt.Fprintln(stderr, "dsac:", msg) })
}
