// Command idle is the anchor of the channel backend's idle-processes figure
// (scripts/channel/idle.sh): the least a goroutine-per-process runtime can
// do for n processes that each handle a start event and then wait. Every
// process is a goroutine with a mailbox the size of the channel backend's
// (64 events of 40 bytes); each receives one start event, answers that it
// handled it, and waits until the run ends. No state, no messages, no
// properties: what the backend spends beyond this is its own.
package main

import (
	"flag"
	"fmt"
	"os"
	"sync"
)

// event has the size of the channel backend's mailbox entry.
type event struct {
	msg  any
	seq  int64
	from int32
	size int32
	kind uint8
}

func main() {
	n := flag.Int("n", 100_000, "processes")
	flag.Parse()
	var started, ended sync.WaitGroup
	done := make(chan struct{})
	boxes := make([]chan event, *n)
	for i := range boxes {
		boxes[i] = make(chan event, 64)
		started.Add(1)
		ended.Add(1)
		go func(box chan event) {
			defer ended.Done()
			<-box
			started.Done()
			select {
			case <-box:
			case <-done:
			}
		}(boxes[i])
	}
	for i := range boxes {
		boxes[i] <- event{kind: 1, from: int32(i)}
	}
	started.Wait()
	close(done)
	ended.Wait()
	fmt.Fprintf(os.Stdout, "idle: %d processes started and ended\n", *n)
}
