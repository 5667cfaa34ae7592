package main

import (
	"fmt"
	"io"
	"os"

	"github.com/dsac-lang/dsac/source"
	"github.com/dsac-lang/dsac/spec"
)

// load reads and checks one .dsa file and the files it imports; on
// failure it prints every diagnostic with its source line and a caret (in
// whichever file it is), and returns exit status 2.
func load(path string, stderr io.Writer) (*spec.Algorithm, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "dsac:", err)
		return nil, exitError{2}
	}
	files := map[string][]byte{path: src}
	read := func(name string) ([]byte, error) {
		text, err := os.ReadFile(name)
		if err == nil {
			files[name] = text
		}
		return text, err
	}
	alg, err := spec.LoadWith(path, src, read)
	if err != nil {
		source.Print(stderr, err, files)
		return nil, exitError{2}
	}
	return alg, nil
}
