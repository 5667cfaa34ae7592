package generated_test

import (
	"context"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/generated/paxos"
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
