package runtime

import "time"

// MaxDelay is the longest delay a timer of the language can have: longer
// ones are cut to it. A hundred years never passes in a run, yet leaves
// room to add the delay to the current time without overflow.
const MaxDelay = 100 * 365 * 24 * time.Hour

// Millis is the delay of `timer t after ms`: ms milliseconds, saturated
// at ±MaxDelay. Converting a large ms to nanoseconds would otherwise wrap
// around, and the timer would fire at once instead of never.
func Millis(ms int64) time.Duration {
	const limit = int64(MaxDelay / time.Millisecond)
	return time.Duration(min(max(ms, -limit), limit)) * time.Millisecond
}
