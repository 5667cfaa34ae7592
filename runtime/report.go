package runtime

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// maxEventsShown bounds the outputs listed per process in a summary, so a
// long periodic run stays readable; WriteJSON has them all.
const maxEventsShown = 12

// WriteSummary writes a compact human-readable account of the run: what
// ran and how it ended, each process's outputs, the verdict on each
// property and the metrics.
func (r *Result) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "%s on %s: n=%d seed=%d, %s after %s\n",
		r.Algorithm, r.Backend, r.N, r.Seed, r.End, RoundDuration(r.Elapsed))
	if len(r.Params) > 0 {
		var ps []string
		for _, k := range SortedKeys(r.Params) {
			ps = append(ps, fmt.Sprintf("%s=%s", k, formatArg(r.Params[k])))
		}
		fmt.Fprintf(w, "params: %s\n", strings.Join(ps, " "))
	}
	if r.Error != "" {
		fmt.Fprintf(w, "error: %s\n", r.Error)
	}
	if len(r.Outputs) > 0 {
		fmt.Fprintln(w, "outputs:")
		for _, po := range r.Outputs {
			fmt.Fprintf(w, "  p%d %s: %s\n", po.Process, po.Type, formatEvents(po))
		}
	}
	if len(r.Properties) > 0 {
		fmt.Fprintln(w, "properties:")
		for _, p := range r.Properties {
			line := fmt.Sprintf("  %-8s %s %s", statusLabel(p.Status), p.Kind, p.Name)
			if p.Violation != "" {
				line += ": " + p.Violation
			}
			if p.Error != "" {
				line += ": " + p.Error
			}
			fmt.Fprintln(w, line)
		}
	}
	m := r.Metrics
	fmt.Fprintf(w, "metrics: %d messages, %d bytes, %d steps", m.Messages, m.Bytes, m.Steps)
	if m.SharedOps > 0 {
		fmt.Fprintf(w, ", %d shared operations", m.SharedOps)
	}
	fmt.Fprintln(w)
	if len(m.ByKind) > 0 {
		writeKindTable(w, m.ByKind)
	}
}

// writeKindTable lists the message kinds, names left-aligned and counts
// right-aligned.
func writeKindTable(w io.Writer, byKind map[string]*KindStats) {
	kinds := SortedKeys(byKind)
	kw, mw, bw := len("kind"), len("messages"), len("bytes")
	for _, k := range kinds {
		kw = max(kw, len(k))
		mw = max(mw, len(fmt.Sprint(byKind[k].Messages)))
		bw = max(bw, len(fmt.Sprint(byKind[k].Bytes)))
	}
	fmt.Fprintf(w, "  %-*s  %*s  %*s\n", kw, "kind", mw, "messages", bw, "bytes")
	for _, k := range kinds {
		fmt.Fprintf(w, "  %-*s  %*d  %*d\n", kw, k, mw, byKind[k].Messages, bw, byKind[k].Bytes)
	}
}

// WriteJSON writes the result as indented JSON, for scripts and the
// study's evaluation. It streams: the outputs of a large run are written
// process by process, never held whole in memory.
func (r *Result) WriteJSON(w io.Writer) error { return writeJSONStream(w, r) }

// statusLabel is how a verdict reads in a summary: violations stand out.
func statusLabel(s PropertyStatus) string {
	switch s {
	case PropertyViolated:
		return "VIOLATED"
	case PropertyError:
		return "ERROR"
	}
	return string(s)
}

// formatEvents renders a process's outputs as "decide(101) decide(102)",
// cut after maxEventsShown, and marks a halted process.
func formatEvents(po ProcessOutputs) string {
	var parts []string
	for i, e := range po.Events {
		if i == maxEventsShown {
			parts = append(parts, fmt.Sprintf("… (%d more)", len(po.Events)-i))
			break
		}
		args := make([]string, len(e.Args))
		for j, a := range e.Args {
			args[j] = formatArg(a)
		}
		parts = append(parts, e.Name+"("+strings.Join(args, ", ")+")")
	}
	if len(parts) == 0 {
		parts = append(parts, "-")
	}
	if po.Halted {
		parts = append(parts, "[halted]")
	}
	return strings.Join(parts, " ")
}

// formatArg shows an output argument or a parameter in the language's
// syntax: strings quoted, so that output("v") and output(v) differ.
func formatArg(a any) string { return Show(a) }

// RoundDuration keeps three significant figures or so: 1.23ms, 2.5s.
func RoundDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	case d >= time.Microsecond:
		return d.Round(10 * time.Nanosecond).String()
	}
	return d.String()
}
