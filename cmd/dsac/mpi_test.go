package main

import (
	"bytes"
	"encoding/json"
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

	"github.com/dsac-lang/dsac/runtime"
)

// requireMPI skips the test where OpenMPI is missing, unless
// DSAC_REQUIRE_MPI=1 (as `make test` sets after installing it) makes that
// a failure: CI must not pass by skipping the MPI tests.
func requireMPI(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("mpirun.openmpi"); err == nil {
		if err := exec.Command("pkg-config", "--exists", "ompi-c").Run(); err == nil {
			return
		}
	}
	if os.Getenv("DSAC_REQUIRE_MPI") == "1" {
		t.Fatal("OpenMPI is not installed (scripts/mpi/install.sh installs it)")
	}
	t.Skip("OpenMPI is not installed; DSAC_REQUIRE_MPI=1 makes this a failure")
}

// runJSON runs `dsac run` in-process with --json and decodes the result.
func runJSON(t *testing.T, args ...string) *runtime.Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"run", "--json"}, args...), &stdout, &stderr)
	require.Equal(t, 0, code, "dsac run %v\nstdout: %s\nstderr: %s", args, stdout.String(), stderr.String())
	var res runtime.Result
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), "dsac run %v printed %s", args, stdout.String())
	return &res
}

// requireAllHold fails the test unless every property of the run holds.
func requireAllHold(t *testing.T, res *runtime.Result) {
	t.Helper()
	for _, p := range res.Properties {
		require.Equal(t, runtime.PropertyOK, p.Status, "%s %s: %s", p.Kind, p.Name, p.Violation)
	}
}

// runCrashedOnMPI runs spec under mpirun with n ranks, crashing them as
// DSAC_MPI_CRASH=crash says, and requires that the run ends quiescent
// with faults ranks crashed and every property holding.
func runCrashedOnMPI(t *testing.T, spec, crash string, n, faults int, args ...string) *runtime.Result {
	t.Helper()
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	t.Setenv("DSAC_MPI_CRASH", crash)
	res := runJSON(t, append([]string{spec, "--backend", "mpi", "-n", strconv.Itoa(n), "--timeout", "30s"}, args...)...)
	require.Equal(t, runtime.EndQuiescent, res.End, res.Error)
	require.Len(t, res.Faults, faults)
	requireAllHold(t, res)
	return res
}

// TestAlgorithmsOnMPI runs every shipped algorithm under real mpirun, over
// shared memory and TCP, for sizes below and above the number of cores,
// and checks that its properties hold.
func TestAlgorithmsOnMPI(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	files, err := filepath.Glob("../../algorithms/*.dsa")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".dsa")
		for _, transport := range []string{"shm", "tcp"} {
			for _, n := range []int{3, 5, 8} {
				t.Run(name+"/"+transport+"/n="+strconv.Itoa(n), func(t *testing.T) {
					res := runJSON(t, f, "--backend", "mpi", "--transport", transport, "-n", strconv.Itoa(n), "--timeout", "30s")
					require.Equal(t, "mpi", res.Backend)
					require.Equal(t, n, res.N)
					require.NotEqual(t, runtime.EndError, res.End, res.Error)
					require.NotEqual(t, runtime.EndTimeout, res.End)
					require.NotEmpty(t, res.Properties)
					requireAllHold(t, res)
					require.Len(t, res.Outputs, n)
				})
			}
		}
	}
}

// TestFailureDetectorOnMPI crashes a rank of the failure detector under
// mpirun: every other rank ends suspecting it, and it alone, with the
// detector's properties holding.
func TestFailureDetectorOnMPI(t *testing.T) {
	res := runCrashedOnMPI(t, failureDetector, "2@50ms", 4, 1)
	for _, po := range res.Outputs {
		if po.Process == 2 {
			continue
		}
		suspected := map[string]bool{}
		for _, e := range po.Events {
			// A slow machine may make a rank suspect a live one for a
			// while; it must restore it.
			if q := fmt.Sprint(e.Args...); e.Name == "suspect" {
				suspected[q] = true
			} else {
				delete(suspected, q)
			}
		}
		require.Equal(t, map[string]bool{"2": true}, suspected, "p%d's verdicts", po.Process)
	}
}

// TestMPIMatchesChannel runs a deterministic configuration — Paxos with a
// single proposer — on both backends: same outputs, same message and step
// complexity.
func TestMPIMatchesChannel(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	for _, n := range []int{3, 5, 9} {
		args := []string{"../../algorithms/paxos.dsa", "-n", strconv.Itoa(n), "--param", "proposers=1"}
		ch := runJSON(t, args...)
		mp := runJSON(t, append(args, "--backend", "mpi")...)
		require.Equal(t, ch.End, mp.End)
		outputs := func(r *runtime.Result) []string {
			var out []string
			for _, po := range r.Outputs {
				var evs []string
				for _, e := range po.Events {
					b, _ := json.Marshal(e.Args)
					evs = append(evs, e.Name+string(b))
				}
				out = append(out, po.Type+":"+strings.Join(evs, " "))
			}
			return out
		}
		require.Equal(t, outputs(ch), outputs(mp), "n=%d", n)
		require.Equal(t, ch.Metrics.Messages, mp.Metrics.Messages, "messages, n=%d", n)
		require.Equal(t, ch.Metrics.Bytes, mp.Metrics.Bytes, "bytes, n=%d", n)
		require.Equal(t, ch.Metrics.Steps, mp.Metrics.Steps, "steps, n=%d", n)
	}
}

// TestMPIHostfile runs a job placed by a hostfile over TCP, as a run across
// hosts is; here the hosts are this machine's loopback slots.
func TestMPIHostfile(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	dir := t.TempDir()
	hostfile := filepath.Join(dir, "hosts")
	require.NoError(t, os.WriteFile(hostfile, []byte("localhost slots=6\n"), 0o644))
	res := runJSON(t, "../../algorithms/paxos.dsa", "--backend", "mpi", "-n", "6", "--transport", "tcp",
		"--hostfile", hostfile, "--tcp-if", "lo", "--param", "proposers=2", "--program-dir", dir)
	require.Equal(t, runtime.EndQuiescent, res.End)
	// The copy launched across hosts (run_checks.txtar shows the launch)
	// is gone with the job.
	copies, _ := filepath.Glob(filepath.Join(dir, "*paxos-*"))
	require.Empty(t, copies, "the program's copy in --program-dir outlived the run")
	for _, p := range res.Properties {
		require.Equal(t, runtime.PropertyOK, p.Status, "%s: %s", p.Name, p.Violation)
	}
}

// TestMPIFailuresEndCleanly: a run that never quiesces ends at its
// timeout and a handler fault ends the run; both say so clearly, exit 1,
// and leave no rank behind.
func TestMPIFailuresEndCleanly(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	forever := write("forever.dsa", "algorithm forever\nprocess T on all {\n  var ticks int\n  on start { timer t every 5ms }\n  on timer t { ticks += 1 }\n}\neventually stops: forall p in T: p.ticks == 0\n")
	fault := write("fault.dsa", "algorithm fault\nmessage M { k int }\nprocess P on all {\n  var x int\n  on start { send M{0} to (self + 1) % n }\n  on M m from p { x = 10 / m.k }\n}\n")
	cases := []struct {
		file string
		want []string
	}{
		{forever, []string{"forever on mpi: n=3 seed=1, timeout", "VIOLATED eventually stops: p = T 0"}},
		{fault, []string{"error", "integer divide by zero (at fault.dsa:6)"}},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := run([]string{"run", c.file, "--backend", "mpi", "-n", "3", "--timeout", "500ms"}, &stdout, &stderr)
		require.Equal(t, 1, code, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
		for _, w := range c.want {
			require.Contains(t, stdout.String(), w)
		}
		out, _ := exec.Command("pgrep", "-f", filepath.Join(programCache, "dsac")).Output()
		require.Empty(t, strings.TrimSpace(string(out)), "ranks left running")
	}
}

// mpiSpecs writes forever.dsa and spin.dsa and builds them with MPI, so
// that the timed parts of a test do not include a build.
func mpiSpecs(t *testing.T) (forever, spin string) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	dir := t.TempDir()
	forever = writeSpec(t, dir, "forever.dsa", foreverSpec)
	spin = writeSpec(t, dir, "spin.dsa", spinSpec)
	for _, f := range []string{forever, spin} {
		name, code, err := generateProgram(f, io.Discard)
		require.NoError(t, err)
		_, err = cachedBuild(name, code, true, io.Discard)
		require.NoError(t, err)
	}
	return forever, spin
}

// TestMPIInterrupt: Ctrl-C or SIGTERM to `dsac run --backend mpi` ends the
// run on every rank early, rank 0 prints the result, and neither mpirun
// nor any rank outlives dsac; a job that does not end at the interrupt (a
// rank stuck in a handler) is ended at the second.
func TestMPIInterrupt(t *testing.T) {
	forever, spin := mpiSpecs(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		p := startDsac(t, "run", forever, "--backend", "mpi", "-n", "3", "--timeout", "60s")
		waitForPrograms(t, 4) // mpirun and 3 ranks
		require.NoError(t, p.cmd.Process.Signal(sig))
		code := p.wait(t, 30*time.Second)
		require.Equal(t, 1, code, "stderr: %s", p.stderr.String())
		require.Contains(t, p.stdout.String(), "forever on mpi: n=3 seed=1, timeout after")
		require.NotContains(t, p.stderr.String(), "Forwarding signal")
		requireNoStrays(t)
	}

	p := startDsac(t, "run", spin, "--backend", "mpi", "-n", "3", "--timeout", "60s", "--param", "spins=1000000000000")
	waitForPrograms(t, 4)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGINT))
	time.Sleep(500 * time.Millisecond)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGINT))
	code := p.wait(t, 30*time.Second)
	require.Equal(t, 1, code, "stderr: %s", p.stderr.String())
	require.Contains(t, p.stderr.String(), "dsac: mpirun was stopped because of a second interrupt")
	requireNoStrays(t)
}

// TestMPIRankEnds: a rank killed by a signal, or ended by the watchdog
// because it is stuck in a handler, fails the run (status 1, not mpirun's
// 137 or 3) with one line that names the rank.
func TestMPIRankEnds(t *testing.T) {
	forever, spin := mpiSpecs(t)

	p := startDsac(t, "run", forever, "--backend", "mpi", "-n", "3", "--timeout", "60s")
	waitForPrograms(t, 4)
	out, err := exec.Command("pgrep", "-f", "^"+filepath.Join(programCache, "dsac", "programs")+".*/forever").Output()
	require.NoError(t, err)
	ranks := strings.Fields(string(out))
	require.Len(t, ranks, 3)
	victim, _ := strconv.Atoi(ranks[1])
	require.NoError(t, syscall.Kill(victim, syscall.SIGKILL))
	require.Equal(t, 1, p.wait(t, 30*time.Second))
	require.Regexp(t, `^dsac: rank [0-2] was killed by signal 9 \(Killed\)\n$`, p.stderr.String())
	requireNoStrays(t)

	// The last rank's start handler never returns: 10s after the deadline
	// its watchdog names it and ends the job.
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", spin, "--backend", "mpi", "-n", "3", "--timeout", "200ms", "--param", "spins=1000000000000"}, &stdout, &stderr)
	require.Equal(t, 1, code, "stderr: %s", stderr.String())
	require.Contains(t, stderr.String(), "mpi: rank 2 stopped making progress")
	require.Contains(t, stderr.String(), "dsac: rank 2 exited with status 3\n")
	require.NotRegexp(t, `rank [01] stopped|not stuck`, stderr.String())
	requireNoStrays(t)
}

// TestMPIProgramRefusals runs a program built with MPI under mpirun
// itself: a size that is not the job's, a crash of a rank the job does
// not have, and a run without --backend mpi are each reported once, every
// time, with status 2.
func TestMPIProgramRefusals(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	name, code, err := generateProgram("../../algorithms/paxos.dsa", io.Discard)
	require.NoError(t, err)
	bin, err := cachedBuild(name, code, true, io.Discard)
	require.NoError(t, err)
	mpirun, err := mpirunPath("")
	require.NoError(t, err)
	cases := []struct {
		env  []string
		args []string
		want string
	}{
		{nil, []string{"--backend", "mpi", "-n", "3"}, "n=3 but the MPI job has 5 ranks"},
		{[]string{"DSAC_MPI_CRASH=5#1"}, []string{"--backend", "mpi"}, "crash of rank 5, but the job has ranks 0..4"},
		{nil, nil, "started by mpirun (a job of 5 ranks) but running on the channel backend"},
	}
	for _, c := range cases {
		for range 4 {
			args, err := mpiLaunch{transport: "shm"}.args(5, bin, c.args)
			require.NoError(t, err)
			cmd := exec.Command("timeout", append([]string{"-k", "5", "60", mpirun}, args...)...)
			cmd.Env = append(os.Environ(), c.env...)
			out, _ := cmd.CombinedOutput()
			require.Equal(t, 2, cmd.ProcessState.ExitCode(), "%s", out)
			require.Equal(t, 1, strings.Count(string(out), c.want), "%s", out)
			requireNoStrays(t)
		}
	}
}

// TestMPICrashListed: a crash injected with DSAC_MPI_CRASH is in the
// result, and a crash of a rank the job does not have is refused.
func TestMPICrashListed(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	t.Setenv("DSAC_MPI_CRASH", "1@50ms")
	forever := writeSpec(t, t.TempDir(), "forever.dsa", foreverSpec)
	var stdout, stderr bytes.Buffer
	code := run([]string{"run", forever, "--backend", "mpi", "-n", "3", "--timeout", "300ms", "--json"}, &stdout, &stderr)
	require.Equal(t, 1, code, "stderr: %s", stderr.String())
	var res runtime.Result
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
	require.Len(t, res.Faults, 1)
	f := res.Faults[0]
	require.Equal(t, runtime.FaultEvent{Kind: "crash", From: 1, To: -1}, runtime.FaultEvent{Kind: f.Kind, From: f.From, To: f.To})
	require.GreaterOrEqual(t, f.At, 50*time.Millisecond)

	t.Setenv("DSAC_MPI_CRASH", "3#1")
	stdout.Reset()
	stderr.Reset()
	code = run([]string{"run", forever, "--backend", "mpi", "-n", "3", "--timeout", "300ms"}, &stdout, &stderr)
	require.Equal(t, 2, code)
	require.Equal(t, "forever: DSAC_MPI_CRASH: crash of rank 3, but the job has ranks 0..2\n", stderr.String())
	requireNoStrays(t)
}

// TestMPIRankOutOfMemory: a rank that runs out of memory fails the run
// with status 1 (not the Go runtime's 2, which would pass for bad usage)
// and a line that names it.
func TestMPIRankOutOfMemory(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	big := writeSpec(t, t.TempDir(), "big.dsa", "algorithm big\nparam doublings int = 0\nprocess P on all {\n  var s string = \"x\"\n"+
		"  on start { if self == n - 1 { for i in 1 .. doublings { s = s + s } } }\n}\n")
	name, code, err := generateProgram(big, io.Discard)
	require.NoError(t, err)
	_, err = cachedBuild(name, code, true, io.Discard)
	require.NoError(t, err)
	// The limit is dsac's, mpirun's and every rank's: the last rank's
	// string reaches it at 512 MiB.
	cmd := exec.Command("sh", "-c", `ulimit -v 2500000; exec "$0" "$@"`, os.Args[0],
		"run", big, "--backend", "mpi", "-n", "2", "--timeout", "20s", "--param", "doublings=40")
	cmd.Env = append(os.Environ(), asDsac+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run()
	require.Equal(t, 1, cmd.ProcessState.ExitCode(), "stderr: %s", stderr.String())
	require.Contains(t, stderr.String(), "\ndsac: rank 1 crashed: fatal error: out of memory\n")
	requireNoStrays(t)
}

// TestMPIDsacKilled: even dsac killed outright (SIGKILL cannot be caught)
// takes mpirun and every rank with it.
func TestMPIDsacKilled(t *testing.T) {
	forever, _ := mpiSpecs(t)
	p := startDsac(t, "run", forever, "--backend", "mpi", "-n", "3", "--timeout", "60s")
	waitForPrograms(t, 4)
	require.NoError(t, p.cmd.Process.Kill())
	p.wait(t, 10*time.Second)
	for start := time.Now(); len(programs()) > 0 && time.Since(start) < 15*time.Second; {
		time.Sleep(100 * time.Millisecond)
	}
	requireNoStrays(t)
}

// TestMPIPropertiesKeepToDeadline: rank 0 checks the properties within the
// run's deadline (or 2 s after the run), as the channel backend does; a
// property over 10^12 pairs is an error that says so, not a job that runs
// on until dsac kills it, and the verdicts reached before it stand.
func TestMPIPropertiesKeepToDeadline(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	slow := writeSpec(t, t.TempDir(), "slowprop.dsa", slowPropSpec)
	buildAhead(t, slow, true)
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run([]string{"run", slow, "--backend", "mpi", "-n", "2", "--timeout", "1s"}, &stdout, &stderr)
	require.Equal(t, 1, code, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
	requireCutVerdicts(t, stdout.String())
	require.Less(t, time.Since(start), 25*time.Second, "dsac kills a job 30 s past its deadline; the check must end long before")
	requireNoStrays(t)
}
