package main

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// stderrWatch passes a job's standard error on, line by line, and notes
// what dsac needs to know of how the job ended: the first Go runtime crash
// of a program (whose exit status 2 would otherwise pass for bad usage)
// and, under mpirun, which rank ended the job and how. mpirun's boxed
// reports of that (between lines of dashes) are replaced by dsac's one
// line; boxes it does not recognise pass unchanged.
type stderrWatch struct {
	w      io.Writer
	mpirun bool

	mu      sync.Mutex
	partial []byte   // the line being written
	box     []string // the lines of an mpirun box being read; nil outside one
	crash   string   // the first Go crash, e.g. "fatal error: stack overflow"
	rank    int      // the rank that ended the job, -1 if unknown
	rankEnd string   // how: "exited with status 3", "was killed by signal 9 (Killed)"
}

func newStderrWatch(w io.Writer, mpirun bool) *stderrWatch {
	return &stderrWatch{w: w, mpirun: mpirun, rank: -1}
}

// goCrash matches the first line of the Go runtime's report of a crash.
var goCrash = regexp.MustCompile(`^(fatal error: .*|panic: .*|SIG[A-Z]+: .*)$`)

// The parts of mpirun's (OpenMPI's) reports that say which rank ended the
// job. The launcher's name begins the sentences: mpirun, mpirun.openmpi.
var (
	boxRule      = regexp.MustCompile(`^-{40,}$`)
	rankSignaled = regexp.MustCompile(`noticed that process rank (\d+) with PID \d+ on node \S+ exited on signal (\d+) \(([^)]*)\)`)
	rankName     = regexp.MustCompile(`Process name: \[\[\d+,\d+\],(\d+)\]`)
	rankExit     = regexp.MustCompile(`Exit code: +(\d+)`)
	rankEarly    = regexp.MustCompile(`exited due to process rank (\d+) with PID \d+ on`)
	forwarding   = regexp.MustCompile(`^\S+: Forwarding signal \d+ to job$`) // dsac's own interrupt
)

func (s *stderrWatch) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.partial = append(s.partial, p...)
	for {
		i := bytes.IndexByte(s.partial, '\n')
		if i < 0 {
			break
		}
		line := string(s.partial[:i])
		s.partial = s.partial[i+1:]
		if err := s.line(line); err != nil {
			return len(p), err
		}
	}
	if len(s.partial) == 0 {
		s.partial = nil // do not keep a large buffer alive
	}
	return len(p), nil
}

// Close passes on what is left: an unfinished line, an unclosed box.
func (s *stderrWatch) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.box {
		fmt.Fprintln(s.w, l)
	}
	s.box = nil
	if len(s.partial) > 0 {
		_, err := s.w.Write(s.partial)
		s.partial = nil
		return err
	}
	return nil
}

func (s *stderrWatch) line(l string) error {
	if s.crash == "" && goCrash.MatchString(l) {
		s.crash = l
	}
	if s.mpirun && boxRule.MatchString(l) {
		if s.box == nil {
			s.box = []string{l}
			return nil
		}
		box := append(s.box, l)
		s.box = nil
		if s.boxRead(strings.Join(box, "\n")) {
			return nil
		}
		_, err := io.WriteString(s.w, strings.Join(box, "\n")+"\n")
		return err
	}
	if s.box != nil {
		s.box = append(s.box, l)
		return nil
	}
	if s.mpirun && forwarding.MatchString(l) {
		return nil
	}
	_, err := io.WriteString(s.w, l+"\n")
	return err
}

// boxRead notes what an mpirun box says of the job's end and reports
// whether dsac says it instead.
func (s *stderrWatch) boxRead(box string) bool {
	note := func(rank, how string) {
		if s.rank < 0 {
			s.rank, _ = strconv.Atoi(rank)
			s.rankEnd = how
		}
	}
	switch {
	case strings.Contains(box, "Primary job  terminated normally"):
	case rankSignaled.MatchString(box):
		m := rankSignaled.FindStringSubmatch(box)
		note(m[1], fmt.Sprintf("was killed by signal %s (%s)", m[2], m[3]))
	case rankName.MatchString(box) && rankExit.MatchString(box):
		note(rankName.FindStringSubmatch(box)[1], "exited with status "+rankExit.FindStringSubmatch(box)[1])
	case rankEarly.MatchString(box):
		note(rankEarly.FindStringSubmatch(box)[1], "ended before the run did")
	default:
		return false
	}
	return true
}

// mpiStatus turns how mpirun ended into dsac's exit status: rank 0 sets
// the job's 0, 1 or 2 (a 2 that is no Go crash is bad usage); any other
// ending, mpirun's own statuses included, is a failed run, with a line
// that names the rank that ended the job and how.
func mpiStatus(err error, out outcome, watch *stderrWatch, report func(string)) error {
	watch.mu.Lock()
	rank, how, crash := watch.rank, watch.rankEnd, watch.crash
	watch.mu.Unlock()
	if out.ended != "" || err == nil {
		return status("mpirun", err, out, "", report)
	}
	code := -1
	if exit, ok := err.(interface{ ExitCode() int }); ok {
		code = exit.ExitCode()
	}
	switch {
	case rank <= 0 && (code == 1 || code == 2 && crash == ""):
		return exitError{code} // rank 0's own verdict, already printed
	case crash != "" && (code == 2 || strings.HasSuffix(how, "status 2")):
		who := "a rank"
		if rank >= 0 {
			who = fmt.Sprintf("rank %d", rank)
		}
		report(who + " crashed: " + crash)
	case rank >= 0:
		report(fmt.Sprintf("rank %d %s", rank, how))
	case code > 128 && code <= 128+64: // a shell-style status of a death by signal
		report(fmt.Sprintf("mpirun ended with status %d: a rank was killed by signal %d", code, code-128))
	case code >= 0:
		report(fmt.Sprintf("mpirun ended with status %d", code))
	default:
		return err
	}
	return exitError{1}
}
