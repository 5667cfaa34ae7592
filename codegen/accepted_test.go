package codegen_test

import (
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

// TestAcceptedSpecsBuild holds issue 13's cases: what the checker accepts,
// the generator turns into Go that type-checks.
func TestAcceptedSpecsBuild(t *testing.T) {
	for _, tc := range nameCases {
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
