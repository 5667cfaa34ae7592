package main

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	dsac "github.com/dsac-lang/dsac"
	"github.com/dsac-lang/dsac/spec"
)

func newListCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "list [NAME]",
		Short: "list the shipped algorithms, or print one's source",
		Long: `dsac list prints the algorithms that come with dsac, one a line: name,
process types, number of properties, and the first sentence of the header
comment. dsac list NAME prints that algorithm's .dsa source, which works
from any directory:

  dsac list paxos > paxos.dsa && dsac run paxos.dsa -n 5

An algorithm that imports another (leader_election imports
failure_detector.dsa) needs that file beside it.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			algs, err := shippedAlgorithms()
			if err != nil {
				return err
			}
			if len(args) == 1 {
				for _, a := range algs {
					if a.name == args[0] {
						_, err := stdout.Write(a.src)
						return err
					}
				}
				names := make([]string, len(algs))
				for i, a := range algs {
					names[i] = a.name
				}
				fmt.Fprintf(stderr, "dsac list: no shipped algorithm %s (there are %s)\n", args[0], strings.Join(names, ", "))
				return exitError{2}
			}
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tPROCESSES\tPROPERTIES\tDESCRIPTION")
			for _, a := range algs {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", a.name, strings.Join(a.processes, ", "), a.properties, a.summary)
			}
			return tw.Flush()
		},
	}
}

// shipped is one algorithm of algorithms/, as embedded in dsac.
type shipped struct {
	name       string
	src        []byte
	processes  []string
	properties int
	summary    string
}

// shippedAlgorithms reads and checks the embedded algorithms, in the order
// of their file names.
func shippedAlgorithms() ([]shipped, error) {
	files, err := fs.Glob(dsac.Algorithms, "algorithms/*.dsa")
	if err != nil {
		return nil, err
	}
	var out []shipped
	for _, f := range files {
		src, err := fs.ReadFile(dsac.Algorithms, f)
		if err != nil {
			return nil, err
		}
		alg, err := spec.LoadWith(f, src, func(name string) ([]byte, error) { return fs.ReadFile(dsac.Algorithms, name) })
		if err != nil {
			// The shipped files are checked by the tests; one that does not
			// check is a broken build of dsac, not bad input.
			return nil, fmt.Errorf("shipped %s: %v", f, err)
		}
		a := shipped{name: alg.Name, src: src, properties: len(alg.Properties), summary: headerSentence(src)}
		if a.name == "" {
			a.name = strings.TrimSuffix(path.Base(f), ".dsa")
		}
		for _, p := range alg.Processes {
			a.processes = append(a.processes, p.Name)
		}
		out = append(out, a)
	}
	return out, nil
}

// headerSentence returns the first sentence of the comment that heads a
// .dsa file: the // lines before or just after the algorithm line, up to
// the first line that is not a comment. A sentence ends with a word that
// ends in a full stop.
func headerSentence(src []byte) string {
	var words []string
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		text, isComment := strings.CutPrefix(line, "//")
		if isComment {
			words = append(words, strings.Fields(text)...)
			continue
		}
		if len(words) > 0 || line != "" && !strings.HasPrefix(line, "algorithm ") {
			break
		}
	}
	return firstSentence(words)
}

func firstSentence(words []string) string {
	for i, w := range words {
		if strings.HasSuffix(w, ".") {
			return strings.Join(words[:i+1], " ")
		}
	}
	return strings.Join(words, " ")
}
