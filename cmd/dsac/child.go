package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A job is a program dsac runs and must not outlive: the algorithm's
// program, or mpirun and its ranks. It runs in a process group of its
// own, so that a Ctrl-C at the terminal reaches dsac alone and dsac
// decides what the job gets: an interrupt is forwarded once (the program
// then ends its run early and prints the result); if the job has not
// ended after a grace period, or at a second interrupt, or at the
// deadline, it is terminated (SIGTERM to its group), and a little later
// killed with every process under it. dsac returns only after the job
// has ended, so nothing is printed after dsac has gone.
type job struct {
	cmd      *exec.Cmd
	what     string                  // names the job in messages
	forward  func(*os.Process) error // passes an interrupt on
	grace    time.Duration           // from the interrupt to the termination
	deadline time.Duration           // from the start to the termination; 0 for none
}

// Grace periods, variables so that tests can shorten them.
var (
	interruptGrace = 10 * time.Second
	termGrace      = 3 * time.Second
)

// outcome is how a job ended, beyond its exit status.
type outcome struct {
	interrupted bool
	ended       string // why dsac terminated or killed the job, "" if it did not
}

// run starts the job and waits for it to end.
func (j job) run() (outcome, error) {
	cmd := j.cmd
	cmd.SysProcAttr = jobAttr()
	cmd.WaitDelay = termGrace // a process holding its output open does not hold dsac
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	var out outcome
	if err := cmd.Start(); err != nil {
		return out, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	pid := cmd.Process.Pid
	var deadline, next <-chan time.Time
	if j.deadline > 0 {
		t := time.NewTimer(j.deadline)
		defer t.Stop()
		deadline = t.C
	}
	stage := 0 // 0 running, 1 interrupted, 2 terminated, 3 killed
	escalate := func(why string) {
		switch stage {
		case 0, 1:
			stage, out.ended = 2, why
			_ = syscall.Kill(-pid, syscall.SIGTERM)
			next = time.After(termGrace)
		case 2:
			stage = 3
			killTree(pid)
			next = nil
		}
	}
	for {
		select {
		case err := <-done:
			if stage >= 2 {
				killTree(pid) // whatever the group's leader left behind
			}
			return out, err
		case <-sigs:
			if stage == 0 {
				stage, out.interrupted = 1, true
				if err := j.forward(cmd.Process); err != nil {
					escalate("it could not be interrupted")
					continue
				}
				next = time.After(j.grace)
				continue
			}
			escalate("of a second interrupt")
		case <-next:
			escalate(fmt.Sprintf("it did not end within %v of the interrupt", j.grace))
		case <-deadline:
			deadline = nil
			escalate(fmt.Sprintf("it was still running %v after its start", j.deadline))
		}
	}
}

// killTree kills the process group pid leads and every process under pid:
// mpirun puts each rank in a process group of its own.
func killTree(pid int) {
	for range 3 { // a process may fork while its parent is being killed
		procs := descendants(pid)
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		for _, p := range procs {
			_ = syscall.Kill(p, syscall.SIGKILL)
		}
		if len(procs) == 0 {
			return
		}
	}
}

// descendants lists the processes under pid, from /proc (none where
// there is no /proc).
func descendants(pid int) []int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	children := map[int][]int{}
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...; comm may hold spaces and parentheses.
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		p, err1 := strconv.Atoi(strings.Fields(s)[0])
		if len(f) < 2 || err1 != nil {
			continue
		}
		if ppid, err := strconv.Atoi(f[1]); err == nil {
			children[ppid] = append(children[ppid], p)
		}
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		out = append(out, children[p]...)
		queue = append(queue, children[p]...)
	}
	return out
}

// status turns how the program of a run ended into dsac's exit status,
// keeping to the documented ones: its own 0, 1 or 2 pass, except a 2 that
// is the Go runtime's (a crash: out of memory, a stack overflow, a fatal
// error), which is a failed run; any other ending is a failed run too,
// with a line that says what happened.
func status(name string, err error, out outcome, crash string, report func(string)) error {
	if out.ended != "" {
		report(fmt.Sprintf("%s was stopped because %s", name, out.ended))
		return exitError{1}
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return err
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		report(fmt.Sprintf("%s was killed by signal %d (%v)", name, int(ws.Signal()), ws.Signal()))
		return exitError{1}
	}
	switch code := exit.ExitCode(); {
	case code == 2 && crash != "":
		report(fmt.Sprintf("%s crashed: %s", name, crash))
		return exitError{1}
	case code <= 2:
		return exitError{code}
	default:
		report(fmt.Sprintf("%s exited with status %d", name, code))
		return exitError{1}
	}
}
