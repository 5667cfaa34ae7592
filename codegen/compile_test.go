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
// the checker accepts in its tests, of codegen's own test specs and of the
// simulator's broken variants, exactly as `dsac build` does, and compiles
// it: whatever the checker accepts, the generator must turn into Go that
// builds. Among them are specs whose symmetric process types keep ranks in
// node-keyed maps, maps of sets, lists of lists, records in lists and maps
// and message fields (spec/testdata/ok/ranks.dsa, testdata/permute.dsa),
// so the PermuteRanks methods generated for them compile too.
func TestGeneratedProgramsCompile(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../spec/testdata/ok/*.dsa", "testdata/*.dsa", "../cmd/dsac/testdata/broken/*.dsa"} {
		more, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, more, pattern)
		files = append(files, more...)
	}
	for _, f := range files {
		rel := strings.TrimPrefix(filepath.ToSlash(f), "../")
		t.Run(rel, func(t *testing.T) {
			name := strings.TrimSuffix(filepath.Base(f), ".dsa")
			if !strings.HasPrefix(f, "../") {
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
