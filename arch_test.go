package dsac_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestRuntimeImportsNoCompiler keeps the architecture honest: the runtime
// and its backends, and the generated packages, must not depend on the
// compiler, and the compiler stages may only depend on earlier stages.
func TestRuntimeImportsNoCompiler(t *testing.T) {
	const mod = "github.com/dsac-lang/dsac/"
	forbidden := map[string][]string{
		"./runtime/...":   {"parser", "spec", "codegen", "source", "cmd/"},
		"./generated/...": {"parser", "spec", "codegen", "source", "cmd/"},
		"./source":        {"parser", "spec", "codegen", "runtime", "cmd/"},
		"./parser":        {"spec", "codegen", "runtime", "cmd/"},
		"./spec":          {"codegen", "runtime", "cmd/"},
		"./codegen":       {"runtime", "cmd/"},
	}
	for pkgs, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", pkgs).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkgs, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			rest, ok := strings.CutPrefix(dep, mod)
			if !ok {
				continue
			}
			for _, b := range bad {
				if strings.HasPrefix(rest, b) {
					t.Errorf("%s depends on %s", pkgs, dep)
				}
			}
		}
	}
}
