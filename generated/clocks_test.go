package generated_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/lamport"
	"github.com/dsac-lang/dsac/generated/vector"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

var (
	clockSizes = []int{3, 4, 5, 6, 7, 8, 9}
	clockSeeds = []int64{1, 2, 3, 4, 5, 6, 7, 8}
)

// linkDeliveries adds the send event as a predecessor of each deliver
// event; sendKey and deliverKey identify a send by its sender, its receiver
// and its timestamp.
func linkDeliveries(t *testing.T, h *history, sentTo func(o runtime.Output) (int, any), deliveredFrom func(o runtime.Output) (int, any)) {
	t.Helper()
	for _, e := range h.all {
		if e.out.Name != "deliver" {
			continue
		}
		from, stamp := deliveredFrom(e.out)
		var send *event
		for _, s := range h.byRank[from] {
			if s.out.Name != "sent" {
				continue
			}
			to, st := sentTo(s.out)
			if to == e.rank && equalStamp(st, stamp) {
				require.Nil(t, send, "two sends match the delivery %v at %d", e.out, e.rank)
				send = s
			}
		}
		require.NotNil(t, send, "no send matches the delivery %v at rank %d", e.out, e.rank)
		e.preds = append(e.preds, send)
	}
}

func equalStamp(a, b any) bool {
	switch a := a.(type) {
	case int64:
		return a == b.(int64)
	case []int64:
		return slices.Equal(a, b.([]int64))
	}
	return false
}

func TestLamportClockCondition(t *testing.T) {
	for _, r := range runtimetest.RunMany(t, channel.Run, lamport.Descriptor, clockSizes, clockSeeds, nil) {
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		h := newHistory(r)
		clock := func(o runtime.Output) int64 { return intArg(t, o, len(o.Args)-1) }
		linkDeliveries(t, h,
			func(o runtime.Output) (int, any) { return int(intArg(t, o, 0)), intArg(t, o, 1) },
			func(o runtime.Output) (int, any) { return int(intArg(t, o, 0)), intArg(t, o, 1) })
		sends, delivers := 0, 0
		for _, e := range h.all {
			switch e.out.Name {
			case "sent":
				sends++
			case "deliver":
				delivers++
			}
		}
		require.Equal(t, sends, delivers, "every message is delivered")
		require.Equal(t, int64(sends), r.Metrics.Messages)
		// Every process performed its steps: local events and sends.
		for rank, evs := range h.byRank {
			own := 0
			for _, e := range evs {
				if e.out.Name != "deliver" {
					own++
				}
			}
			require.Equal(t, 5, own, "rank %d steps", rank)
		}
		// The clock condition over the happens-before order rebuilt from outputs.
		for b, preds := range h.happensBefore() {
			for a := range preds {
				require.Less(t, clock(a.out), clock(b.out), "%v at %d happens before %v at %d", a.out, a.rank, b.out, b.rank)
			}
		}
	}
}

func vectorLess(a, b []int64) bool {
	for i := range a {
		if a[i] > b[i] {
			return false
		}
	}
	return !slices.Equal(a, b)
}

func TestVectorClocksCharacteriseCausality(t *testing.T) {
	concurrent := 0
	for _, r := range runtimetest.RunMany(t, channel.Run, vector.Descriptor, clockSizes, clockSeeds, nil) {
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		h := newHistory(r)
		stamp := func(o runtime.Output) []int64 { return listArg(t, o, len(o.Args)-1) }
		linkDeliveries(t, h,
			func(o runtime.Output) (int, any) { return int(intArg(t, o, 0)), listArg(t, o, 1) },
			func(o runtime.Output) (int, any) { return int(intArg(t, o, 0)), listArg(t, o, 1) })
		before := h.happensBefore()
		for _, a := range h.all {
			for _, b := range h.all {
				if a == b {
					continue
				}
				hb := before[b][a]
				require.Equal(t, hb, vectorLess(stamp(a.out), stamp(b.out)),
					"a=%v at %d, b=%v at %d: happens-before %v", a.out, a.rank, b.out, b.rank, hb)
				if !hb && !before[a][b] {
					concurrent++
				}
			}
		}
	}
	require.Positive(t, concurrent, "the runs exercise concurrent events, which vectors must tell apart")
}
