package codegen_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// funcCases: functions and procedures whose names, or whose parameters'
// names, meet the generated code's.
var funcCases = []acceptedCase{
	{name: "parameters named like the generator's locals", src: `algorithm a
def f(env int, st int, w int, ctx int) int = env + st + w + ctx
process P on all {
  var x int
  def g(ctx int, msg int) int = ctx + msg + x
  proc h(ctx int, st int, m int) { x = f(ctx, st, m, g(1, 2)) }
  on start { h(1, 2, 3) }
}
invariant i: forall p in P: f(p.x, 1, 2, 3) >= 0 or true`},
	{name: "a local named like a function's Go name", src: `algorithm a
def f() int = 1
process P on all {
  var defF int
  proc procG() { defF = f() }
  proc g() { let defF = f(); let procProcG = defF; procG() }
  on start { g() }
}`},
	{name: "functions named like the generated code's declarations", src: `algorithm a
def check(x int) bool = x > 0
def regroup(x int) int = x
def explain(x int) int = regroup(x)
process P on all {
  var init int
  def clone() int = init
  proc encode_state() { init = explain(clone()) }
  on start { encode_state() }
}
invariant holds: forall p in P: check(p.init + 1)`},
	{name: "an aggregate in a function over a parameter", src: `algorithm a
def votes(l list<node>, who node) int = count x in l: x == who
def total(l list<int>) int = sum x, y in l: x * y
process P on all {
  var seen list<node>
  on start { seen.append(self)
    if votes(seen, self) > total([1, 2]) { halt } }
}`},
	{name: "a local of a top-level function only assigned to", src: `algorithm a
def v(a int, b int) int {
  let r int = 4
  r = 0
  return b
}
process P on all { var x int
  on start { x = v(1, 2) } }`},
	{name: "a procedure that returns from inside a while loop", src: `algorithm a
process P on all {
  var i int
  proc spin(limit int) { while true { i += 1; if i >= limit { return } } }
  on start { spin(3); spin(5) }
}`},
}

// TestFuncSpecsBuild: specs with functions and procedures type-check.
func TestFuncSpecsBuild(t *testing.T) {
	for _, tc := range funcCases {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, generateChecked(t, tc.src))
		})
	}
}
