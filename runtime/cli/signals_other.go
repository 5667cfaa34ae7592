//go:build !unix

package cli

import "os"

// interrupts end a run early.
var interrupts = []os.Signal{os.Interrupt}
