package codegen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/codegen"
)

// goTestGenerated generates testdata/NAME.dsa into a program module, as
// `dsac build` lays it out, copies the tests testdata/T.txt (for each T
// in tests, a file name ending in _test.go) into the generated package,
// runs them and returns their verbose output; it fails unless they pass.
func goTestGenerated(t *testing.T, name string, tests ...string) string {
	t.Helper()
	code := generate(t, "..", "codegen/testdata/"+name+".dsa", codegen.ProgramModule+"/"+name)
	dir := t.TempDir()
	require.NoError(t, codegen.WriteProgram(dir, name, code, os.DirFS("..")))
	for _, test := range tests {
		src, err := os.ReadFile(filepath.Join("testdata", test+".txt"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name, test), src, 0o644))
	}
	cmd := exec.Command("go", "test", "-count=1", "-v", "./"+name)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go test of the package generated from %s.dsa:\n%s", name, out)
	return string(out)
}
