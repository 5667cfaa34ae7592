package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dsac-lang/dsac/codegen"
)

func newGenCmd(stdout, stderr io.Writer) *cobra.Command {
	var out, pkgPrefix string
	cmd := &cobra.Command{
		Use:   "gen FILE... [-o DIR]",
		Short: "generate a Go package per algorithm, in DIR/<name>/<name>.go",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, path := range args {
				alg, err := load(path, stderr)
				if err != nil {
					return err
				}
				code, err := codegen.Generate(alg, codegen.Options{
					Source:      filepath.ToSlash(path),
					PackagePath: pkgPrefix + alg.Name,
				})
				if err != nil {
					fmt.Fprintln(stderr, "dsac:", err)
					return exitError{2}
				}
				dest := filepath.Join(out, alg.Name, alg.Name+".go")
				if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(dest, code, 0o644); err != nil {
					return err
				}
				fmt.Fprintln(stdout, dest)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "generated", "directory to write the packages into")
	cmd.Flags().StringVar(&pkgPrefix, "pkg-prefix", "github.com/dsac-lang/dsac/generated/", "import path prefix of the generated packages")
	return cmd
}
