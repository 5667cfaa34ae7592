package spec

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSymmetryOfDestructuring checks that the analysis follows ranks into
// the parts that for loops and quantifiers destructure, and through the
// arguments a property passes to a process's function: each part carries
// what its part of the tuple does, so ordering the part that holds ranks
// breaks symmetry and ordering the other does not.
func TestSymmetryOfDestructuring(t *testing.T) {
	const header = `algorithm sym
message M { at (int, node) }
`
	tests := []struct {
		name    string
		src     string
		blocker string // P's blocker; "" when P is symmetric
	}{
		{"for: the counts ordered", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at); for (ts, who) in queue { if ts < 3 and who != self { halt } } }
}
`, ""},
		{"for: the ranks ordered", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at); for (ts, who) in queue { if who < ts { halt } } }
}
`, "s:7:57: ranks are ordered (who < ts)"},
		{"for: a map's tuple values", `
process P on 1 .. n - 1 {
  var last map<int, (int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { last[m.at.0] = m.at; for k, (_, who) in last { if who > k { halt } } }
}
`, "s:7:62: ranks are ordered (who > k)"},
		{"quantifier: the ranks ordered", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at); if exists (_, who) in queue: who > 2 { halt } }
}
`, "s:7:58: ranks are ordered (who > 2)"},
		{"a property's quantifier: the counts ordered", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at) }
}
invariant small: forall p in P: forall (ts, _) in p.queue: ts < 5
`, ""},
		{"a function a property passes ranks to", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  def late(r node) bool = r > 2
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at) }
}
invariant none_late: forall p, q in P: not p.late(q.self)
`, "s:6:27: ranks are ordered (r > 2)"},
		{"a function a property passes counts to", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  def late(r int) bool = r > 2
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at) }
}
invariant none_late: forall p in P: forall (ts, _) in p.queue: not p.late(ts)
`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alg, err := Load("s", []byte(header+tt.src))
			require.NoError(t, err)
			p := alg.Processes[0]
			if tt.blocker != "" {
				require.False(t, p.Symmetric)
				require.Equal(t, tt.blocker, p.SymmetryBlocker)
				return
			}
			require.True(t, p.Symmetric, p.SymmetryBlocker)
		})
	}
}

// TestComponentDestructures checks that the names an imported component
// binds by destructuring (let, for, forall and exists) are renamed with
// the rest of its names, in handlers, functions and properties, and that
// its properties keep calling its functions on a process.
func TestComponentDestructures(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/stamps.dsa": `algorithm stamps
message Ping { at (int, node) }
process N on all {
  var seen set<(int, node)>
  var total int
  def first() int {
    for (ts, _) in seen { return ts }
    return 0
  }
  on start { broadcast Ping{(1, self)} to all }
  on Ping m {
    seen.add(m.at)
    let (ts, who) = m.at
    for (a, _) in seen { total += a }
    if exists (x, _) in seen: x == ts { output got(who) }
  }
}
invariant pos: forall q in N: forall (ts, who) in q.seen: ts > 0 and q.first() == 1
`,
		"dir/main.dsa": `algorithm top
import st "stamps.dsa"
process P on all {
  var heard int
  on st.got(w) { heard += 1 }
}
invariant ones: forall p in P: forall (ts, _) in p.st.seen: ts == 1
`})
	require.Empty(t, errs)
	var props []string
	for _, q := range alg.Properties {
		props = append(props, q.Name+": "+q.Text)
	}
	require.Equal(t, []string{"ones: forall p in P: forall (ts, _) in p.st.seen: ts == 1",
		"st.pos: forall q in P: forall (ts, who) in q.st.seen: ts > 0 and q.st.first() == 1"}, props)
}
