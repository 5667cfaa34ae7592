package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newDocCmd(stdout, stderr io.Writer) *cobra.Command {
	doc := &cobra.Command{
		Use:   "doc",
		Short: "generate documentation from the specs",
	}
	var o algDocOptions
	algs := &cobra.Command{
		Use:   "algorithms [--dir DIR] [-n N] [--mpi]",
		Short: "print docs/ALGORITHMS.md: size, properties, faults tolerated and measured costs of every algorithm",
		Long: `doc algorithms prints, as Markdown, a table of every algorithm of DIR
(default algorithms/): its lines of spec next to the published DistAlgo size
where there is one, its properties, the fault settings it tolerates (its
"// tolerates:" lines), and what a run costs on each backend — messages and
bytes per operation (its "// operation:" line) and communication steps —
measured by running it: sim (deterministic), channel, and MPI with --mpi
(when mpirun is there).

  dsac doc algorithms --mpi > docs/ALGORITHMS.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.n < 1 || o.seeds < 1 {
				return usage(cmd, "-n and --seeds must be positive")
			}
			if o.mpi {
				if _, err := mpirunPath(""); err != nil {
					return usage(cmd, "--mpi: mpirun is not installed (scripts/mpi/install.sh installs it)")
				}
			}
			list, err := loadAlgorithms(o.dir)
			if err != nil {
				return err
			}
			o.measured = true
			return writeAlgorithmsDoc(stdout, list, o, stderr)
		},
	}
	f := algs.Flags()
	f.StringVar(&o.dir, "dir", "algorithms", "directory of the .dsa files")
	f.IntVarP(&o.n, "n", "n", 5, "processes in each measured run")
	f.IntVar(&o.seeds, "seeds", 3, "runs on the channel backend (seeds 1..K), averaged")
	f.BoolVar(&o.mpi, "mpi", false, "measure on MPI too")
	doc.AddCommand(algs)
	return doc
}
