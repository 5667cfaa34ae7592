package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dsac-lang/dsac/spec"
)

// newTemplate is the spec `dsac new` writes, with NAME standing for the
// algorithm's name: a small algorithm that checks and runs as it is.
//
//go:embed template/new.dsa
var newTemplate string

func newNewCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "new NAME",
		Short: "write NAME.dsa, a small commented algorithm to start from",
		Long: `dsac new NAME writes NAME.dsa in the current directory: a commented
broadcast with acknowledgements and its properties, which dsac check accepts
and dsac run runs as it is. NAME is the algorithm's name, so it follows the
rules of one: ASCII letters, digits and _, starting with a letter, not a Go
keyword, main or init. An existing file is never overwritten.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if why := spec.AlgorithmNameProblem(name); why != "" {
				fmt.Fprintf(stderr, "dsac new: %q is not an algorithm name: %s\n", name, why)
				return exitError{2}
			}
			file := name + ".dsa"
			f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if errors.Is(err, fs.ErrExist) {
				fmt.Fprintf(stderr, "dsac new: %s already exists; not overwritten\n", file)
				return exitError{2}
			}
			if err != nil {
				fmt.Fprintln(stderr, "dsac new:", err)
				return exitError{2}
			}
			_, err = io.WriteString(f, strings.ReplaceAll(newTemplate, "NAME", name))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(file) // a half-written spec would not check
				fmt.Fprintln(stderr, "dsac new:", err)
				return exitError{2}
			}
			fmt.Fprintf(stdout, "wrote %s: dsac run %s\n", file, file)
			return nil
		},
	}
}
