package codegen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/codegen"
)

// TestTuples generates testdata/tuples.dsa into a program module and runs
// testdata/tuples_test.go.txt in the generated package: wire round trips
// and malformed bytes (with the seeds of its fuzz target), order, Show,
// JSON and PermuteRanks of tuples.
func TestTuples(t *testing.T) {
	code := generate(t, "..", "codegen/testdata/tuples.dsa", codegen.ProgramModule+"/tuples")
	dir := t.TempDir()
	require.NoError(t, codegen.WriteProgram(dir, "tuples", code, os.DirFS("..")))
	test, err := os.ReadFile(filepath.Join("testdata", "tuples_test.go.txt"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tuples", "tuples_test.go"), test, 0o644))
	cmd := exec.Command("go", "test", "-count=1", "-v", "./tuples")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go test of the package generated from tuples.dsa:\n%s", out)
	for _, name := range []string{"TestTupleRoundTrip", "TestTupleDecodeRejectsMalformed", "FuzzTupleDecode", "TestTupleOrder", "TestTupleShowAndJSON", "TestTuplePermute"} {
		require.Contains(t, string(out), "--- PASS: "+name)
	}
}
