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
	require.Equal(t, "paxos.dsa:25:25: arithmetic on a rank (100 + self)", prop.SymmetryBlocker)
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
		{"a rank compared with a size", `
process Q on 0 {
  var heard set<node>
  on M m from p { heard.add(p); if p == heard.size() { output first() } }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, `^s:8:36: a rank is compared with a constant \(p == heard.size\(\)\)$`},
		{"a rank looked for among constants", `
process Q on 0 {
  var fixed set<node>
  on start { fixed.add(k) }
  on M m from p { if p in fixed { output known() } }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, `^s:9:22: a rank is looked for among constants \(p in fixed\)$`},
		{"a rank as a key of an int map, found again", `
process Q on 0 {
  var count map<int, int>
  on M m from p { count[p] += 1; for q in count { if q == k { output k() } } }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, `^s:8:54: a rank is compared with a constant \(q == k\)$`},
		{"counts kept by rank", `
process Q on 0 {
  var count map<node, int>
  on M m from p { count[p] += 1; if count[p] == k { output k() } }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
`, ""},
		{"placed on one rank", `
process Q on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
process P on 0 {
  on M m { }
}
`, `^s:9:14: placed on the single rank 0$`},
		{"crash status of bound processes and of ranks they hold", `
process P on 1 .. n - 1 {
  var heard set<node>
  on start { send M{self, 0} to self }
  on M m from p { heard.add(p) }
}
eventually c: forall p, q in P: correct(p) and crashed(q) implies not (q.self in p.heard)
eventually d: forall p in P: forall q in p.heard: correct(q)
`, ""},
		{"crash status of a constant rank", `
process P on 1 .. n - 1 {
  on start { send M{self, 0} to self }
  on M m { }
}
eventually c: correct(1) or crashed(k)
`, `^s:10:23: a rank given as a constant \(correct\(1\)\)$`},
		{"crash status of the rank of another type's single rank", `
process Q on 0 { on M m { } }
process P on 1 .. n - 1 {
  on start { send M{self, 0} to 0 }
}
eventually c: correct(0)
`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { requireBlocker(t, header+tt.src, tt.blocker) })
	}
}

// requireBlocker checks the symmetry of process type P of the spec src:
// symmetric when blocker is "", else not, for a reason matching blocker.
func requireBlocker(t *testing.T, src, blocker string) {
	alg, err := Load("s", []byte(src))
	require.NoError(t, err)
	var p *Process
	for _, q := range alg.Processes {
		if q.Name == "P" {
			p = q
		}
	}
	require.NotNil(t, p)
	if blocker == "" {
		require.True(t, p.Symmetric, p.SymmetryBlocker)
		require.Empty(t, p.SymmetryBlocker)
		return
	}
	require.False(t, p.Symmetric)
	require.Regexp(t, blocker, p.SymmetryBlocker)
}

// TestSymmetryNeedsACleanSpec: a spec with errors gets no verdict.
func TestSymmetryNeedsACleanSpec(t *testing.T) {
	alg, err := Load("s", []byte("algorithm a\nprocess P on all {\n  on start { x = self + 1 }\n}\n"))
	require.Error(t, err)
	require.False(t, alg.Processes[0].Symmetric)
	require.Empty(t, alg.Processes[0].SymmetryBlocker)
}

// ranksOf loads a spec that must check.
func ranksOf(t *testing.T, src string) *Algorithm {
	t.Helper()
	alg, err := Load("s", []byte(src))
	require.NoError(t, err)
	return alg
}

func TestRanksOfPaxos(t *testing.T) {
	src, err := os.ReadFile("../algorithms/paxos.dsa")
	require.NoError(t, err)
	alg := ranksOf(t, string(src))
	require.True(t, alg.Permutable)
	require.Empty(t, alg.PermutationBlocker)
	held := map[string]RankParts{}
	for _, p := range alg.Processes {
		for _, v := range p.Vars {
			if v.HoldsRanks {
				held[p.Name+"."+v.Name] = v.Ranks
			}
		}
	}
	// The ballots that key the maps are the proposers' (not symmetric),
	// the acceptors that voted are in the sets, those that promised key the
	// pending await's collection.
	require.Equal(t, map[string]RankParts{"Proposer.await#1": {"e"}, "Proposer.votes": {"ve"}}, held)
	for _, m := range alg.Messages {
		require.False(t, m.HoldsRanks, m.Name)
	}
}

func TestRanksOfCounter(t *testing.T) {
	src, err := os.ReadFile("../algorithms/counter.dsa")
	require.NoError(t, err)
	alg := ranksOf(t, string(src))
	require.True(t, alg.Permutable)
	require.Equal(t, "leader", alg.Shared[1].Name)
	require.True(t, alg.Shared[1].HoldsRanks)
	require.False(t, alg.Shared[0].HoldsRanks) // hits: tickets, not ranks
	for _, v := range alg.Processes[0].Vars {
		require.False(t, v.HoldsRanks, v.Name)
	}
}

func TestRanksNotPermutable(t *testing.T) {
	src, err := os.ReadFile("../algorithms/lamport.dsa")
	require.NoError(t, err)
	alg := ranksOf(t, string(src))
	require.False(t, alg.Permutable)
	require.Equal(t, "no process type is symmetric", alg.PermutationBlocker)
	for _, r := range alg.Records {
		require.False(t, r.HoldsRanks) // Delivery.sender holds ranks, of no symmetric type
	}
}

// TestRankParts checks which parts of variables and fields the analysis
// says hold ranks of the symmetric type P.
func TestRankParts(t *testing.T) {
	alg := ranksOf(t, `algorithm parts
message M { who node; x int; tags list<Tag> }
type Tag { owner node; n int }
type Box { tag Tag; count int }
process Q on 0 {
  var counts map<node, int>
  var byCount map<int, set<node>>
  var owner map<int, node>
  var tags list<Tag>
  var boxes map<int, Box>
  var total int
  var nested list<list<node>>
  on M m from p {
    counts[p] += 1
    byCount[counts[p]].add(p)
    owner[m.x] = m.who
    for t in m.tags { tags.append(t) }
    boxes[m.x] = Box{m.tags[0], 1}
    total += m.x
    nested.append([p, m.who])
  }
}
process P on 1 .. n - 1 {
  on start { send M{self, 0, [Tag{self, 1}]} to 0 }
}
`)
	require.True(t, alg.Processes[1].Symmetric, alg.Processes[1].SymmetryBlocker)
	require.True(t, alg.Permutable)
	want := map[string]RankParts{
		"counts":  {"k"},
		"byCount": {"ve"},
		"owner":   {"v"},
		"tags":    nil, // the ranks are in the records' fields
		"boxes":   nil,
		"total":   nil,
		"nested":  {"ee"},
	}
	holds := map[string]bool{"counts": true, "byCount": true, "owner": true, "tags": true, "boxes": true, "nested": true}
	for _, v := range alg.Processes[0].Vars {
		require.Equal(t, want[v.Name], v.Ranks, v.Name)
		require.Equal(t, holds[v.Name], v.HoldsRanks, v.Name)
	}
	fields := map[string]RankParts{}
	for _, r := range append(alg.Records, alg.Messages...) {
		for _, f := range r.Fields {
			if f.HoldsRanks {
				fields[r.Name+"."+f.Name] = f.Ranks
			}
		}
		require.Equal(t, r.Name != "", r.HoldsRanks, r.Name)
	}
	require.Equal(t, map[string]RankParts{"M.who": {""}, "M.tags": nil, "Tag.owner": {""}, "Box.tag": nil}, fields)
	require.True(t, RankParts{"k", "ve"}.Under("v"))
	require.False(t, RankParts{"k"}.Under("v"))
}
