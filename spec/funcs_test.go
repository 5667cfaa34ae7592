package spec

import "testing"

// TestSymmetryThroughFunctions follows ranks through the arguments and
// results of functions and procedures, and through count and sum: P is the
// type under test, on ranks 1 .. n - 1.
func TestSymmetryThroughFunctions(t *testing.T) {
	const header = `algorithm sym
message M { who node; x int }
`
	tests := []struct {
		name    string
		src     string
		blocker string // P's blocker; "" when P is symmetric
	}{
		{"ranks passed around and compared with ranks", `
def same(a node, b node) bool = a == b
def pick(a node) node = a
process Q on 0 { on start { broadcast M{0, 1} to P } }
process P on 1 .. n - 1 {
  var last node = -1
  def me() node = self
  proc tell(dst node) { send M{pick(me()), 1} to dst }
  on M m from p { if not same(p, self) { tell(p) }; last = pick(p) }
}
invariant counted: (count p in P: p.last == p.self) >= 0
`, ""},
		{"a rank into arithmetic through an argument", `
def next(r int) int = r + 1
process P on 1 .. n - 1 {
  on start { send M{self, next(self)} to self }
  on M m { }
}
`, `^s:4:23: arithmetic on a rank \(r \+ 1\)$`},
		{"a rank out of a function's result into arithmetic", `
def id(r node) node = r
process P on 1 .. n - 1 {
  var x int
  on start { x = id(self) * 2 }
}
`, `^s:7:18: arithmetic on a rank \(id\(self\) \* 2\)$`},
		{"a rank of the process's state through its own function", `
process P on 1 .. n - 1 {
  var x int
  def twice() int = self * 2
  on start { x = twice() }
}
`, `^s:6:21: arithmetic on a rank \(self \* 2\)$`},
		{"a rank compared with a constant in a procedure", `
process P on 1 .. n - 1 {
  proc check(r node) { if r == 1 { halt } }
  on start { check(self) }
}
`, `^s:5:27: a rank is compared with a constant \(r == 1\)$`},
		{"a rank in a while loop", `
process P on 1 .. n - 1 {
  var x int
  on start { while x < self { x += 1 } }
}
`, `^s:6:20: ranks are ordered \(x < self\)$`},
		{"a rank out of a block function's return", `
def half(r node) int {
  let y = r
  if y == r { return y }
  return -1
}
process P on 1 .. n - 1 {
  var x int
  on start { x = half(self) * 2 }
}
`, `^s:11:18: arithmetic on a rank \(half\(self\) \* 2\)$`},
		{"a sum of ranks", `
process P on 1 .. n - 1 {
  var x int
  on start { x = sum q in P: q }
}
`, `^s:6:30: arithmetic on a rank \(sum q in P: q\)$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { requireBlocker(t, header+tt.src, tt.blocker) })
	}
}
