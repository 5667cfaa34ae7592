package channel

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestOutputLogKeepsOrderAndArguments records more events than several
// chunks and slabs hold: they come back in order with their own arguments,
// copied from the caller's, and appending to one event's arguments does not
// change the next event's.
func TestOutputLogKeepsOrderAndArguments(t *testing.T) {
	var l outputLog
	require.Equal(t, 0, len(l.events()))
	require.NotNil(t, l.events())
	const n = 3*maxOutputChunk + 7
	args := make([]any, 3)
	for i := range n {
		args[0], args[1] = int64(i), "x"
		k := 2 + i%2 // two or three arguments, so slabs do not fill evenly
		if i%5 == 0 {
			k = 0
		}
		l.add("e", args[:k], time.Duration(i))
		args[0] = int64(-1) // the caller may reuse its slice
	}
	evs := l.events()
	require.Len(t, evs, n)
	for i, e := range evs {
		require.Equal(t, time.Duration(i), e.At)
		if i%5 == 0 {
			require.NotNil(t, e.Args)
			require.Empty(t, e.Args)
			continue
		}
		require.Len(t, e.Args, 2+i%2)
		require.Equal(t, int64(i), e.Args[0])
	}
	evs[1].Args = append(evs[1].Args, "more")
	require.Equal(t, int64(2), evs[2].Args[0])
	require.Len(t, evs[2].Args, 2)
}
