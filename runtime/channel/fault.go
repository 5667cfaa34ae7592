package channel

import (
	"fmt"
	"reflect"
	goruntime "runtime"
	"strings"
)

// faultMessage describes a failed handler: the process, the event, the
// panic value and where in the algorithm it happened. It runs in the
// deferred recover, where the panicking frames are still on the stack.
func (p *proc) faultMessage(ev *event, v any) string {
	msg := fmt.Sprintf("process %d (%s): %s: %v", p.rank, p.proc.TypeName(), p.describe(ev), v)
	if site := faultSite(algorithmPackage(p.proc)); site != "" {
		msg += " (at " + site + ")"
	}
	return msg
}

// algorithmPackage is the import path of the package defining the process.
func algorithmPackage(x any) string {
	t := reflect.TypeOf(x)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath()
}

// faultSite returns file:line of the innermost frame in a .dsa file (the
// generated code carries //line directives pointing at its source) or,
// failing that, in the algorithm's package.
func faultSite(pkg string) string {
	var pcs [64]uintptr
	frames := goruntime.CallersFrames(pcs[:goruntime.Callers(3, pcs[:])])
	fallback := ""
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, ".dsa") {
			return fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if fallback == "" && pkg != "" && strings.HasPrefix(f.Function, pkg+".") {
			fallback = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if !more {
			return fallback
		}
	}
}
