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
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// The simulator: `--backend sim` for one run, and the subcommands sim,
// explore and replay of every built program.

func init() { Backends[sim.Name] = sim.Run }

// SpecEnv names the environment variable through which dsac tells a program
// the path of the .dsa file it was built from, for the replay files it
// writes.
const SpecEnv = "DSAC_SPEC"

// faultFlags registers the fault flags on fs.
func faultFlags(fs *flag.FlagSet, f *sim.Faults) {
	set := func(name string) func(string) error {
		return func(v string) error { return f.Set(name, v) }
	}
	fs.Func("drop", "", set("drop"))
	fs.Func("dup", "", set("dup"))
	fs.BoolFunc("reorder", "", set("reorder"))
	fs.Func("delay", "", set("delay"))
	fs.Func("crash", "", set("crash"))
	fs.Func("recover", "", set("recover"))
	fs.Func("partition", "", set("partition"))
	fs.Func("max-faults", "", set("max-faults"))
	fs.Func("faults", "", func(path string) error {
		file, err := os.Open(path)
		if err != nil {
			return err
		}
		defer file.Close()
		return f.ReadFile(path, file)
	})
}

const faultUsage = `Faults:
  --drop P              each message is lost with probability P (explore: any message may be)
  --dup P               each message is delivered twice with probability P (explore: any may be)
  --reorder             no per-pair FIFO: messages between two processes may overtake each other
  --delay LO..HI        virtual delay of each message, e.g. 1ms..20ms (default 1ms..10ms)
  --crash RANK@TIME     RANK crash-stops at virtual TIME (explore: --crash RANK, at any point)
  --recover RANK@TIME   a crashed RANK comes back at TIME (explore: --recover RANK)
  --partition 'A|B@T1..T2'  cut the links between ranks A and B (comma lists) from T1 to T2;
                        A>B cuts one way; explore takes 'A|B' for the whole search
  --max-faults K        explore: at most K faults on one path (default 2)
  --faults FILE         read faults from FILE, one per line as above without dashes
`

// replayPath is where a violation's replay file goes by default.
func replayPath(d *runtime.Descriptor, mode string) string {
	return fmt.Sprintf("%s-%s.replay", d.Name, mode)
}

// specPath is the .dsa file to name in replay files.
func specPath(d *runtime.Descriptor) string {
	if p := os.Getenv(SpecEnv); p != "" {
		return p
	}
	return d.Source
}

// simMain runs the subcommands sim, explore and replay.
func simMain(d *runtime.Descriptor, cmd string, args []string, stdout, stderr io.Writer) int {
	src := *d
	src.Source = specPath(d)
	d = &src
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var (
		rep  *sim.Report
		err  error
		json bool
	)
	switch cmd {
	case "sim":
		rep, json, err = runSim(ctx, d, args, stderr)
	case "explore":
		rep, json, err = runExplore(ctx, d, args, stderr)
	case "replay":
		return runReplay(d, args, stdout, stderr)
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s %s: %v\nRun %s %s --help for usage.\n", d.Name, cmd, err, d.Name, cmd)
		return ExitUsage
	}
	if json {
		if err := rep.WriteJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "%s: writing the report: %v\n", d.Name, err)
			return ExitFailed
		}
	} else {
		rep.WriteSummary(stdout)
	}
	if rep.Failed() {
		return ExitFailed
	}
	return ExitOK
}

// commonFlags are the flags sim and explore share.
type commonFlags struct {
	n        int
	params   paramFlag
	faults   sim.Faults
	json     bool
	parallel int
	timeout  time.Duration
	replay   string
	noShrink bool
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	c.params = paramFlag{}
	fs.IntVar(&c.n, "n", DefaultN, "")
	fs.Var(c.params, "param", "")
	fs.BoolVar(&c.json, "json", false, "")
	fs.IntVar(&c.parallel, "parallel", 0, "")
	fs.DurationVar(&c.timeout, "timeout", 10*time.Minute, "")
	fs.StringVar(&c.replay, "replay-out", "", "")
	fs.BoolVar(&c.noShrink, "no-shrink", false, "")
	faultFlags(fs, &c.faults)
}

func (c *commonFlags) check(d *runtime.Descriptor, fs *flag.FlagSet) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case runtime.CheckN(c.n) != nil:
		return runtime.CheckN(c.n)
	case c.timeout <= 0:
		return fmt.Errorf("--timeout must be positive")
	}
	if err := d.CheckParams(c.params); err != nil {
		return err
	}
	return c.faults.Validate(c.n)
}

const commonUsage = `  -n N                  number of processes, at most 1000000 (default 3)
  --param name=value    set a parameter; repeatable
  --parallel P          workers (default: every core)
  --timeout D           real-time limit of the search (default 10m)
  --replay-out FILE     where a violation's replay file goes (default ALG-MODE.replay)
  --no-shrink           report the counterexample as found, without shrinking it
  --json                print the report as JSON
`

func runSim(ctx context.Context, d *runtime.Descriptor, args []string, stderr io.Writer) (*sim.Report, bool, error) {
	var c commonFlags
	cfg := sim.SimConfig{}
	fs := flag.NewFlagSet(d.Name+" sim", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.register(fs)
	fs.Int64Var(&cfg.Seed, "seed", 1, "")
	fs.IntVar(&cfg.Runs, "runs", 1000, "")
	fs.IntVar(&cfg.MaxSteps, "max-steps", 10_000, "")
	fs.StringVar(&cfg.Scheduler, "scheduler", sim.SchedUniform, "")
	fs.IntVar(&cfg.PCTDepth, "pct-depth", 3, "")
	fs.BoolVar(&cfg.NoEventually, "no-eventually", false, "")
	help := fs.Bool("help", false, "")
	if err := fs.Parse(args); err != nil {
		return nil, false, err
	}
	if *help {
		fmt.Fprintf(stderr, "Usage: %s sim [flags]\n\nRuns many seeded random walks of %s in the simulator, checking every invariant\nafter every step, and stops at the first violation.\n\n  --runs K              number of runs (default 1000); run i has seed S+i\n  --seed S              seed of the first run (default 1)\n  --max-steps M         steps per run (default 10000)\n  --scheduler NAME      uniform (any pending message next; timers when due), pct\n                        (random priorities with --pct-depth - 1 change points), or timed\n  --no-eventually       check invariants only, not eventually-properties at the end of runs\n%s\n%s", d.Name, d.Name, commonUsage, faultUsage)
		return nil, false, flag.ErrHelp
	}
	if err := c.check(d, fs); err != nil {
		return nil, false, err
	}
	switch cfg.Scheduler {
	case sim.SchedUniform, sim.SchedPCT, sim.SchedTimed:
	default:
		return nil, false, fmt.Errorf("--scheduler must be uniform, pct or timed, not %q", cfg.Scheduler)
	}
	if cfg.Runs < 1 || cfg.MaxSteps < 1 {
		return nil, false, fmt.Errorf("--runs and --max-steps must be at least 1")
	}
	cfg.N, cfg.Params, cfg.Faults, cfg.Parallel, cfg.Timeout = c.n, c.params, c.faults, c.parallel, c.timeout
	cfg.ReplayPath, cfg.NoShrink = c.replay, c.noShrink
	if cfg.ReplayPath == "" {
		cfg.ReplayPath = replayPath(d, "sim")
	}
	rep, err := sim.Simulate(ctx, d, cfg)
	return rep, c.json, err
}

func runExplore(ctx context.Context, d *runtime.Descriptor, args []string, stderr io.Writer) (*sim.Report, bool, error) {
	var c commonFlags
	cfg := sim.ExploreConfig{}
	fs := flag.NewFlagSet(d.Name+" explore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.register(fs)
	var bfs bool
	fs.BoolVar(&bfs, "bfs", false, "")
	fs.BoolVar(&cfg.DFS, "dfs", false, "")
	fs.IntVar(&cfg.MaxDepth, "max-depth", 0, "")
	fs.IntVar(&cfg.MaxStates, "max-states", sim.DefaultMaxStates, "")
	fs.IntVar(&cfg.MaxTimerFires, "max-timer-fires", sim.DefaultMaxTimerFires, "")
	fs.IntVar(&cfg.MaxBranch, "max-branch", sim.DefaultMaxBranch, "")
	progress := fs.Bool("progress", isTerminal(os.Stderr), "")
	fs.BoolVar(&cfg.NoLiveness, "no-liveness", false, "")
	fs.BoolVar(&cfg.NoPOR, "no-por", false, "")
	fs.BoolVar(&cfg.NoSymmetry, "no-symmetry", false, "")
	help := fs.Bool("help", false, "")
	if err := fs.Parse(args); err != nil {
		return nil, false, err
	}
	if *help {
		fmt.Fprintf(stderr, "Usage: %s explore [flags]\n\nEnumerates every interleaving of deliveries, timer firings and the allowed faults\nof %s, checking every invariant in every state and every eventually-property\nin every state where nothing more can happen.\n\n  --bfs | --dfs         breadth-first (default: shortest counterexamples) or depth-first\n  --max-depth D         do not go deeper than D steps (default: no bound)\n  --max-states S        stop after S distinct states (default %d)\n  --max-timer-fires K   a timer fires at most K times on a path (default %d)\n  --max-branch B        random(lo, hi) is tried with at most B values (default %d)\n  --no-liveness         do not search for fair cycles on which an eventually-property\n                        stays false (terminal states are checked all the same)\n  --no-por              no partial-order reduction (sleep sets; never for shared counters)\n  --no-symmetry         no symmetry reduction (over the process types the compiler proved symmetric)\n  --progress            a progress line on stderr (default: when it is a terminal)\n%s\n%s", d.Name, d.Name, sim.DefaultMaxStates, sim.DefaultMaxTimerFires, sim.DefaultMaxBranch, commonUsage, faultUsage)
		return nil, false, flag.ErrHelp
	}
	if err := c.check(d, fs); err != nil {
		return nil, false, err
	}
	if bfs && cfg.DFS {
		return nil, false, fmt.Errorf("--bfs and --dfs exclude each other")
	}
	if cfg.MaxDepth < 0 || cfg.MaxStates < 1 || cfg.MaxTimerFires < 1 || cfg.MaxBranch < 2 {
		return nil, false, fmt.Errorf("bad bound: --max-depth >= 0, --max-states >= 1, --max-timer-fires >= 1, --max-branch >= 2")
	}
	cfg.N, cfg.Params, cfg.Faults, cfg.Parallel, cfg.Timeout = c.n, c.params, c.faults, c.parallel, c.timeout
	cfg.ReplayPath, cfg.NoShrink = c.replay, c.noShrink
	if cfg.ReplayPath == "" {
		cfg.ReplayPath = replayPath(d, "explore")
	}
	if *progress {
		cfg.Progress = stderr
	}
	rep, err := sim.Explore(ctx, d, cfg)
	return rep, c.json, err
}

// runReplay reruns a replay file and shows its violation.
func runReplay(d *runtime.Descriptor, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(d.Name+" replay", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintf(stderr, "Usage: %s replay [--json] FILE\n", d.Name)
		return ExitUsage
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "%s replay: %v\n", d.Name, err)
		return ExitUsage
	}
	defer f.Close()
	s, err := sim.ReadSchedule(path, f)
	if err != nil {
		fmt.Fprintf(stderr, "%s replay: %v\n", d.Name, err)
		return ExitUsage
	}
	if s.Algorithm != d.Name {
		fmt.Fprintf(stderr, "%s replay: %s is a replay of %s, not %s\n", d.Name, path, s.Algorithm, d.Name)
		return ExitUsage
	}
	res, err := sim.Replay(d, s)
	if err != nil {
		fmt.Fprintf(stderr, "%s replay: %s: %v\n", d.Name, path, err)
		return ExitUsage
	}
	if *asJSON {
		if err := res.WriteJSON(stdout); err != nil {
			return ExitFailed
		}
	} else {
		res.WriteSummary(stdout)
		sim.WriteViolation(stdout, res.Violation)
		if res.Violation == nil {
			fmt.Fprintf(stdout, "the replay ends without the violation it records (%s %s)\n", s.Kind, s.Property)
		}
	}
	if res.Violation != nil || res.End == runtime.EndError {
		return ExitFailed
	}
	return ExitOK
}

// isTerminal reports whether f is a terminal, for the progress line.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// isSimCommand reports whether args start with a simulator subcommand.
func isSimCommand(args []string) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	switch strings.TrimLeft(args[0], "-") {
	case "sim", "explore", "replay":
		if !strings.HasPrefix(args[0], "-") {
			return args[0], true
		}
	}
	return "", false
}

// writeSimExtras adds what a simulated run knows beyond the common result:
// the faults it went through, its violation and its coverage.
func writeSimExtras(w io.Writer, res *runtime.Result) {
	if len(res.Faults) > 0 {
		fmt.Fprintln(w, "faults:")
		for _, f := range res.Faults {
			switch {
			case f.To >= 0:
				fmt.Fprintf(w, "  %-9s %s p%d -> p%d at %v\n", f.Kind, f.Msg, f.From, f.To, f.At)
			case f.From >= 0:
				fmt.Fprintf(w, "  %-9s p%d at %v\n", f.Kind, f.From, f.At)
			default:
				fmt.Fprintf(w, "  %s\n", f.Kind)
			}
		}
	}
	sim.WriteViolation(w, res.Violation)
	if res.Backend == sim.Name {
		sim.WriteCoverage(w, res.Coverage)
	}
}
