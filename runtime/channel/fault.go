package channel

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
)

// faultMessage describes a failed handler: the process, the event, the
// panic value and where in the algorithm it happened. It runs in the
// deferred recover, where the panicking frames are still on the stack.
func (p *proc) faultMessage(ev *event, v any) string {
	msg := fmt.Sprintf("process %d (%s): %s: %v", p.rank, p.proc.TypeName(), p.describe(ev), v)
	if site := runtime.FaultSite(p.proc); site != "" {
		msg += " (at " + site + ")"
	}
	return msg
}
