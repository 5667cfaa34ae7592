package codegen_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPermuteRanks generates testdata/permute.dsa into a program module and
// runs testdata/permute_test.go.txt in the generated package: it checks,
// on states and messages built by hand, that PermuteRanks renames every
// rank of the symmetric type and nothing else. testdata/copy_test.go.txt,
// run with it, checks CopyStateTo on the same states.
func TestPermuteRanks(t *testing.T) {
	out := goTestGenerated(t, "permute", "permute_test.go", "copy_test.go")
	require.Contains(t, out, "--- PASS: TestEveryTypePermutes")
	require.Contains(t, out, "--- PASS: TestCopyStateTo")
}
