package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newCheckCmd(stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "check FILE...",
		Short: "check .dsa files and report every error",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var failed error
			for _, path := range args {
				if _, err := load(path, stderr); err != nil {
					failed = err
				}
			}
			return failed
		},
	}
}
