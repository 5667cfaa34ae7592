package runtime_test

import (
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

// broadcastCtx records the rank lists it is asked to broadcast to.
type broadcastCtx struct {
	runtime.Context
	self, n int
	got     [][]int
}

func (c *broadcastCtx) Self() int { return c.self }
func (c *broadcastCtx) N() int    { return c.n }
func (c *broadcastCtx) Broadcast(to []int, _ runtime.Message) {
	c.got = append(c.got, append([]int(nil), to...))
}

func TestBroadcastOthersSkipsOnlySelf(t *testing.T) {
	for _, tc := range []struct {
		self, n int
		want    []int
	}{{0, 1, []int{}}, {0, 3, []int{1, 2}}, {1, 3, []int{0, 2}}, {2, 3, []int{0, 1}}} {
		c := &broadcastCtx{self: tc.self, n: tc.n}
		runtime.BroadcastOthers(c, nil)
		if len(c.got) != 1 || len(c.got[0]) != len(tc.want) {
			t.Fatalf("self %d of %d: broadcast to %v, want %v", tc.self, tc.n, c.got, tc.want)
		}
		for i, r := range tc.want {
			if c.got[0][i] != r {
				t.Fatalf("self %d of %d: broadcast to %v, want %v", tc.self, tc.n, c.got, tc.want)
			}
		}
	}
}
