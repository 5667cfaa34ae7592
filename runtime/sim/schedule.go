package sim

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Schedule is a run written down step by step: what the replay file
// holds. Replaying it applies the same steps to a fresh instance, with the
// values random() returned in each, and reaches the same states.
type Schedule struct {
	Algorithm   string
	Source      string // the .dsa file, as given to dsac
	N           int
	Params      map[string]string
	Seed        int64
	Faults      string // the fault flags of the run that found it, for the reader
	Mode        string // run, random, pct, timed, explore
	Property    string // the property violated
	Kind        string // invariant, eventually, error, deadlock
	ShrunkFrom  int    // steps before shrinking; 0 if not shrunk
	ShrunkFromN int    // processes before shrinking; 0 if none was removed
	Lasso       int    // for a cycle: the step at which it starts
	Steps       []Step
}

// Step is one step of a schedule.
type Step struct {
	Kind    actKind
	Rank    int // start, fire, crash, recover: the process; deliver, drop, dup: the receiver
	From    int // deliver, drop, dup
	Msg     string
	Payload []byte
	Timer   string
	Rands   []int64
	At      time.Duration
	Why     string // drop: why the message was lost (partition, ...)
}

// replayVersion is the format's version, on the file's first line.
const replayVersion = "dsac-replay 1"

// Write writes the schedule as text: a header of key-value lines, then one
// line per step. Comments (#) say in words what a step does.
func (s *Schedule) Write(w io.Writer, comments []string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\n# rerun with: dsac replay FILE\n", replayVersion)
	fmt.Fprintf(bw, "algorithm %s\n", s.Algorithm)
	if s.Source != "" {
		fmt.Fprintf(bw, "source %s\n", s.Source)
	}
	fmt.Fprintf(bw, "n %d\n", s.N)
	keys := make([]string, 0, len(s.Params))
	for k := range s.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(bw, "param %s=%s\n", k, s.Params[k])
	}
	fmt.Fprintf(bw, "seed %d\n", s.Seed)
	if s.Mode != "" {
		fmt.Fprintf(bw, "mode %s\n", s.Mode)
	}
	if s.Faults != "" {
		fmt.Fprintf(bw, "faults %s\n", s.Faults)
	}
	if s.Property != "" {
		fmt.Fprintf(bw, "violation %s %s\n", s.Kind, s.Property)
	}
	if s.ShrunkFrom > 0 {
		fmt.Fprintf(bw, "shrunk-from %d\n", s.ShrunkFrom)
	}
	if s.ShrunkFromN > 0 {
		fmt.Fprintf(bw, "shrunk-from-n %d\n", s.ShrunkFromN)
	}
	if s.Lasso > 0 {
		fmt.Fprintf(bw, "lasso %d\n", s.Lasso)
	}
	fmt.Fprintf(bw, "steps %d\n", len(s.Steps))
	for i, st := range s.Steps {
		line := st.String()
		if i < len(comments) && comments[i] != "" {
			line += "  # " + comments[i]
		}
		fmt.Fprintln(bw, line)
	}
	return bw.Flush()
}

// String is the step's line in a replay file.
func (st Step) String() string {
	var b strings.Builder
	b.WriteString(st.Kind.String())
	switch st.Kind {
	case actDeliver, actDrop, actDup:
		payload := hex.EncodeToString(st.Payload)
		if payload == "" {
			payload = "-"
		}
		fmt.Fprintf(&b, " %d %d %s %s", st.From, st.Rank, st.Msg, payload)
		if st.Why != "" {
			fmt.Fprintf(&b, " why=%s", st.Why)
		}
	case actFire:
		fmt.Fprintf(&b, " %d %s", st.Rank, st.Timer)
	default:
		fmt.Fprintf(&b, " %d", st.Rank)
	}
	if len(st.Rands) > 0 {
		vs := make([]string, len(st.Rands))
		for i, v := range st.Rands {
			vs[i] = strconv.FormatInt(v, 10)
		}
		b.WriteString(" rand=" + strings.Join(vs, ","))
	}
	fmt.Fprintf(&b, " @%v", st.At)
	return b.String()
}

// ReadSchedule parses a replay file.
func ReadSchedule(name string, r io.Reader) (*Schedule, error) {
	s := &Schedule{Params: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...))
	}
	sawVersion := false
	for sc.Scan() {
		line++
		text, _, _ := strings.Cut(sc.Text(), "#")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		if !sawVersion {
			if text != replayVersion {
				return nil, fail("not a dsac replay file (want %q first)", replayVersion)
			}
			sawVersion = true
			continue
		}
		key, rest, _ := strings.Cut(text, " ")
		rest = strings.TrimSpace(rest)
		var err error
		switch key {
		case "algorithm":
			s.Algorithm = rest
		case "source":
			s.Source = rest
		case "n":
			s.N, err = strconv.Atoi(rest)
		case "param":
			k, v, ok := strings.Cut(rest, "=")
			if !ok {
				return nil, fail("param wants name=value")
			}
			s.Params[k] = v
		case "seed":
			s.Seed, err = strconv.ParseInt(rest, 10, 64)
		case "mode":
			s.Mode = rest
		case "faults":
			s.Faults = rest
		case "violation":
			s.Kind, s.Property, _ = strings.Cut(rest, " ")
		case "shrunk-from":
			s.ShrunkFrom, err = strconv.Atoi(rest)
		case "shrunk-from-n":
			s.ShrunkFromN, err = strconv.Atoi(rest)
		case "lasso":
			s.Lasso, err = strconv.Atoi(rest)
		case "steps":
			_, err = strconv.Atoi(rest)
		default:
			st, serr := parseStep(key, strings.Fields(rest))
			if serr != nil {
				return nil, fail("%v", serr)
			}
			s.Steps = append(s.Steps, st)
		}
		if err != nil {
			return nil, fail("bad %s: %v", key, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !sawVersion {
		return nil, fmt.Errorf("%s: empty, not a dsac replay file", name)
	}
	if s.Algorithm == "" || s.N < 1 {
		return nil, fmt.Errorf("%s: the header needs algorithm and n", name)
	}
	return s, nil
}

func parseStep(verb string, f []string) (Step, error) {
	var st Step
	kind := -1
	for i, name := range actNames {
		if name == verb {
			kind = i
		}
	}
	if kind < 0 {
		return st, fmt.Errorf("unknown step %q", verb)
	}
	st.Kind = actKind(kind)
	// Trailing options: rand=..., why=..., @time.
	for len(f) > 0 {
		last := f[len(f)-1]
		switch {
		case strings.HasPrefix(last, "@"):
			d, err := time.ParseDuration(last[1:])
			if err != nil {
				return st, fmt.Errorf("bad time %q", last)
			}
			st.At = d
		case strings.HasPrefix(last, "rand="):
			for _, v := range strings.Split(last[5:], ",") {
				x, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return st, fmt.Errorf("bad random value %q", v)
				}
				st.Rands = append(st.Rands, x)
			}
		case strings.HasPrefix(last, "why="):
			st.Why = last[4:]
		default:
			goto args
		}
		f = f[:len(f)-1]
	}
args:
	atoi := func(s string) (int, error) {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			return 0, fmt.Errorf("bad rank %q", s)
		}
		return v, nil
	}
	var err error
	switch st.Kind {
	case actDeliver, actDrop, actDup:
		if len(f) != 4 {
			return st, fmt.Errorf("%s wants FROM TO KIND PAYLOAD", verb)
		}
		if st.From, err = atoi(f[0]); err != nil {
			return st, err
		}
		if st.Rank, err = atoi(f[1]); err != nil {
			return st, err
		}
		st.Msg = f[2]
		if f[3] != "-" {
			if st.Payload, err = hex.DecodeString(f[3]); err != nil {
				return st, fmt.Errorf("bad payload %q", f[3])
			}
		}
	case actFire:
		if len(f) != 2 {
			return st, fmt.Errorf("fire wants RANK TIMER")
		}
		if st.Rank, err = atoi(f[0]); err != nil {
			return st, err
		}
		st.Timer = f[1]
	default:
		if len(f) != 1 {
			return st, fmt.Errorf("%s wants RANK", verb)
		}
		if st.Rank, err = atoi(f[0]); err != nil {
			return st, err
		}
	}
	return st, nil
}
