package sim

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/dsac-lang/dsac/runtime"
)

// tracer describes the steps of a replay for people: what happened, and
// what it changed in the process that took it.
type tracer struct {
	w       *world
	before_ []field
	env     *envelope
	outs    int
}

type field struct{ name, value string }

func newTracer(w *world) *tracer { return &tracer{w: w} }

// before snapshots what the step about to be taken may change.
func (t *tracer) before(a action) {
	t.before_ = stateFields(t.w.procs[a.rank])
	t.outs = len(t.w.ranks[a.rank].outputs)
	t.env = nil
	if a.kind == actDeliver || a.kind == actDrop || a.kind == actDup {
		t.env = t.w.net[a.env]
	}
}

// after describes the step just taken.
func (t *tracer) after(n int, a action, c *stepCtx, err error) runtime.TraceStep {
	w := t.w
	ts := runtime.TraceStep{Step: n, At: w.now}
	p := fmt.Sprintf("p%d", a.rank)
	switch a.kind {
	case actStart:
		ts.Text = p + " starts"
	case actDeliver:
		ts.Text = fmt.Sprintf("%s receives %s from p%d", p, w.showMessage(t.env), t.env.from)
	case actFire:
		ts.Text = fmt.Sprintf("%s: timer %s fires", p, w.timerName(a.rank, a.timer))
	case actCrash:
		ts.Text = p + " crashes"
	case actRecover:
		ts.Text = p + " recovers"
	case actDrop:
		verb := "the network loses"
		if a.why == "partition" {
			verb = "the partition loses"
		}
		ts.Text = fmt.Sprintf("%s %s from p%d to %s", verb, w.showMessage(t.env), t.env.from, p)
		return ts
	case actDup:
		ts.Text = fmt.Sprintf("the network duplicates %s from p%d to %s", w.showMessage(t.env), t.env.from, p)
		return ts
	}
	if err != nil {
		ts.Changes = append(ts.Changes, "fails: "+err.Error())
		return ts
	}
	for _, v := range c.rands {
		ts.Changes = append(ts.Changes, fmt.Sprintf("random() = %d", v))
	}
	after := stateFields(w.procs[a.rank])
	for i := range after {
		if i < len(t.before_) && t.before_[i].value != after[i].value {
			ts.Changes = append(ts.Changes, fmt.Sprintf("%s: %s -> %s", after[i].name, t.before_[i].value, after[i].value))
		}
	}
	ts.Changes = append(ts.Changes, w.showSends(c.sent)...)
	for _, o := range w.ranks[a.rank].outputs[t.outs:] {
		args := make([]string, len(o.Args))
		for i, x := range o.Args {
			args[i] = runtime.Show(x)
		}
		ts.Changes = append(ts.Changes, fmt.Sprintf("outputs %s(%s)", o.Name, strings.Join(args, ", ")))
	}
	if c.haltReq {
		ts.Changes = append(ts.Changes, "halts")
	}
	return ts
}

// showSends describes the messages a step sent, a broadcast on one line.
func (w *world) showSends(sent []*envelope) []string {
	var out []string
	for i := 0; i < len(sent); {
		j := i + 1
		for j < len(sent) && sent[j].kind == sent[i].kind && string(sent[j].payload) == string(sent[i].payload) {
			j++
		}
		to := make([]string, 0, j-i)
		for _, e := range sent[i:j] {
			to = append(to, fmt.Sprintf("p%d", e.to))
		}
		out = append(out, fmt.Sprintf("sends %s to %s", w.showMessage(sent[i]), strings.Join(to, ", ")))
		i = j
	}
	return out
}

// showMessage renders a message in flight as the spec writes it:
// Accept{ballot: 4, value: 101}.
func (w *world) showMessage(e *envelope) string {
	name := w.kindName(e.kind)
	m, err := w.d.Decode(e.kind, e.payload)
	if err != nil {
		return name + "{?}"
	}
	var names []string
	if e.kind >= 1 && e.kind <= len(w.d.Messages) {
		names = w.d.Messages[e.kind-1].Fields
	}
	v := reflect.ValueOf(m)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return name + "{}"
	}
	parts := make([]string, 0, v.NumField())
	for i := 0; i < v.NumField(); i++ {
		label := runtime.FieldName(v.Type().Field(i))
		if i < len(names) {
			label = names[i]
		}
		parts = append(parts, label+": "+runtime.Show(v.Field(i).Interface()))
	}
	return name + "{" + strings.Join(parts, ", ") + "}"
}

// stateFields lists a process's state variables with their values. The
// generated state structs export exactly the spec's variables, in
// declaration order, each tagged with its name in the spec.
func stateFields(p runtime.Process) []field {
	v := reflect.ValueOf(p)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []field
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		out = append(out, field{runtime.FieldName(f), runtime.Show(v.Field(i).Interface())})
	}
	return out
}

// states shows every process's state, for a violation report.
func (w *world) states() []string {
	out := make([]string, len(w.procs))
	for r, p := range w.procs {
		s := runtime.Show(p)
		switch rs := &w.ranks[r]; {
		case rs.crashed:
			s += " (crashed)"
		case rs.halted:
			s += " (halted)"
		}
		out[r] = s
	}
	return out
}

// explainProperty asks the generated code why the named property is false.
func (w *world) explainProperty(name string) *runtime.Explanation {
	if w.inst.Explain == nil {
		return nil
	}
	for i, p := range w.d.Properties {
		if p.Name == name {
			w.publish()
			var ex *runtime.Explanation
			func() {
				defer func() { _ = recover() }()
				ex = w.inst.Explain(w.procs, i)
			}()
			return ex
		}
	}
	return nil
}
