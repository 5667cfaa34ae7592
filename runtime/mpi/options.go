package mpi

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Options are the MPI backend's own settings, beyond runtime.RunOptions.
// The zero value injects no fault.
type Options struct {
	// Crashes lists the ranks that crash during the run and when.
	Crashes []Crash
}

// Crash makes one rank stop handling events and sending messages, as a
// crashed process would, while the rank itself keeps taking part in
// termination detection and the final gather (a real crash would take the
// whole MPI job down with it). Messages it had sent before still arrive.
type Crash struct {
	Rank int
	// After is the time since the start at which the rank crashes; zero
	// crashes it before its start event.
	After time.Duration
	// AfterEvents, when positive, crashes the rank after it has handled
	// that many events (the start event, messages and timer firings)
	// instead of at a time.
	AfterEvents int
}

// CrashEnv is the environment variable Run reads crash faults from, so
// they reach every rank through `mpirun -x DSAC_MPI_CRASH=...`. Its value
// is a comma-separated list of RANK@DURATION (crash at that time, e.g.
// 2@50ms) and RANK#EVENTS (crash after that many events, e.g. 1#3).
const CrashEnv = "DSAC_MPI_CRASH"

// OptionsFromEnv returns the options set by the environment (CrashEnv).
func OptionsFromEnv() (Options, error) {
	crashes, err := ParseCrashes(os.Getenv(CrashEnv))
	if err != nil {
		return Options{}, fmt.Errorf("%s: %w", CrashEnv, err)
	}
	return Options{Crashes: crashes}, nil
}

// ParseCrashes parses a list of crash faults in the syntax of CrashEnv.
func ParseCrashes(s string) ([]Crash, error) {
	var out []Crash
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		rank, when, byEvents := strings.Cut(item, "#")
		if !byEvents {
			var ok bool
			if rank, when, ok = strings.Cut(item, "@"); !ok {
				return nil, fmt.Errorf("crash %q: want RANK@DURATION or RANK#EVENTS", item)
			}
		}
		r, err := strconv.Atoi(rank)
		if err != nil || r < 0 {
			return nil, fmt.Errorf("crash %q: bad rank %q", item, rank)
		}
		c := Crash{Rank: r}
		if byEvents {
			if c.AfterEvents, err = strconv.Atoi(when); err != nil || c.AfterEvents < 1 {
				return nil, fmt.Errorf("crash %q: bad event count %q", item, when)
			}
		} else if c.After, err = time.ParseDuration(when); err != nil || c.After < 0 {
			return nil, fmt.Errorf("crash %q: bad duration %q", item, when)
		}
		out = append(out, c)
	}
	return out, nil
}

// check refuses a job beyond runtime.MaxRanks, and crashes of ranks that a
// job of n ranks does not have: they would silently inject nothing.
func (o Options) check(n int) error {
	// A job mpirun was asked to make bigger than dsac launches itself
	// (n unset: the job's size) is refused the same way.
	if err := runtime.CheckRanks(n); err != nil {
		return fmt.Errorf("mpi: %v", err)
	}
	for _, c := range o.Crashes {
		if c.Rank >= n {
			return fmt.Errorf("%s: crash of rank %d, but the job has ranks 0..%d", CrashEnv, c.Rank, n-1)
		}
	}
	return nil
}

// crashOf returns the crash planned for rank, or nil; the first listed wins.
func (o Options) crashOf(rank int) *Crash {
	for i := range o.Crashes {
		if o.Crashes[i].Rank == rank {
			return &o.Crashes[i]
		}
	}
	return nil
}

// envRank is this process's rank as the MPI launcher announces it in the
// environment, for callers that ask before (or without) MPI being
// initialised; 0 when not launched by mpirun.
func envRank() int {
	for _, name := range []string{"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"} {
		if r, err := strconv.Atoi(os.Getenv(name)); err == nil {
			return r
		}
	}
	return 0
}

// LaunchedSize is the size of the MPI job this process was launched in, as
// the launcher announces it in the environment, and false when no MPI
// launcher started it: a program run by `mpirun -np N` without the MPI
// backend would otherwise be N independent copies of one run.
func LaunchedSize() (int, bool) {
	for _, name := range []string{"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"} {
		if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
			return n, true
		}
	}
	if _, ok := os.LookupEnv("PMIX_RANK"); ok {
		return 0, true
	}
	return 0, false
}

// Name is the backend's name in results and on the command line.
const Name = "mpi"
