package codegen_test

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/dsac-lang/dsac/codegen"
	"github.com/dsac-lang/dsac/spec"
)

// The packages generated code imports; typeCheck resolves them from the
// export data `go list -export` leaves in the build cache.
var generatedImports = []string{
	"github.com/dsac-lang/dsac/runtime", "github.com/dsac-lang/dsac/runtime/wire",
	"fmt", "slices", "time",
}

var (
	exportOnce sync.Once
	exportData map[string]string // import path -> export data file
	exportErr  error
)

// exportFiles runs `go list -export` once per test binary: building the
// runtime's export data is the slow part of type-checking generated code,
// and it is the same for every input.
func exportFiles() (map[string]string, error) {
	exportOnce.Do(func() {
		args := append([]string{"list", "-deps", "-export", "-f", "{{if .Export}}{{.ImportPath}}={{.Export}}{{end}}"}, generatedImports...)
		cmd := exec.Command("go", args...)
		cmd.Dir = ".."
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			exportErr = fmt.Errorf("go list -export: %w", err)
			return
		}
		exportData = map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if path, file, ok := strings.Cut(sc.Text(), "="); ok {
				exportData[path] = file
			}
		}
	})
	return exportData, exportErr
}

// typeCheck parses and type-checks one generated package with go/types,
// as `go build` would before compiling it; it also requires the source to
// be gofmt-clean, as Generate promises.
func typeCheck(code []byte) error {
	files, err := exportFiles()
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	f, err := goparser.ParseFile(fset, "gen.go", code, goparser.SkipObjectResolution)
	if err != nil {
		return err
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := files[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
	var errs []string
	conf := types.Config{Importer: imp, Error: func(err error) {
		if len(errs) < 10 {
			errs = append(errs, err.Error())
		}
	}}
	_, _ = conf.Check(f.Name.Name, fset, []*ast.File{f}, nil)
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// generateChecked checks src and, when the checker accepts it, generates
// its package and type-checks it. It returns the checker's error, or nil
// after failing t when the accepted spec does not make valid Go.
func generateChecked(t testing.TB, src string) error {
	t.Helper()
	alg, err := spec.Load("t.dsa", []byte(src))
	if err != nil {
		return err
	}
	code, err := codegen.Generate(alg, codegen.Options{Source: "t.dsa", PackagePath: "example.com/" + alg.Name})
	if err != nil {
		t.Fatalf("dsac check accepts the spec but generation fails: %v\n%s", err, src)
	}
	if err := typeCheck(code); err != nil {
		t.Fatalf("dsac check accepts the spec but its Go does not type-check:\n%v\nspec:\n%s\ngenerated:\n%s", err, src, numbered(code))
	}
	return nil
}

func numbered(code []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(code), "\n") {
		fmt.Fprintf(&b, "%4d %s\n", i+1, line)
	}
	return b.String()
}
