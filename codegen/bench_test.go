package codegen_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dsac-lang/dsac/codegen"
	"github.com/dsac-lang/dsac/spec"
)

// BenchmarkCompileLibrary measures what `dsac gen algorithms/*.dsa` does
// in-process for the whole library: parse, check and generate every
// algorithm (target: under 100 ms per iteration).
func BenchmarkCompileLibrary(b *testing.B) {
	files, err := filepath.Glob("../algorithms/*.dsa")
	if err != nil || len(files) == 0 {
		b.Fatal("no algorithms", err)
	}
	srcs := make([][]byte, len(files))
	for i, f := range files {
		if srcs[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, f := range files {
			alg, err := spec.Load(f, srcs[i])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := codegen.Generate(alg, codegen.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(files)), "algorithms")
}
