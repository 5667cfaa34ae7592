package generated_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/generated/raft"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
)

// BenchmarkPaxosDecisions runs one single-value Paxos instance per
// iteration on the channel backend at n = 5 with one proposer (no duels,
// so no back-off timers) and reports decisions per second.
func BenchmarkPaxosDecisions(b *testing.B) {
	opts := runtime.RunOptions{N: 5, Params: map[string]string{"proposers": "1"}, Timeout: 5 * time.Second}
	for b.Loop() {
		r, err := channel.Run(context.Background(), paxos.Descriptor, opts)
		if err != nil || r.End != runtime.EndQuiescent || r.Violated() {
			b.Fatalf("run failed: %v %v %s", err, r.End, r.Error)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

// BenchmarkRaftCommits runs Raft on the channel backend with 3 and 5
// processes, 100,000 commands per run, and reports the commits per second
// of the leader: the commands it applied after its election, over the time
// from its election to its last apply (what the etcd kit in
// ../shared/anchors/etcdraft measures for etcd's raft). scripts/raft/bench.sh
// compares the two.
func BenchmarkRaftCommits(b *testing.B) {
	for _, n := range []int{3, 5} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			opts := runtime.RunOptions{N: n, Params: map[string]string{"commands": "100000"}, Timeout: time.Minute}
			var commits int
			var span time.Duration
			for b.Loop() {
				r, err := channel.Run(context.Background(), raft.Descriptor, opts)
				if err != nil || r.End != runtime.EndQuiescent || r.Violated() {
					b.Fatalf("run failed: %v %v %s", err, r.End, r.Error)
				}
				c, d := raftLeaderCommits(r)
				commits += c
				span += d
			}
			b.ReportMetric(float64(commits)/span.Seconds(), "commits/s")
		})
	}
}
