package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// dsacProcess is `dsac ARGS` running as a process of its own, so that it
// can be sent signals.
type dsacProcess struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan struct{}
}

func startDsac(t *testing.T, args ...string) *dsacProcess {
	t.Helper()
	p := &dsacProcess{cmd: exec.Command(os.Args[0], args...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), asDsac+"=1", "XDG_CACHE_HOME="+programCache)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	require.NoError(t, p.cmd.Start())
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		killStrays(t)
	})
	return p
}

// wait waits for dsac to end, at most limit, and returns its exit status.
func (p *dsacProcess) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(limit):
		t.Fatalf("dsac still running %v after the signal\nstdout: %s\nstderr: %s", limit, p.stdout.String(), p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

// programs lists the processes that run a program of this test run's
// cache: programs, ranks, and mpirun (whose arguments name the program).
func programs() []string {
	out, _ := exec.Command("pgrep", "-f", filepath.Join(programCache, "dsac")).Output()
	return strings.Fields(string(out))
}

// waitForPrograms waits until at least k processes run a program.
func waitForPrograms(t *testing.T, k int) {
	t.Helper()
	for start := time.Now(); len(programs()) < k; time.Sleep(50 * time.Millisecond) {
		if time.Since(start) > 60*time.Second {
			t.Fatalf("fewer than %d program processes after 60s: %v", k, programs())
		}
	}
	time.Sleep(2 * time.Second) // past start-up, where a signal would be too early
}

// requireNoStrays fails if a program, rank or mpirun outlived dsac.
func requireNoStrays(t *testing.T) {
	t.Helper()
	left := programs()
	killStrays(t)
	require.Empty(t, left, "processes left running after dsac ended")
}

// killStrays kills what a failed test left behind: processes of this test
// run's own programs only.
func killStrays(t *testing.T) {
	for _, pid := range programs() {
		if n, err := strconv.Atoi(pid); err == nil {
			_ = syscall.Kill(n, syscall.SIGKILL)
		}
	}
}

// writeSpec writes a .dsa file into dir.
func writeSpec(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

const (
	foreverSpec = "algorithm forever\nprocess T on all {\n  var ticks int\n  on start { timer t every 5ms }\n  on timer t { ticks += 1 }\n}\neventually stops: forall p in T: p.ticks == 0\n"
	// spin's start handler on the last rank does not return for a long
	// time: it ignores interrupts and deadlines.
	spinSpec = "algorithm spin\nparam spins int = 0\nprocess P on all {\n  var x int\n  on start { if self == n - 1 { for i in 1 .. spins { x += 1 } } }\n}\n"
)

// TestInterruptChannelRun: Ctrl-C or SIGTERM to dsac ends the program's
// run early, its result is printed, and dsac ends after the program; a
// program that does not end at the interrupt is killed at the second.
func TestInterruptChannelRun(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", programCache)
	dir := t.TempDir()
	forever := writeSpec(t, dir, "forever.dsa", foreverSpec)
	run([]string{"run", forever, "--timeout", "50ms", "-n", "1"}, io.Discard, io.Discard) // build it first
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		p := startDsac(t, "run", forever, "--timeout", "60s")
		waitForPrograms(t, 1)
		require.NoError(t, p.cmd.Process.Signal(sig))
		code := p.wait(t, 20*time.Second)
		require.Equal(t, 1, code, "stderr: %s", p.stderr.String())
		require.Contains(t, p.stdout.String(), "forever on channel: n=3 seed=1, timeout after")
		require.Contains(t, p.stdout.String(), "VIOLATED eventually stops")
		requireNoStrays(t)
	}

}

// TestInterruptUnresponsiveProgram: a program that ignores interrupts is
// terminated at a second one and killed, with everything it started, if
// it ignores that too; dsac says so and ends after it.
func TestInterruptUnresponsiveProgram(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "deaf")
	pidFile := filepath.Join(dir, "child.pid")
	require.NoError(t, os.WriteFile(prog, []byte("#!/bin/sh\ntrap '' INT TERM\nsleep 60 &\necho $! >"+pidFile+"\nwait\n"), 0o755))
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- execProgram(prog, nil, "x.dsa", 0, &stdout, &stderr) }()
	var child int
	for start := time.Now(); child == 0; time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(pidFile)
		child, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		require.Less(t, time.Since(start), 30*time.Second, "the program did not start")
	}
	// dsac catches the signals while the program runs: this test process
	// plays dsac.
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case err := <-done:
		require.Equal(t, exitError{1}, err)
	case <-time.After(20 * time.Second):
		t.Fatal("dsac did not end the program")
	}
	require.Equal(t, "dsac: deaf was stopped because of a second interrupt\n", stderr.String())
	require.False(t, alive(child), "the program's child outlived it")
}

// TestProgramPastDeadline: a program still running long after its
// deadline is ended, with everything it started.
func TestProgramPastDeadline(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "late")
	require.NoError(t, os.WriteFile(prog, []byte("#!/bin/sh\ntrap '' INT TERM\nsleep 60 &\necho $! >"+dir+"/pid\nwait\n"), 0o755))
	var stdout, stderr bytes.Buffer
	start := time.Now()
	err := execProgram(prog, nil, "x.dsa", 500*time.Millisecond, &stdout, &stderr)
	require.Equal(t, exitError{1}, err)
	require.Less(t, time.Since(start), 10*time.Second)
	require.Equal(t, "dsac: late was stopped because it was still running 500ms after its start\n", stderr.String())
	b, _ := os.ReadFile(filepath.Join(dir, "pid"))
	child, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	require.NotZero(t, child)
	require.False(t, alive(child), "the program's child outlived it")
}

// alive reports whether process pid runs (a zombie is dead, waiting for
// its new parent to notice).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 0 && f[0] != "Z" && f[0] != "X"
}

// TestProgramStatus: a program's exit statuses 0, 1 and 2 pass, a Go
// crash's 2 and any other ending are a failed run, said in one line.
func TestProgramStatus(t *testing.T) {
	dir := t.TempDir()
	script := func(name, body string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755))
		return path
	}
	cases := []struct {
		body   string
		code   int
		stderr string
	}{
		{"exit 0", 0, ""},
		{"exit 1", 1, ""},
		{"echo 'prog: unknown parameter' >&2; exit 2", 2, "prog: unknown parameter\n"},
		{"echo 'runtime: goroutine stack exceeds 1000000000-byte limit' >&2; echo 'fatal error: stack overflow' >&2; exit 2", 1,
			"runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\ndsac: prog crashed: fatal error: stack overflow\n"},
		{"echo 'panic: boom' >&2; echo >&2; echo 'goroutine 1 [running]:' >&2; exit 2", 1, "dsac: prog crashed: panic: boom\n"},
		{"exit 3", 1, "dsac: prog exited with status 3\n"},
		{"exit 255", 1, "dsac: prog exited with status 255\n"},
		{"kill -9 $$", 1, "dsac: prog was killed by signal 9 (killed)\n"},
		{"kill -SEGV $$", 1, "dsac: prog was killed by signal 11 (segmentation fault)\n"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		err := execProgram(script("prog", c.body), nil, "x.dsa", 0, &stdout, &stderr)
		var exit exitError
		code := 0
		if errors.As(err, &exit) {
			code = exit.code
		} else {
			require.NoError(t, err)
		}
		require.Equal(t, c.code, code, "%s\nstderr: %s", c.body, stderr.String())
		require.True(t, strings.HasSuffix(stderr.String(), c.stderr), "%s: stderr %q, want it to end with %q", c.body, stderr.String(), c.stderr)
	}
}
