package spec

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSymmetryOfTuples checks that the analysis follows ranks into the
// parts of tuples: ordering a tuple that holds a rank orders ranks, as do
// sort(), sorted() and min_by on them, while storing, comparing with ==
// and looking up tuples of ranks keeps P symmetric, with its ranks found
// in the right part.
func TestSymmetryOfTuples(t *testing.T) {
	const header = `algorithm sym
message M { at (int, node) }
`
	tests := []struct {
		name    string
		src     string
		blocker string // P's blocker; "" when P is symmetric
		ranks   RankParts
	}{
		{"stored and compared whole", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m from p { queue.add(m.at); if (2, p) in queue or m.at == (m.at.0, p) { queue.remove(m.at) } }
}
`, "", RankParts{"e1"}},
		{"keyed by tuples of ranks", `
process P on 1 .. n - 1 {
  var last map<(int, node), (bool, node)>
  on start { broadcast M{(1, self)} to P }
  on M m from p { last[m.at] = (true, p) }
}
`, "", RankParts{"k1", "v1"}},
		{"destructured", `
process P on 1 .. n - 1 {
  var senders list<node>
  on start { broadcast M{(1, self)} to P }
  on M m { let (ts, who) = m.at; senders.append(who); if ts < 3 { halt } }
}
`, "", RankParts{"e"}},
		{"destructured and ordered", `
process P on 1 .. n - 1 {
  on start { broadcast M{(1, self)} to P }
  on M m { let (ts, who) = m.at; if who < ts { halt } }
}
`, "s:6:37: ranks are ordered (who < ts)", nil},
		{"ordered tuples of ranks", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { if m.at < (3, self) { queue.add(m.at) } }
}
`, "s:7:15: ranks are ordered (m.at < (3, self))", nil},
		{"min_by a tuple key", `
process P on 1 .. n - 1 {
  var queue set<(int, node)>
  var head node
  on start { broadcast M{(1, self)} to P }
  on M m { queue.add(m.at); head = min_by(x in queue: x).1 }
}
`, "s:8:55: min_by orders ranks (x)", nil},
		{"a sorted list of tuples", `
process P on 1 .. n - 1 {
  var log list<(int, node)>
  on start { broadcast M{(1, self)} to P }
  on M m { log.append(m.at); log.sort() }
}
`, "s:7:30: ranks are ordered (log.sort())", nil},
		{"a constant rank in a tuple", `
process P on 1 .. n - 1 {
  on start { broadcast M{(1, self)} to P }
  on M m { if m.at == (1, 2) { halt } }
}
`, "s:6:15: a rank is compared with a constant (m.at == (1, 2))", nil},
		{"sorted counts, not ranks", `
process P on 1 .. n - 1 {
  var seen list<(int, node)>
  var counts list<int>
  on start { broadcast M{(1, self)} to P }
  on M m { seen.append(m.at); counts.append(m.at.0); counts = sorted(counts); seen.remove_at(0); seen.remove(m.at) }
}
`, "", RankParts{"e1"}},
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
			require.Equal(t, tt.ranks, p.Vars[0].Ranks)
			require.Equal(t, RankParts{"1"}, alg.Messages[0].Fields[0].Ranks)
		})
	}
}
