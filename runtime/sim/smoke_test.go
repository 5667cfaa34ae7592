package sim_test

import (
	"context"
	"os"
	"testing"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

func TestSmoke(t *testing.T) {
	res, err := sim.RunWith(context.Background(), paxos.Descriptor, runtime.RunOptions{N: 5, Seed: 3}, sim.RunConfig{})
	if err != nil {
		t.Fatal(err)
	}
	res.WriteSummary(os.Stdout)
}
