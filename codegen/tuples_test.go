package codegen_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTuples runs testdata/tuples_test.go.txt in the package generated
// from testdata/tuples.dsa: wire round trips and malformed bytes (with the
// seeds of its fuzz target), order, Show, JSON and PermuteRanks of tuples.
func TestTuples(t *testing.T) {
	out := goTestGenerated(t, "tuples", "tuples_test.go")
	for _, name := range []string{"TestTupleRoundTrip", "TestTupleDecodeRejectsMalformed", "FuzzTupleDecode", "TestTupleOrder", "TestTupleShowAndJSON", "TestTuplePermute"} {
		require.Contains(t, out, "--- PASS: "+name)
	}
}
