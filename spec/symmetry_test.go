package spec

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSymmetryOfPaxos(t *testing.T) {
	src, err := os.ReadFile("../algorithms/paxos.dsa")
	require.NoError(t, err)
	alg, err := Load("paxos.dsa", src)
	require.NoError(t, err)
	prop, acc := alg.Processes[0], alg.Processes[1]
	require.False(t, prop.Symmetric)
	require.Equal(t, "paxos.dsa:31:16: arithmetic on a rank (100 + self)", prop.SymmetryBlocker)
	require.True(t, acc.Symmetric, acc.SymmetryBlocker)
	require.Empty(t, acc.SymmetryBlocker)
}

// TestSymmetry checks each reason for a process type's ranks not to be
// interchangeable, and what leaves them so, on small specs: P is the type
// under test, on ranks 1 .. n - 1; Q, on rank 0, talks to it.
func TestSymmetry(t *testing.T) {
	const header = `algorithm sym
param k int = 2
message M { who node; x int }
type R { owner node }
`
	tests := []struct {
		name    string
		src     string // process declarations and properties
		blocker string // P's blocker; "" when P is symmetric
	}{
		{"symmetric", `
process Q on 0 {
  var senders set<node>
  var owners map<node, int>
  var best node = -1
  on M m from p {
    senders.add(p)
    owners[m.who] += 1
    if p in P and best == -1 and p != self { best = p }
    if senders.size() >= majority(P) { broadcast M{self, 1} to P }
  }
}
process P on 1 .. n - 1 {
  var seen list<node>
  var r R
  on start { send M{self, k} to 0 }
  on M m from p { seen.append(p); r.owner = p; if p == self { halt } }
}
invariant i: forall p, q in P: p.self == q.self or p.seen != q.seen
`, ""},
		{"arithmetic on self", `
process P on 1 .. n - 1 {
  on start { send M{self + 1, 0} to self }
  on M m { }
}
`, `^s:7:21: arithmetic on a rank \(self \+ 1\)$`},
		{"ordering of senders", `
process Q on 0 {
  var low node
  on M m from p when p < low { low = p }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, `^s:8:22: ranks are ordered \(p < low\)$`},
		{"list index", `
process P on 1 .. n - 1 {
  var votes list<int> = [0, 0, 0, 0]
  on start { votes[self] = 1; broadcast M{self, 0} to P }
  on M m { }
}
`, `^s:8:20: a rank indexes a list \(votes\[self\]\)$`},
		{"through a message field and a variable", `
process Q on 0 {
  var last node
  on M m { last = m.who; if last % 2 == 0 { output even() } }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, `^s:8:29: arithmetic on a rank \(last % 2\)$`},
		{"compared with a literal", `
process P on 1 .. n - 1 {
  on start { if self == 1 { broadcast M{self, 0} to others } }
  on M m { }
}
`, `^s:7:17: a rank is compared with a constant \(self == 1\)$`},
		{"a constant looked for", `
process Q on 0 {
  var heard set<node>
  on M m from p { heard.add(p); if heard.contains(k) { output k() } }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, `^s:8:36: a constant rank is looked for \(heard.contains\(k\)\)$`},
		{"a constant destination", `
process Q on 0 {
  on start { send M{self, 0} to 1 }
}
process P on 1 .. n - 1 {
  on M m { }
}
`, `^s:7:33: a rank given as a constant \(send to 1\)$`},
		{"a literal destination that is another type's rank", `
process Q on 0 {
  on M m { }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, ""},
		{"in a property", `
process P on 1 .. n - 1 {
  var x int
  on start { broadcast M{self, 0} to P }
  on M m { x = m.x }
}
invariant i: forall p, q in P: p.self >= q.self or p.x == q.x
`, `^s:11:32: ranks are ordered \(p.self >= q.self\)$`},
		{"placed on one rank", `
process Q on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
process P on 0 {
  on M m { }
}
`, `^s:9:14: placed on the single rank 0$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alg, err := Load("s", []byte(header+tt.src))
			require.NoError(t, err)
			var p *Process
			for _, q := range alg.Processes {
				if q.Name == "P" {
					p = q
				}
			}
			require.NotNil(t, p)
			if tt.blocker == "" {
				require.True(t, p.Symmetric, p.SymmetryBlocker)
				require.Empty(t, p.SymmetryBlocker)
				return
			}
			require.False(t, p.Symmetric)
			require.Regexp(t, tt.blocker, p.SymmetryBlocker)
		})
	}
}

// TestSymmetryNeedsACleanSpec: a spec with errors gets no verdict.
func TestSymmetryNeedsACleanSpec(t *testing.T) {
	alg, err := Load("s", []byte("algorithm a\nprocess P on all {\n  on start { x = self + 1 }\n}\n"))
	require.Error(t, err)
	require.False(t, alg.Processes[0].Symmetric)
	require.Empty(t, alg.Processes[0].SymmetryBlocker)
}
