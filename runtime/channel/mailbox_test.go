package channel

import (
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestMailboxKeepsEverySendersOrder pushes numbered events from several
// goroutines at once, in bursts around the channel's capacity so that they
// move between the channel and the overflow, and checks that the owner
// receives all of them, each sender's in order, without waiting forever.
func TestMailboxKeepsEverySendersOrder(t *testing.T) {
	const senders = 4
	for round := range 200 {
		perSender := 1 + round%(3*mailboxFast)
		mb := newMailbox()
		var wg sync.WaitGroup
		for s := range senders {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range perSender {
					mb.push(event{kind: evMessage, from: int32(s), seq: int64(i)})
					if i%17 == s {
						runtime.Gosched()
					}
				}
			}()
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			next := make([]int64, senders)
			var batch []event
			for got := 0; got < senders*perSender; {
				batch = mb.receive(batch[:0])
				for _, ev := range batch {
					if ev.kind == evWake {
						continue
					}
					if ev.seq != next[ev.from] {
						t.Errorf("round %d: sender %d: got event %d, want %d", round, ev.from, ev.seq, next[ev.from])
						return
					}
					next[ev.from]++
					got++
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: the owner is stuck waiting with events queued", round)
		}
		wg.Wait()
		if t.Failed() {
			return
		}
	}
}
