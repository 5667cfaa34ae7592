package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/runtime"
)

// crashSpec writes hb.dsa of testdata/script/crashed.txtar, whose
// properties ask who crashed, into a temporary directory.
func crashSpec(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/script/crashed.txtar")
	require.NoError(t, err)
	for _, f := range ar.Files {
		if f.Name == "hb.dsa" {
			return writeSpec(t, t.TempDir(), f.Name, string(f.Data))
		}
	}
	t.Fatal("crashed.txtar has no hb.dsa")
	return ""
}

// verdicts runs `dsac run --json` and returns the status of each property
// by name, requiring exit status code.
func verdicts(t *testing.T, code int, args ...string) map[string]runtime.PropertyStatus {
	t.Helper()
	var stdout, stderr bytes.Buffer
	got := run(append([]string{"run", "--json"}, args...), &stdout, &stderr)
	require.Equal(t, code, got, "dsac run %v\nstdout: %s\nstderr: %s", args, stdout.String(), stderr.String())
	var res runtime.Result
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
	out := map[string]runtime.PropertyStatus{}
	for _, p := range res.Properties {
		out[p.Name] = p.Status
	}
	return out
}

// TestMPICrashStatus: a rank crashed with DSAC_MPI_CRASH is down when rank
// 0 judges the gathered final states, and the others are correct.
func TestMPICrashStatus(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	hb := crashSpec(t)
	args := []string{hb, "--backend", "mpi", "-n", "3", "--timeout", "30s"}
	require.Equal(t, map[string]runtime.PropertyStatus{
		"correct_heard": runtime.PropertyOK, "all_up": runtime.PropertyOK, "one_down": runtime.PropertyOK,
	}, verdicts(t, 0, args...))

	t.Setenv("DSAC_MPI_CRASH", "1@0s")
	require.Equal(t, map[string]runtime.PropertyStatus{
		"correct_heard": runtime.PropertyOK, "all_up": runtime.PropertyViolated, "one_down": runtime.PropertyOK,
	}, verdicts(t, 1, args...))
	// Without asking who is correct, the crashed rank's silence shows.
	require.Equal(t, runtime.PropertyViolated, verdicts(t, 1, append(args, "--param", "guarded=false")...)["correct_heard"])

	t.Setenv("DSAC_MPI_CRASH", "0@0s,2@0s")
	require.Equal(t, runtime.PropertyViolated, verdicts(t, 1, args...)["one_down"])
	requireNoStrays(t)
}

// TestChannelCrashStatus: the channel backend crashes nobody, so every
// process is correct when the properties are judged.
func TestChannelCrashStatus(t *testing.T) {
	require.Equal(t, map[string]runtime.PropertyStatus{
		"correct_heard": runtime.PropertyOK, "all_up": runtime.PropertyOK, "one_down": runtime.PropertyOK,
	}, verdicts(t, 0, crashSpec(t), "-n", "4"))
}
