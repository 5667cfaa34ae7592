package codegen_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/codegen"
)

// TestGeneratedProgramsCompile lays out the program module of every spec
// the checker accepts in its tests and of codegen's own test specs, exactly
// as `dsac build` does, and compiles it: whatever the checker accepts, the
// generator must turn into Go that builds.
func TestGeneratedProgramsCompile(t *testing.T) {
	files, err := filepath.Glob("../spec/testdata/ok/*.dsa")
	require.NoError(t, err)
	more, err := filepath.Glob("testdata/*.dsa")
	require.NoError(t, err)
	files = append(files, more...)
	require.NotEmpty(t, files)
	for _, f := range files {
		rel := strings.TrimPrefix(filepath.ToSlash(f), "../")
		t.Run(rel, func(t *testing.T) {
			name := strings.TrimSuffix(filepath.Base(f), ".dsa")
			if !strings.HasPrefix(rel, "spec/") {
				rel = "codegen/" + rel
			}
			code := generate(t, "..", rel, codegen.ProgramModule+"/"+name)
			dir := t.TempDir()
			require.NoError(t, codegen.WriteProgram(dir, name, code, os.DirFS("..")))
			cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "prog"), ".")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "go build of %s:\n%s", rel, out)
		})
	}
}
