package codegen_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCrashStatus generates testdata/crashed.dsa into a program module and
// runs testdata/crashed_test.go.txt in the generated package: crashed()
// and correct() read Instance.Down, whichever way properties are asked.
func TestCrashStatus(t *testing.T) {
	out := goTestGenerated(t, "crashed", "crashed_test.go")
	require.Contains(t, out, "--- PASS: TestCrashStatus")
	require.Contains(t, out, "--- PASS: TestCrashedRankOutside")
}
