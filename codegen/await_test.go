package codegen_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// awaitCases: quorum waits in the shapes the generator handles apart; the
// Go of each type-checks.
var awaitCases = []acceptedCase{
	{name: "await counting senders only", src: `algorithm a
message Ack { r int }
process P on all {
  var r int
  var done bool
  on start { broadcast Ack{r} to all
    await count(Ack m from q when m.r == r and q != self) >= majority(P) { done = true } }
  on Ack m { r = m.r }
}`},
	{name: "await keeping the messages, no binding, unused collection", src: `algorithm a
message Ack { r int; log list<int> }
process P on all {
  var best list<int>
  on start { broadcast Ack{1, [1]} to all
    await got = count(Ack) >= 2 { }
  }
  on timer t { await got = count(Ack) >= 2 { for q, m in got { best = m.log } } }
  on Ack m { timer t after 1ms }
}`},
	{name: "two awaits, one timed, nested, local named like the generated code", src: `algorithm a
message Ping { b int }
message Pong { b int }
process P on all {
  var b int
  var phase int
  on start {
    broadcast Ping{b} to all
    await got = count(Ping m when m.b == b) >= majority(P) timeout 10ms {
      let ok = got.size()
      let msg = ok
      broadcast Pong{msg} to all
      phase = ok
      await count(Pong) >= phase { phase = 2 }
    } else {
      phase = -1
    }
  }
}`},
	{name: "sender and message named like the generated code's locals", src: `algorithm a
message Ack { r int }
process P on all {
  var r int
  on start { broadcast Ack{r} to all
    await got = count(Ack at_ from found_ when at_.r >= 0 and found_ >= 0) >= 2 { for i_, q_ in got { r += q_.r + i_ } } }
}`},
	{name: "await in an if, handler continues after it", src: `algorithm a
message Ping { }
process P on all {
  var n2 int
  on start {
    if n > 1 { broadcast Ping{} to all
      await count(Ping) >= n { n2 += 1 } }
    n2 += 10
  }
}`},
}

func TestAwaitSpecsBuild(t *testing.T) {
	for _, tc := range awaitCases {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, generateChecked(t, tc.src))
		})
	}
}
