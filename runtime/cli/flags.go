package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// options are the parsed command line.
type options struct {
	run     runtime.RunOptions
	backend string
	json    bool
	help    bool
	faults  sim.Faults // --backend sim
}

// paramFlag collects repeated --param name=value flags.
type paramFlag map[string]string

func (p paramFlag) String() string { return "" }

func (p paramFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	p[name] = value
	return nil
}

// parse reads args (without the program name). The flag package accepts
// -x and --x alike.
func parse(d *runtime.Descriptor, args []string) (*options, error) {
	o := &options{run: runtime.RunOptions{Params: map[string]string{}}}
	fs := flag.NewFlagSet(d.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by Main
	fs.IntVar(&o.run.N, "n", 0, "")
	fs.Var(paramFlag(o.run.Params), "param", "")
	fs.Int64Var(&o.run.Seed, "seed", 1, "")
	fs.DurationVar(&o.run.Timeout, "timeout", runtime.DefaultTimeout, "")
	fs.BoolVar(&o.json, "json", false, "")
	fs.StringVar(&o.backend, "backend", DefaultBackend, "")
	fs.BoolVar(&o.help, "help", false, "")
	fs.BoolVar(&o.help, "h", false, "")
	faultFlags(fs, &o.faults)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if o.backend != sim.Name && (o.faults.Any() || o.faults.Reorder) {
		return nil, fmt.Errorf("fault flags need --backend sim")
	}
	if o.help {
		return o, nil
	}
	nSet := false
	fs.Visit(func(f *flag.Flag) { nSet = nSet || f.Name == "n" })
	jobSized := !nSet && o.backend == "mpi" // under MPI, an unset n is the size of the job
	if !nSet && !jobSized {
		o.run.N = DefaultN
	}
	switch {
	case fs.NArg() > 0:
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case !jobSized && runtime.CheckN(o.run.N) != nil:
		return nil, runtime.CheckN(o.run.N)
	case o.run.Timeout <= 0:
		return nil, fmt.Errorf("--timeout must be positive, got %v", o.run.Timeout)
	}
	return o, nil
}

// usage describes the flags, the algorithm's parameters and the backends.
func usage(w io.Writer, d *runtime.Descriptor) {
	fmt.Fprintf(w, "Usage: %s [flags]\n\nRuns the algorithm %s", d.Name, d.Name)
	if d.Source != "" {
		fmt.Fprintf(w, " (from %s)", d.Source)
	}
	fmt.Fprintf(w, " and reports its outputs, properties and metrics.\n\nFlags:\n")
	fmt.Fprintf(w, "  -n N               number of processes, at most %d (default %d; under mpi, the job's size)\n", runtime.MaxN, DefaultN)
	fmt.Fprintf(w, "  --param name=value set a parameter; repeatable\n")
	fmt.Fprintf(w, "  --seed S           seed of random(); same seed, same draws (default 1)\n")
	fmt.Fprintf(w, "  --timeout D        end the run after D, e.g. 500ms, 1m (default %v)\n", runtime.DefaultTimeout)
	fmt.Fprintf(w, "  --backend B        one of %s (default %s)\n", strings.Join(backendNames(), ", "), DefaultBackend)
	fmt.Fprintf(w, "  --json             print the result as JSON\n")
	fmt.Fprintf(w, "  --help             print this help\n")
	fmt.Fprintf(w, "\nWith --backend sim the run is deterministic, in virtual time, and takes faults:\n%s", faultUsage)
	fmt.Fprintf(w, "\nSubcommands (each with --help): %s sim (many random runs), %s explore\n(every interleaving), %s replay FILE (rerun a violation).\n", d.Name, d.Name, d.Name)
	if len(d.Params) > 0 {
		fmt.Fprintf(w, "\nParameters:\n")
		for _, p := range d.Params {
			def := p.Default
			if p.Type == "string" {
				def = fmt.Sprintf("%q", def)
			}
			fmt.Fprintf(w, "  %s %s = %s\n", p.Name, p.Type, def)
		}
	}
	fmt.Fprintf(w, "\nExit status: 0 ok, 1 a property violated or the run failed, 2 bad usage.\n")
}
