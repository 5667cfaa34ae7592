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
					if err := os.WriteFile(path, out, 0o644); err != nil {
						return err
					}
				}
			}
			return failed
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	return cmd
}
