package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/require"
)

// programCache is shared by every script, so a program is built once per
// test run whatever the number of scripts that run it.
var programCache string

// asDsac makes the test binary run as dsac (see TestMain).
const asDsac = "DSAC_TEST_AS_DSAC"

func TestMain(m *testing.M) {
	// The tests of interrupts run dsac as a process of its own: this
	// binary, told so by the environment.
	if os.Getenv(asDsac) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "dsac-test-cache-")
	if err != nil {
		panic(err)
	}
	programCache = dir
	code := testscript.RunMain(m, map[string]func() int{
		"dsac": func() int { return run(os.Args[1:], os.Stdout, os.Stderr) },
	})
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestScripts runs the command-line scenarios in testdata/script, each in
// a fresh directory outside the repository.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	// The scripts' go build shares this machine's Go caches: a fresh build
	// cache would recompile the standard library for every test run.
	goEnv := map[string]string{}
	for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"} {
		out, err := exec.Command("go", "env", v).Output()
		require.NoError(t, err)
		goEnv[v] = strings.TrimSpace(string(out))
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			env.Setenv("XDG_CACHE_HOME", programCache)
			for k, v := range goEnv {
				if v != "" {
					env.Setenv(k, v)
				}
			}
			return nil
		},
		RequireExplicitExec: true,
		// [root]: the tests run as root, for whom file permissions do
		// not stop a write.
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// TestExitStatus pins the exit statuses: 0 success, 1 a property violated
// or a failed run, 2 bad usage or bad input.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	good := write("good.dsa", "algorithm good\nprocess P on all {\n  on start { output hi(self) }\n}\n")
	bad := write("bad.dsa", "algorithm bad\nprocess P on all {\n  on start { output hi(selff) }\n}\n")
	violated := write("violated.dsa", "algorithm violated\nprocess P on all {\n  var x int\n}\ninvariant zero: forall p in P: p.x == 1\n")
	t.Setenv("XDG_CACHE_HOME", programCache)
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"check", good}, 0},
		{[]string{"check", bad}, 2},
		{[]string{"check", filepath.Join(dir, "missing.dsa")}, 2},
		{[]string{"run", good, "-n", "2"}, 0},
		{[]string{"run", violated, "-n", "2"}, 1},
		{[]string{"run", good, "--param", "nope=1"}, 2},
		{[]string{"run", good, "-n", "0"}, 2},
		{[]string{"run", good, "-n", "2000000"}, 2},
		{[]string{"run", good, "-n", "2000000", "--backend", "mpi"}, 2},
		{[]string{"run", good, "-n", "1025", "--backend", "mpi"}, 2},
		{[]string{"run"}, 2},
		{[]string{"run", good, "-n", "0"}, 2},
		{[]string{"run", good, "--timeout", "-1s"}, 2},
		{[]string{"run", good, "--backend", "mpi", "--hostfile", good}, 2},
		{[]string{"run", good, "--backend", "mpi", "--transport", "tcp", "--tcp-if", "nosuch0"}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"check", "--no-such-flag", good}, 2},
		{[]string{}, 2},
		{[]string{"version"}, 0},
		{[]string{"help"}, 0},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		got := run(c.args, &stdout, &stderr)
		require.Equal(t, c.want, got, "dsac %v\nstdout: %s\nstderr: %s", c.args, stdout.String(), stderr.String())
	}
}

// TestFmtGoesOnAfterAWriteFailure checks that fmt -w reports a file it
// cannot write and still rewrites the files after it. The failure is
// injected: as root, which the tests may run as, a read-only file is
// writable.
func TestFmtGoesOnAfterAWriteFailure(t *testing.T) {
	dir := t.TempDir()
	messy := "algorithm a\nprocess P on all { on start { halt } }\n"
	var paths []string
	for _, name := range []string{"a.dsa", "ro.dsa", "b.dsa"} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(messy), 0o644))
		paths = append(paths, path)
	}
	defer func(orig func(string, []byte, os.FileMode) error) { writeFile = orig }(writeFile)
	writeFile = func(path string, data []byte, perm os.FileMode) error {
		if filepath.Base(path) == "ro.dsa" {
			return &os.PathError{Op: "open", Path: path, Err: os.ErrPermission}
		}
		return os.WriteFile(path, data, perm)
	}
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"fmt", "-w"}, paths...), &stdout, &stderr)
	require.Equal(t, 2, code, "stderr: %s", stderr.String())
	require.Equal(t, "dsac: "+paths[1]+" not rewritten: open "+paths[1]+": permission denied\n", stderr.String())
	for i, path := range paths {
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		if i == 1 {
			require.Equal(t, messy, string(got))
		} else {
			require.NotEqual(t, messy, string(got), "%s was not rewritten", path)
		}
	}
}
