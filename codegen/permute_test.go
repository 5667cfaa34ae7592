package codegen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/codegen"
)

// TestPermuteRanks generates testdata/permute.dsa into a program module and
// runs testdata/permute_test.go.txt in the generated package: it checks,
// on states and messages built by hand, that PermuteRanks renames every
// rank of the symmetric type and nothing else. testdata/copy_test.go.txt,
// run with it, checks CopyStateTo on the same states.
func TestPermuteRanks(t *testing.T) {
	code := generate(t, "..", "codegen/testdata/permute.dsa", codegen.ProgramModule+"/permute")
	dir := t.TempDir()
	require.NoError(t, codegen.WriteProgram(dir, "permute", code, os.DirFS("..")))
	for _, name := range []string{"permute_test.go", "copy_test.go"} {
		test, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "permute", name), test, 0o644))
	}
	cmd := exec.Command("go", "test", "-count=1", "-v", "./permute")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go test of the package generated from permute.dsa:\n%s", out)
	require.Contains(t, string(out), "--- PASS: TestEveryTypePermutes")
	require.Contains(t, string(out), "--- PASS: TestCopyStateTo")
}
