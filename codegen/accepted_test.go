package codegen_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// acceptedCase is a spec that `dsac check` once accepted and whose Go then
// failed to build (issue 13): either the checker now rejects it with a
// positioned error (wantErr, "line:col: message"), or its Go type-checks.
type acceptedCase struct {
	name, src, wantErr string
}

// nameCases: generated names that collided.
var nameCases = []acceptedCase{
	{name: "message Start beside on start", src: `algorithm a
message Start { }
process P on all {
  on start { broadcast Start{} to all }
  on Start m { }
}`},
	{name: "guarded handlers of M beside message M2", src: `algorithm a
message M { x int }
message M2 { }
process P on all {
  on start { broadcast M{1} to all
    broadcast M2{} to all }
  on M m when m.x > 0 { }
  on M m { }
  on M2 m { }
}`},
	{name: "message TimerX beside timer x", src: `algorithm a
message TimerX { }
process P on all {
  on start { timer x after 1ms
    broadcast TimerX{} to all }
  on timer x { }
  on TimerX m { }
}`},
	{name: "timers a_b and aB", src: `algorithm a
process P on all {
  on start { timer a_b after 1ms
    timer aB after 2ms }
  on timer a_b { }
  on timer aB { }
}`},
	{name: "messages M_x and MX", src: `algorithm a
message M_x { }
message MX { }
process P on all {
  on start { broadcast M_x{} to all
    broadcast MX{} to all }
  on M_x m { }
  on MX m { }
}`},
	{name: "guarded handlers of M_x and MX", src: `algorithm a
message M_x { }
message MX { }
process P on all {
  on start { broadcast M_x{} to all
    broadcast MX{} to all }
  on M_x m when self > 0 { }
  on M_x m { }
  on MX m when self > 0 { }
  on MX m { }
}`},
	{name: "message SetInt beside set<int>", src: `algorithm a
message SetInt { }
process P on all {
  var s set<int>
  on start { broadcast SetInt{} to all }
  on SetInt m { s.add(1) }
}`},
	{name: "type ListInt beside list<int>", src: `algorithm a
type ListInt { x int }
process P on all {
  var l list<int>
  var r ListInt
  var ls list<ListInt>
  on start { l.append(r.x) }
}`},
	{name: "records named after generated helpers", src: `algorithm a
type EncInt { x int }
type Env { x int }
type World { x int }
message Property0 { }
process P on all {
  on Property0 m { }
  var l list<EncInt>
  var e Env
  var w World
  on start { broadcast Property0{} to all }
}
invariant i: forall p in P: p.e.x >= 0`},
	{name: "locals named after generated names", src: `algorithm a
message M { x int }
process P on all {
  var l list<int>
  on start { broadcast M{1} to all }
  on M m from tmp1 {
    let v = tmp1
    let out = [v]
    let why = out == l
    let st = 1
    let x_ = st
    let len = x_
    let len_ = len
    l.append(len_)
  }
}
invariant why: forall why in P: forall st in P: why.self >= 0 and st.l.size() >= 0`},
	{name: "process and record named like Go predeclared names", src: `algorithm a
type Any { x int }
message String { }
process Error on all {
  var a Any
  on start { broadcast String{} to all }
  on String m { }
}`},
}

// packageCases: algorithm names that are not importable Go packages.
var packageCases = []acceptedCase{
	{name: "algorithm main", src: "algorithm main\nprocess P on all { }", wantErr: "1:11: algorithm name main"},
	{name: "algorithm go", src: "algorithm go\nprocess P on all { }", wantErr: "1:11: algorithm name go"},
	{name: "algorithm func", src: "algorithm func\nprocess P on all { }", wantErr: "1:11: algorithm name func"},
	{name: "algorithm select", src: "algorithm select\nprocess P on all { }", wantErr: "1:11: algorithm name select"},
	{name: "algorithm range", src: "algorithm range\nprocess P on all { }", wantErr: "1:11: algorithm name range"},
	{name: "algorithm init", src: "algorithm init\nprocess P on all { }", wantErr: "1:11: algorithm name init"},
	{name: "algorithm _", src: "algorithm _\nprocess P on all { }", wantErr: "1:11: algorithm name _"},
	{name: "algorithm non-ASCII", src: "algorithm été\nprocess P on all { }", wantErr: "1:11: algorithm name été"},
	{name: "algorithm with underscore and digits", src: "algorithm two_phase2\nprocess P on all { }"},
}

// constantCases: constants the Go compiler rejects.
var constantCases = []acceptedCase{
	{name: "overflow in param", src: "algorithm a\nparam k int = 9223372036854775807 + 1\nprocess P on all { }",
		wantErr: "2:15: constant overflow"},
	{name: "overflow in shared", src: "algorithm a\nshared counter c = 9223372036854775807 + 1\nprocess P on all { }",
		wantErr: "2:20: constant overflow"},
	{name: "overflow in placement", src: "algorithm a\nprocess P on 9223372036854775807 + 1 { }\nprocess Q on others { }",
		wantErr: "2:14: constant overflow"},
	{name: "overflow by negation", src: "algorithm a\nparam k int = -(-9223372036854775807 - 1)\nprocess P on all { }",
		wantErr: "2:15: constant overflow"},
	{name: "overflow in a handler", src: "algorithm a\nprocess P on all { var x int\n on start { x = x + 4611686018427387904 * 2 } }",
		wantErr: "3:21: constant overflow"},
	{name: "overflow in min", src: "algorithm a\nparam k int = min(9223372036854775807 + 1, 0)\nprocess P on all { }",
		wantErr: "2:19: constant overflow"},
	{name: "no overflow at the limit", src: "algorithm a\nparam k int = 9223372036854775807 - 1 + 1\nparam j int = -9223372036854775807 - 1\nprocess P on all { }"},
	{name: "constant division by zero", src: "algorithm a\nparam k int = 1 / 0\nprocess P on all { }",
		wantErr: "2:19: invalid operation: division by zero"},
	{name: "constant modulo by zero", src: "algorithm a\nparam k int = 1 % (2 - 2)\nprocess P on all { }",
		wantErr: "2:19: invalid operation: division by zero"},
	{name: "division of a variable by constant zero", src: "algorithm a\nprocess P on all { var x int\n on start { x = x / 0 } }",
		wantErr: "3:21: invalid operation: division by zero"},
	{name: "division by a non-constant zero", src: "algorithm a\nprocess P on all { var x int\n on start { x = 1 / x } }"},
	{name: "constant negative index", src: "algorithm a\nprocess P on all { var l list<int>\n on start { l[-1] = 2 } }",
		wantErr: "3:15: invalid argument: index -1 (constant -1) must not be negative"},
	{name: "constant negative index in an expression", src: "algorithm a\nprocess P on all { var l list<int>\n var x int\n on start { x = l[1 - 2] } }",
		wantErr: "4:19: invalid argument: index 1 - 2 (constant -1) must not be negative"},
	{name: "negative map key", src: "algorithm a\nprocess P on all { var m map<int, int>\n on start { m[-1] = 2 } }"},
	{name: "timer delay too long", src: "algorithm a\nprocess P on all {\n on start { timer t after 9223372036854775807 }\n on timer t { } }",
		wantErr: "3:27: timer delay"},
}

// foundCases: what TestGeneratedSpecs found beside names and constants.
var foundCases = []acceptedCase{
	{name: "map loop whose variable is unused", src: "algorithm a\nprocess P on all { var m map<int, int>\n var c int\n on start { for k in m { c += 1 } } }"},
	{name: "local only assigned to", src: "algorithm a\nprocess P on all { var x int\n on start { let l = 1\n l = x\n l += 2 } }"},
	{name: "local only cleared", src: "algorithm a\nprocess P on all { var w list<int>\n on start { let e list<int> = [w.size()]\n e.clear() } }"},
	{name: "set of bool", src: "algorithm a\nprocess P on all { var s set<bool> }", wantErr: "2:26: invalid set element type bool"},
	{name: "map keyed by bool", src: "algorithm a\nprocess P on all { var m map<bool, int> }", wantErr: "2:26: invalid map key type bool"},
}

// TestAcceptedSpecsBuild holds issue 13's cases: what the checker accepts,
// the generator turns into Go that type-checks.
func TestAcceptedSpecsBuild(t *testing.T) {
	for _, tc := range slices.Concat(nameCases, packageCases, constantCases, foundCases, dataCases) {
		t.Run(tc.name, func(t *testing.T) {
			err := generateChecked(t, tc.src)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), "t.dsa:"+tc.wantErr)
			require.False(t, strings.Contains(err.Error(), "panic"), err.Error())
		})
	}
}
