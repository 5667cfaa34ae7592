package cli_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/cli"
	"github.com/dsac-lang/dsac/runtime/runtimetest/testalg"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// run calls Main and returns its exit status and outputs.
func run(d *runtime.Descriptor, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := cli.Main(d, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestSummary(t *testing.T) {
	code, out, errOut := run(testalg.Ring, "-n", "4", "--param", "rounds=2", "--param=label=r", "--seed", "9")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"ring on channel: n=4 seed=9, halted after ",
		"params: label=\"r\" rounds=2\n",
		"  p0 Node: round(1, \"r\") round(2, \"r\") done() [halted]\n",
		"  ok       invariant bounded\n",
		"  ok       eventually completed\n",
		"metrics: 8 messages, 16 bytes, 8 steps\n",
		"  Token",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestJSON(t *testing.T) {
	code, out, _ := run(testalg.Echo, "--json", "-n=2")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"algorithm", "backend", "n", "seed", "end", "outputs", "properties", "metrics"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if m["algorithm"] != "echo" || m["backend"] != "channel" || m["n"] != 2.0 || m["end"] != "quiescent" {
		t.Errorf("JSON header %v", m)
	}
	if msgs := m["metrics"].(map[string]any)["messages"]; msgs != 4.0 {
		t.Errorf("messages %v", msgs)
	}
	if outs := m["outputs"].([]any); len(outs) != 2 {
		t.Errorf("outputs %v", outs)
	}
}

func TestDefaults(t *testing.T) {
	code, out, _ := run(testalg.Random, "--json")
	var r runtime.Result
	if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if r.N != 3 || r.Seed != 1 || r.Backend != "channel" {
		t.Fatalf("defaults: n=%d seed=%d backend=%s", r.N, r.Seed, r.Backend)
	}
}

func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		name     string
		d        *runtime.Descriptor
		args     []string
		code     int
		stderr   string
		inStdout string
	}{
		{"violated property", testalg.Echo, []string{"--param", "lazy=true"}, 1, "", "VIOLATED eventually allAcked"},
		{"handler panic", testalg.Faults, nil, 1, "", "error: process 1 (Node): handling Ping from 0"},
		{"timeout is not a failure", testalg.Ticker, []string{"--timeout", "200ms"}, 0, "", "timeout after"},
		{"unknown flag", testalg.Ring, []string{"--rounds", "3"}, 2, "flag provided but not defined: -rounds", ""},
		{"bad n", testalg.Ring, []string{"-n", "x"}, 2, `invalid value "x" for flag -n`, ""},
		{"zero n", testalg.Ring, []string{"-n", "0"}, 2, "-n must be between 1 and 1000000, got 0", ""},
		{"too large n", testalg.Ring, []string{"-n", "1000001"}, 2, "-n must be between 1 and 1000000, got 1000001", ""},
		{"too large n, sim", testalg.Ring, []string{"sim", "-n", "2000000"}, 2, "-n must be between 1 and 1000000, got 2000000", ""},
		{"bad timeout", testalg.Ring, []string{"--timeout", "10"}, 2, "invalid value \"10\" for flag -timeout", ""},
		{"extra argument", testalg.Ring, []string{"ring.dsa"}, 2, `unexpected argument "ring.dsa"`, ""},
		{"param without value", testalg.Ring, []string{"--param", "rounds"}, 2, `want name=value, got "rounds"`, ""},
		{"unknown param", testalg.Ring, []string{"--param", "round=2"}, 2, `unknown parameter "round"`, ""},
		{"bad int param", testalg.Ring, []string{"--param", "rounds=many"}, 2, `parameter rounds: "many" is not an int`, ""},
		{"bad bool param", testalg.Echo, []string{"--param", "lazy=2"}, 2, `parameter lazy: "2" is not a bool`, ""},
		{"unknown backend", testalg.Ring, []string{"--backend", "carrier-pigeon"}, 2, `unknown backend "carrier-pigeon" (available: channel, mpi, sim)`, ""},
		{"run refused", testalg.PingPong, []string{"-n", "1"}, 2, "Ponger (on others) has no rank", ""},
		{"help", testalg.Ring, []string{"--help"}, 0, "", "rounds int = 3"},
		{"short help", testalg.Ring, []string{"-h"}, 0, "", "--backend B"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(tc.d, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
			if !strings.Contains(errOut, tc.stderr) || tc.stderr == "" && errOut != "" {
				t.Errorf("stderr %q, want it to contain %q", errOut, tc.stderr)
			}
			if !strings.Contains(out, tc.inStdout) || tc.code == 2 && out != "" {
				t.Errorf("stdout %q, want it to contain %q", out, tc.inStdout)
			}
		})
	}
}

// TestUnderMPILauncher: a program started by mpirun reports a refusal
// once, from rank 0, and refuses to make N independent runs of a backend
// other than mpi.
func TestUnderMPILauncher(t *testing.T) {
	t.Setenv("OMPI_COMM_WORLD_SIZE", "3")
	for _, tc := range []struct {
		rank   string
		args   []string
		code   int
		stderr string
	}{
		{"0", nil, 2, "started by mpirun (a job of 3 ranks) but running on the channel backend"},
		{"0", []string{"--backend", "sim"}, 2, "running on the sim backend, which would make 3 independent runs"},
		{"1", nil, 0, ""},
		{"0", []string{"--backend", "mpi", "--param", "nope=1"}, 2, `unknown parameter "nope"`},
		{"2", []string{"--backend", "mpi", "--param", "nope=1"}, 0, ""},
		{"2", []string{"--backend", "mpi", "-n", "0"}, 0, ""},
		{"2", []string{"--help"}, 0, ""},
	} {
		t.Setenv("OMPI_COMM_WORLD_RANK", tc.rank)
		code, out, errOut := run(testalg.Ring, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.stderr) || tc.stderr == "" && errOut != "" || out != "" && tc.code != 0 {
			t.Errorf("rank %s %v: exit %d, stdout %q, stderr %q; want exit %d, stderr with %q",
				tc.rank, tc.args, code, out, errOut, tc.code, tc.stderr)
		}
		if tc.rank != "0" && out != "" {
			t.Errorf("rank %s %v printed %q", tc.rank, tc.args, out)
		}
	}
}
