package codegen_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/codegen"
	"github.com/dsac-lang/dsac/spec"
)

// TestCopyStateForFollowsCalls: a handler that changes a collection only
// through a procedure it calls must have that collection copied, not
// shared, by CopyStateFor (the explorer runs the step on one of the two
// and keeps the other as the parent state); one it does not reach is
// still shared.
func TestCopyStateForFollowsCalls(t *testing.T) {
	src := `algorithm a
process P on all {
  var s set<int>
  var u set<int>
  proc note(x int) { s.add(x) }
  def seen(x int) bool = x in u
  on start { note(1); timer tick after 1 }
  on timer tick { if seen(2) { halt } }
}`
	alg, err := spec.Load("t.dsa", []byte(src))
	require.NoError(t, err)
	code, err := codegen.Generate(alg, codegen.Options{Source: "t.dsa", PackagePath: "example.com/a"})
	require.NoError(t, err)
	unshare := regexp.MustCompile(`(?s)func \(st \*P\) Unshare\(handler int\) \{(.*?)\n\}`).FindSubmatch(code)
	require.NotNil(t, unshare, "Unshare is generated:\n%s", code)
	drops := map[string]string{} // handler id -> its case of Unshare
	for _, c := range strings.Split(string(unshare[1]), "case ")[1:] {
		id, body, _ := strings.Cut(c, ":")
		drops[id] = body
	}
	require.Len(t, drops, 2, "%s", unshare[1])
	require.NotContains(t, drops["0"], "st.S = nil", "start changes s through note: s is copied")
	require.Contains(t, drops["0"], "st.U = nil", "start does not reach u: u is shared")
	require.Contains(t, drops["1"], "st.S = nil", "tick does not reach s")
	require.NotContains(t, drops["1"], "st.U = nil", "tick reads u through seen")
}
