package codegen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/codegen"
)

// TestExplanations generates testdata/explain.dsa into a program module,
// as `dsac build` lays it out, and runs testdata/explain_test.go.txt in
// the generated package: explanations are computed by generated code, so
// they are tested there, on states built by hand.
func TestExplanations(t *testing.T) {
	code := generate(t, "..", "codegen/testdata/explain.dsa", codegen.ProgramModule+"/explain")
	dir := t.TempDir()
	require.NoError(t, codegen.WriteProgram(dir, "explain", code, os.DirFS("..")))
	test, err := os.ReadFile("testdata/explain_test.go.txt")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "explain", "explain_test.go"), test, 0o644))
	cmd := exec.Command("go", "test", "-count=1", "-v", "./explain")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go test of the package generated from explain.dsa:\n%s", out)
	require.Contains(t, string(out), "--- PASS: TestExplanations/off_path")
}
