package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/dsac-lang/dsac/runtime"
)

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		n       int
		params  []string
		seed    int64
		timeout string
		asJSON  bool
		backend string
		launch  mpiLaunch
		faults  []string
	)
	cmd := &cobra.Command{
		Use:   "run FILE [-n N] [--param k=v] [--seed S] [--timeout D] [--json]",
		Short: "build the algorithm (cached) and run it",
		Long: `run builds FILE into a cached program and runs it: a human summary of the
outputs, the properties and the metrics by default, the result as JSON with --json.
Exit status 1 means a property was violated or the run failed (the program
crashed or was killed too), 2 bad usage. Ctrl-C ends the run early, as a
timeout, and its result is still printed; a second Ctrl-C kills it.

With --backend mpi it builds the program with MPI and launches it as
  mpirun --oversubscribe --bind-to none -np N --mca btl <transport> PROGRAM ...
(plus --allow-run-as-root as root), one rank per process, under a deadline;
with --hostfile, from a copy of the program in the current directory or
--program-dir, which must be at the same path on every host.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// What the program or mpirun would refuse is refused here,
			// before a build, once, and with the flag's name.
			if err := runtime.CheckN(n); err != nil {
				return usage(cmd, err.Error())
			}
			d, err := time.ParseDuration(timeout)
			switch {
			case err != nil:
				return usage(cmd, fmt.Sprintf("bad --timeout %q: %v", timeout, err))
			case d <= 0:
				return usage(cmd, fmt.Sprintf("--timeout must be positive, got %v", d))
			case !slices.Contains([]string{"channel", "sim", "mpi"}, backend):
				return usage(cmd, fmt.Sprintf("unknown backend %q (want channel, sim or mpi)", backend))
			}
			if backend == "mpi" {
				if err := runtime.CheckRanks(n); err != nil {
					return usage(cmd, err.Error())
				}
				if err := launch.check(); err != nil {
					return usage(cmd, err.Error())
				}
			} else if launch != (mpiLaunch{transport: launch.transport}) || launch.transport != "shm" {
				return usage(cmd, "--transport, --hostfile, --tcp-if, --mpirun and --program-dir need --backend mpi")
			}
			name, code, err := generateProgram(args[0], stderr)
			if err != nil {
				return err
			}
			bin, err := cachedBuild(name, code, backend == "mpi", stderr)
			if err != nil {
				return err
			}
			progArgs := []string{"-n", strconv.Itoa(n), "--seed", strconv.FormatInt(seed, 10),
				"--timeout", timeout, "--backend", backend}
			for _, p := range params {
				progArgs = append(progArgs, "--param", p)
			}
			progArgs = append(progArgs, faults...)
			if asJSON {
				progArgs = append(progArgs, "--json")
			}
			if backend == "mpi" {
				return launch.run(n, bin, progArgs, d, stdout, stderr)
			}
			// The program keeps its own deadline; this one is for a
			// program that does not. The simulator's is in virtual time.
			deadline := d + 30*time.Second
			if backend == "sim" {
				deadline = 0
			}
			return execProgram(bin, progArgs, args[0], deadline, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.IntVarP(&n, "n", "n", 3, fmt.Sprintf("number of processes, at most %d", runtime.MaxN))
	f.StringArrayVar(&params, "param", nil, "override a parameter: --param name=value (repeatable)")
	f.Int64Var(&seed, "seed", 1, "seed of the run's randomness")
	f.StringVar(&timeout, "timeout", "10s", "deadline of the run")
	f.BoolVar(&asJSON, "json", false, "print the result as JSON")
	f.StringVar(&backend, "backend", "channel", "backend: channel, sim (deterministic, virtual time, faults), or mpi (builds with -tags mpi and launches mpirun)")
	faultFlag := func(name, help string) {
		f.Func(name, help, func(v string) error { faults = append(faults, "--"+name+"="+v); return nil })
	}
	faultFlag("drop", "sim: lose each message with probability P")
	faultFlag("dup", "sim: deliver each message twice with probability P")
	f.BoolFunc("reorder", "sim: no per-pair FIFO", func(v string) error { faults = append(faults, "--reorder="+v); return nil })
	faultFlag("delay", "sim: virtual delay range of a message, LO..HI (default 1ms..10ms)")
	faultFlag("crash", "sim: RANK@TIME crash-stops RANK at virtual TIME (repeatable)")
	faultFlag("recover", "sim: RANK@TIME brings a crashed RANK back (repeatable)")
	faultFlag("partition", "sim: 'A|B@T1..T2' cuts ranks A from B between T1 and T2 (A>B one way; repeatable)")
	faultFlag("faults", "sim: read faults from FILE")
	f.StringVar(&launch.transport, "transport", "shm", "mpi: byte transport between ranks, shm or tcp")
	f.StringVar(&launch.hostfile, "hostfile", "", "mpi: an OpenMPI hostfile, to run across hosts")
	f.StringVar(&launch.tcpIf, "tcp-if", "", "mpi: the network interface TCP uses (lo on one host)")
	f.StringVar(&launch.mpirun, "mpirun", "", "mpi: the mpirun to use (default mpirun.openmpi, else mpirun)")
	f.StringVar(&launch.programDir, "program-dir", "", "mpi: copy the program into DIR, at the same path on every host, and launch it there (default with --hostfile: the current directory)")
	return cmd
}
