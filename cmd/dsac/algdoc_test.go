package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAlgorithmsDocIsCurrent: docs/ALGORITHMS.md is what `dsac doc
// algorithms` prints, in everything the specs alone decide — the list of
// algorithms, their sizes, properties and tolerated faults — and its
// measured table has rows for every algorithm. Regenerate it with
// `make algorithms-doc`.
func TestAlgorithmsDocIsCurrent(t *testing.T) {
	algs, err := loadAlgorithms(filepath.Join("..", "..", "algorithms"))
	require.NoError(t, err)
	var want bytes.Buffer
	require.NoError(t, writeAlgorithmsDoc(&want, algs, algDocOptions{}, io.Discard))
	got, err := os.ReadFile(filepath.Join("..", "..", "docs", "ALGORITHMS.md"))
	require.NoError(t, err)
	stale := "docs/ALGORITHMS.md is stale: run make algorithms-doc"
	require.True(t, strings.HasPrefix(string(got), want.String()), stale)
	_, costs, ok := strings.Cut(string(got), "\n"+costHeading+"\n")
	require.True(t, ok, stale)
	for _, a := range algs {
		for _, backend := range []string{"sim", "channel"} {
			require.Contains(t, costs, "| "+a.name+" | "+a.header.operation+" | "+backend+" | ", stale)
		}
	}
}

func TestParseHeader(t *testing.T) {
	h, err := parseHeader([]byte("algorithm x\n// A spec.\n// operation: command (param commands)\n// tolerates: -n 5 --drop 0.1\n  // tolerates: --reorder\nparam commands int = 3\n"))
	require.NoError(t, err)
	require.Equal(t, specHeader{tolerates: [][]string{{"-n", "5", "--drop", "0.1"}, {"--reorder"}},
		operation: "command", opParam: "commands"}, h)

	h, err = parseHeader([]byte("algorithm x\n// nothing structured\n"))
	require.NoError(t, err)
	require.Equal(t, "run", h.operation)
	require.Empty(t, h.tolerates)

	for _, bad := range []string{"// tolerates:\n", "// operation:\n", "// operation: x (param a b)\n"} {
		_, err := parseHeader([]byte(bad))
		require.Error(t, err, bad)
	}
}

func TestCodeLines(t *testing.T) {
	require.Equal(t, 3, codeLines([]byte("algorithm x\n\n// comment\n/* block\n still */\nparam a int\n  /* one line */ param b int\n")))
}
