package channel

import "time"

// SetStopGrace shortens the wait for stuck handlers in tests; it returns a
// function restoring the previous value.
func SetStopGrace(d time.Duration) (restore func()) {
	old := stopGrace
	stopGrace = d
	return func() { stopGrace = old }
}
