package main

import (
	"fmt"
	"io"
	"os"

	"github.com/dsac-lang/dsac/source"
	"github.com/dsac-lang/dsac/spec"
)

// load reads and checks one .dsa file; on failure it prints every
// diagnostic with its source line and a caret, and returns exit status 2.
func load(path string, stderr io.Writer) (*spec.Algorithm, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "dsac:", err)
		return nil, exitError{2}
	}
	alg, err := spec.Load(path, src)
	if err != nil {
		source.Print(stderr, err, map[string][]byte{path: src})
		return nil, exitError{2}
	}
	return alg, nil
}
