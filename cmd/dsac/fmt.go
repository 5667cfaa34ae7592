package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// writeFile writes a formatted file; tests replace it to make a write fail,
// which file permissions cannot do for root.
var writeFile = os.WriteFile

func newFmtCmd(stdout, stderr io.Writer) *cobra.Command {
	var write bool
	cmd := &cobra.Command{
		Use:   "fmt [-w] FILE...",
		Short: "print .dsa files in canonical layout, or rewrite them with -w",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var failed error
			for _, path := range args {
				src, err := os.ReadFile(path)
				if err != nil {
					fmt.Fprintln(stderr, "dsac:", err)
					failed = exitError{2}
					continue
				}
				f, err := parser.Parse(path, src)
				if err != nil {
					source.Print(stderr, err, map[string][]byte{path: src})
					failed = exitError{2}
					continue
				}
				out := parser.Format(f)
				if !write {
					stdout.Write(out)
					continue
				}
				if !bytes.Equal(out, src) {
					// A file that cannot be written is reported and the
					// others are still formatted, as for a file that does
					// not parse.
					if err := writeFile(path, out, 0o644); err != nil {
						fmt.Fprintf(stderr, "dsac: %s not rewritten: %v\n", path, err)
						failed = exitError{2}
					}
				}
			}
			return failed
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	return cmd
}
