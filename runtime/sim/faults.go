package sim

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Faults are the faults a run may go through. Random runs draw them from
// the seed (Drop, Dup, Delay) or take them at fixed virtual times (Crashes,
// Recoveries, Partitions); exploration enumerates them (any message may be
// dropped or duplicated, a rank in CrashAny may crash at any point).
type Faults struct {
	Drop    float64 // probability that a message is lost
	Dup     float64 // probability that a message is delivered twice
	Reorder bool    // no per-pair FIFO
	DelayLo time.Duration
	DelayHi time.Duration
	Crashes []TimedRank // crash-stop at a virtual time
	Recover []TimedRank // crash-recover: back at a virtual time
	Cuts    []Partition

	// Exploration only.
	CrashAny   []int // ranks that may crash at any point
	RecoverAny []int // ranks that may come back at any point after crashing
	MaxFaults  int   // faults on one path; 0 means DefaultMaxFaults
}

// Default fault settings.
const (
	DefaultDelayLo   = time.Millisecond
	DefaultDelayHi   = 10 * time.Millisecond
	DefaultMaxFaults = 2
)

// TimedRank is a rank and a virtual time.
type TimedRank struct {
	Rank int
	At   time.Duration
}

// Partition cuts the links from every rank of A to every rank of B (and
// back unless OneWay) while From <= t < To; messages that would be
// delivered across it then are lost. Without times it lasts the whole run.
type Partition struct {
	A, B     []int
	OneWay   bool
	From, To time.Duration
	Timed    bool
}

// cuts reports whether the link from -> to is cut at time t.
func (p *Partition) cuts(from, to int, t time.Duration) bool {
	if p.Timed && (t < p.From || t >= p.To) {
		return false
	}
	in := func(rs []int, r int) bool {
		for _, x := range rs {
			if x == r {
				return true
			}
		}
		return false
	}
	return in(p.A, from) && in(p.B, to) || !p.OneWay && in(p.B, from) && in(p.A, to)
}

func (p Partition) String() string {
	join := func(rs []int) string {
		s := make([]string, len(rs))
		for i, r := range rs {
			s[i] = strconv.Itoa(r)
		}
		return strings.Join(s, ",")
	}
	sep := "|"
	if p.OneWay {
		sep = ">"
	}
	s := join(p.A) + sep + join(p.B)
	if p.Timed {
		s += "@" + p.From.String() + ".." + p.To.String()
	}
	return s
}

// Any reports whether any fault is asked for.
func (f *Faults) Any() bool {
	return f.Drop > 0 || f.Dup > 0 || len(f.Crashes) > 0 || len(f.Recover) > 0 || len(f.Cuts) > 0 ||
		len(f.CrashAny) > 0
}

// Flags renders the faults as command-line flags, for reports and replay
// files.
func (f *Faults) Flags() string {
	var s []string
	if f.Drop > 0 {
		s = append(s, "--drop "+strconv.FormatFloat(f.Drop, 'g', -1, 64))
	}
	if f.Dup > 0 {
		s = append(s, "--dup "+strconv.FormatFloat(f.Dup, 'g', -1, 64))
	}
	if f.Reorder {
		s = append(s, "--reorder")
	}
	if f.DelayLo != 0 || f.DelayHi != 0 {
		s = append(s, fmt.Sprintf("--delay %v..%v", f.DelayLo, f.DelayHi))
	}
	for _, c := range f.Crashes {
		s = append(s, fmt.Sprintf("--crash %d@%v", c.Rank, c.At))
	}
	for _, c := range f.CrashAny {
		s = append(s, fmt.Sprintf("--crash %d", c))
	}
	for _, c := range f.Recover {
		s = append(s, fmt.Sprintf("--recover %d@%v", c.Rank, c.At))
	}
	for _, c := range f.RecoverAny {
		s = append(s, fmt.Sprintf("--recover %d", c))
	}
	for _, p := range f.Cuts {
		s = append(s, "--partition '"+p.String()+"'")
	}
	if f.MaxFaults > 0 && (f.Drop > 0 || f.Dup > 0 || len(f.CrashAny) > 0 || len(f.RecoverAny) > 0) {
		s = append(s, fmt.Sprintf("--max-faults %d", f.MaxFaults))
	}
	return strings.Join(s, " ")
}

// Set applies one fault flag (without its dashes) and its value, as the
// command line and fault files give them.
func (f *Faults) Set(name, value string) error {
	switch name {
	case "drop", "dup":
		p, err := strconv.ParseFloat(value, 64)
		if err != nil || p < 0 || p > 1 {
			return fmt.Errorf("--%s wants a probability between 0 and 1, not %q", name, value)
		}
		if name == "drop" {
			f.Drop = p
		} else {
			f.Dup = p
		}
	case "reorder":
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("--reorder wants true or false, not %q", value)
		}
		f.Reorder = b
	case "delay":
		lo, hi, err := parseRange(value)
		if err != nil {
			return fmt.Errorf("--delay wants LO..HI, e.g. 1ms..20ms: %v", err)
		}
		f.DelayLo, f.DelayHi = lo, hi
	case "crash", "recover":
		rank, at, timed, err := parseTimedRank(value)
		if err != nil {
			return fmt.Errorf("--%s wants RANK@TIME (or RANK, for explore), e.g. 2@50ms: %v", name, err)
		}
		switch {
		case name == "crash" && timed:
			f.Crashes = append(f.Crashes, TimedRank{rank, at})
		case name == "crash":
			f.CrashAny = append(f.CrashAny, rank)
		case timed:
			f.Recover = append(f.Recover, TimedRank{rank, at})
		default:
			f.RecoverAny = append(f.RecoverAny, rank)
		}
	case "partition":
		p, err := parsePartition(value)
		if err != nil {
			return fmt.Errorf("--partition wants 'A|B@T1..T2' (A, B comma-separated ranks; A>B for one way): %v", err)
		}
		f.Cuts = append(f.Cuts, p)
	case "max-faults":
		k, err := strconv.Atoi(value)
		if err != nil || k < 0 {
			return fmt.Errorf("--max-faults wants a count, not %q", value)
		}
		f.MaxFaults = k
	default:
		return fmt.Errorf("unknown fault %q", name)
	}
	return nil
}

// Validate checks the faults against the number of processes.
func (f *Faults) Validate(n int) error {
	check := func(what string, r int) error {
		if r < 0 || r >= n {
			return fmt.Errorf("%s names rank %d, but the ranks are 0..%d", what, r, n-1)
		}
		return nil
	}
	for _, c := range f.Crashes {
		if err := check("--crash", c.Rank); err != nil {
			return err
		}
	}
	for _, c := range f.CrashAny {
		if err := check("--crash", c); err != nil {
			return err
		}
	}
	for _, c := range f.Recover {
		if err := check("--recover", c.Rank); err != nil {
			return err
		}
	}
	for _, c := range f.RecoverAny {
		if err := check("--recover", c); err != nil {
			return err
		}
	}
	for _, p := range f.Cuts {
		for _, r := range append(append([]int{}, p.A...), p.B...) {
			if err := check("--partition", r); err != nil {
				return err
			}
		}
	}
	if f.DelayHi < f.DelayLo {
		return fmt.Errorf("--delay %v..%v: the upper bound is below the lower", f.DelayLo, f.DelayHi)
	}
	return nil
}

// ReadFile reads a fault file: one fault per line, written as its flag
// without dashes (`drop 0.1`, `reorder`, `crash 2@50ms`,
// `partition 0,1|2,3@10ms..80ms`); `#` starts a comment.
func (f *Faults) ReadFile(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		key := strings.TrimPrefix(fields[0], "--")
		value := strings.Join(fields[1:], " ")
		if key == "reorder" && value == "" {
			value = "true"
		}
		if value == "" {
			return fmt.Errorf("%s:%d: %s needs a value", name, line, key)
		}
		if err := f.Set(key, strings.Trim(value, "'\"")); err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
	}
	return sc.Err()
}

// parseDuration reads a duration; a bare number is milliseconds.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Duration(n) * time.Millisecond, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	if d < 0 {
		return 0, fmt.Errorf("negative duration %v", d)
	}
	return d, nil
}

func parseRange(s string) (lo, hi time.Duration, err error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return 0, 0, fmt.Errorf("no .. in %q", s)
	}
	if lo, err = parseDuration(a); err != nil {
		return 0, 0, err
	}
	if hi, err = parseDuration(b); err != nil {
		return 0, 0, err
	}
	if hi < lo {
		return 0, 0, fmt.Errorf("%v is below %v", hi, lo)
	}
	return lo, hi, nil
}

func parseTimedRank(s string) (rank int, at time.Duration, timed bool, err error) {
	r, t, timed := strings.Cut(s, "@")
	rank, err = strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(r), "p"))
	if err != nil {
		return 0, 0, false, fmt.Errorf("bad rank %q", r)
	}
	if timed {
		if at, err = parseDuration(t); err != nil {
			return 0, 0, false, err
		}
	}
	return rank, at, timed, nil
}

func parseRanks(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		r, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(f), "p"))
		if err != nil {
			return nil, fmt.Errorf("bad rank %q", f)
		}
		out = append(out, r)
	}
	return out, nil
}

func parsePartition(s string) (Partition, error) {
	var p Partition
	sides, times, timed := strings.Cut(s, "@")
	sep := "|"
	if strings.Contains(sides, ">") {
		sep, p.OneWay = ">", true
	}
	a, b, ok := strings.Cut(sides, sep)
	if !ok {
		return p, fmt.Errorf("no | or > in %q", sides)
	}
	var err error
	if p.A, err = parseRanks(a); err != nil {
		return p, err
	}
	if p.B, err = parseRanks(b); err != nil {
		return p, err
	}
	if timed {
		p.Timed = true
		if p.From, p.To, err = parseRange(times); err != nil {
			return p, err
		}
	}
	return p, nil
}

// timed checks that the faults suit a random run, where crashes and
// recoveries happen at given times (the explorer takes them untimed).
func (f *Faults) timed() error {
	if len(f.CrashAny) > 0 || len(f.RecoverAny) > 0 {
		return fmt.Errorf("a random run takes --crash RANK@TIME and --recover RANK@TIME (without a time, only explore)")
	}
	return nil
}
