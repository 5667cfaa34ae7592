package codegen_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestExplanations generates testdata/explain.dsa into a program module,
// as `dsac build` lays it out, and runs testdata/explain_test.go.txt in
// the generated package: explanations are computed by generated code, so
// they are tested there, on states built by hand.
func TestExplanations(t *testing.T) {
	out := goTestGenerated(t, "explain", "explain_test.go")
	require.Contains(t, out, "--- PASS: TestExplanations/off_path")
}
