package parser

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of the formatter tests")

// TestFormatGolden formats every testdata/format/*.dsa and compares the
// result with the .golden file next to it; -update rewrites the golden
// files. The golden text must also be a fixed point of the formatter and
// parse to the same tree as the input.
func TestFormatGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/format/*.dsa")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			require.NoError(t, err)
			f, err := Parse(name, src)
			require.NoError(t, err)
			got := Format(f)
			golden := strings.TrimSuffix(name, ".dsa") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))

			f2, err := Parse(golden, got)
			require.NoError(t, err)
			assert.Equal(t, dump(f), dump(f2), "formatted text parses to a different tree")
			assert.Equal(t, string(got), string(Format(f2)), "formatting is not idempotent")
			assert.Equal(t, len(f.Comments), len(f2.Comments), "comments lost")
			checkRoundTrip(t, src)
		})
	}
}
