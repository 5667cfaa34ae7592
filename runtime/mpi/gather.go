package mpi

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// part is what one rank contributes to the result: rank 0 gathers the
// parts of every rank (MPI_Gatherv of their JSON) and assembles the Result.
type part struct {
	Rank    int                           `json:"rank"`
	Type    string                        `json:"type"`
	Halted  bool                          `json:"halted"`
	Failure string                        `json:"failure,omitempty"`
	Crashed bool                          `json:"crashed,omitempty"`
	CrashAt time.Duration                 `json:"crash_at_ns,omitempty"`
	Outputs []runtime.Output              `json:"outputs"`
	Shown   [][]string                    `json:"shown,omitempty"` // per output, its arguments shown (see showArgs)
	State   []byte                        `json:"state"`
	Step    int64                         `json:"step"`
	Shared  int64                         `json:"shared_ops"`
	Stats   runtime.ProcessStats          `json:"stats"`
	ByKind  map[string]*runtime.KindStats `json:"by_kind"`
}

// part returns this rank's part, JSON-encoded.
func (nd *node) part() []byte {
	p := part{
		Rank:    nd.rank,
		Type:    nd.proc.TypeName(),
		Halted:  nd.halted,
		Crashed: nd.crashed,
		CrashAt: nd.crashAt,
		Outputs: nd.outputs,
		State:   nd.encodeState(),
		Step:    nd.step,
		Shared:  nd.stats.sharedOps,
		Stats: runtime.ProcessStats{
			Process:       nd.rank,
			Sent:          nd.stats.sent,
			SentBytes:     nd.stats.sentBytes,
			Received:      nd.stats.received,
			ReceivedBytes: nd.stats.receivedBytes,
		},
		ByKind: map[string]*runtime.KindStats{},
	}
	p.Failure = nd.failure // after encodeState, which may fail
	p.Shown = showArgs(p.Outputs)
	for _, kc := range nd.stats.kinds {
		runtime.AddKind(p.ByKind, kc.name, kc.messages, kc.bytes)
	}
	b, err := json.Marshal(p)
	if err != nil {
		// An output argument JSON cannot carry: send its text instead, so
		// the run still reports everything else.
		for i := range p.Outputs {
			for j, a := range p.Outputs[i].Args {
				p.Outputs[i].Args[j] = fmt.Sprint(a)
			}
		}
		b, _ = json.Marshal(p)
	}
	return b
}

// encodeState encodes the process state, recovering from a panicking
// encoder so that the gather (a collective every rank must join) happens.
func (nd *node) encodeState() (b []byte) {
	defer func() {
		if v := recover(); v != nil {
			nd.fail(fmt.Sprintf("%s: encoding state: %v", nd.who(), v))
			b = nil
		}
	}()
	return nd.proc.EncodeState(nil)
}

// decodePart decodes a gathered part. Numbers in output arguments come
// back as int64 (float64 if not integral), as handlers recorded them.
func decodePart(b []byte) (*part, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	p := &part{}
	if err := dec.Decode(p); err != nil {
		return nil, err
	}
	var raw struct {
		Outputs []struct{ Args []json.RawMessage } `json:"outputs"`
	}
	if p.Shown != nil {
		if err := json.Unmarshal(b, &raw); err != nil {
			return nil, err
		}
	}
	for i := range p.Outputs {
		for j, a := range p.Outputs[i].Args {
			p.Outputs[i].Args[j] = normalize(a)
			if i < len(p.Shown) && j < len(p.Shown[i]) && p.Shown[i][j] != "" {
				p.Outputs[i].Args[j] = asShown(p.Outputs[i].Args[j], p.Shown[i][j], raw.Outputs[i].Args[j])
			}
		}
		if p.Outputs[i].Args == nil {
			p.Outputs[i].Args = []any{}
		}
	}
	if p.Outputs == nil {
		p.Outputs = []runtime.Output{}
	}
	return p, nil
}

// showArgs renders the output arguments that are not plain scalars in the
// language's syntax (runtime.Show), for rank 0 to show them as the rank
// that recorded them would: JSON turns a record into a map with quoted
// keys, a set into a list and a map's keys into strings. It is nil when
// every argument is a scalar.
func showArgs(outs []runtime.Output) [][]string {
	var shown [][]string
	for i, o := range outs {
		for j, a := range o.Args {
			switch a.(type) {
			case nil, bool, int64, string, float64:
				continue
			}
			if shown == nil {
				shown = make([][]string, len(outs))
			}
			if shown[i] == nil {
				shown[i] = make([]string, len(o.Args))
			}
			shown[i][j] = runtime.Show(a)
		}
	}
	return shown
}

// asShown is a gathered argument v, which the rank that recorded it showed
// as text and encoded as raw: v itself if it shows so, else a value that
// shows as text and encodes to JSON as raw, fields in their order.
func asShown(v any, text string, raw json.RawMessage) any {
	if runtime.Show(v) == text {
		return v
	}
	return shown{text, raw}
}

// shown is an output argument that JSON could not carry with its type.
type shown struct {
	text string
	raw  json.RawMessage
}

func (s shown) String() string               { return s.text }
func (s shown) MarshalJSON() ([]byte, error) { return s.raw, nil }

func normalize(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = normalize(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = normalize(v[k])
		}
	}
	return v
}

// summary is what every rank knows of the run without the gather.
type summary struct {
	d       *runtime.Descriptor
	inst    *runtime.Instance
	n       int
	seed    int64
	end     runtime.EndReason
	elapsed time.Duration
	timeout time.Duration // the run's deadline: checking the properties keeps to it
}

// assemble builds the whole Result on rank 0 from every rank's part, in
// rank order. The final states are decoded into the processes of rank 0's
// own instance (its own process is the live one) and checked there.
func assemble(s summary, raw [][]byte) *runtime.Result {
	res := newResult(s)
	res.Outputs = make([]runtime.ProcessOutputs, s.n)
	res.Metrics.ByProcess = make([]runtime.ProcessStats, s.n)
	procs := s.inst.Procs
	statesOK := true
	for r, b := range raw {
		p, err := decodePart(b)
		if err != nil {
			res.Error = runtime.JoinErrors(res.Error, fmt.Sprintf("rank %d: bad result part: %v", r, err))
			res.End, statesOK = runtime.EndError, false
			continue
		}
		res.Outputs[r] = runtime.ProcessOutputs{Process: r, Type: p.Type, Halted: p.Halted, Events: p.Outputs}
		if p.Failure != "" {
			res.Error = runtime.JoinErrors(res.Error, p.Failure)
		}
		addCrash(res, p)
		s.inst.SetDown(r, p.Crashed) // a crashed rank stays down: MPI has no recovery
		addMetrics(&res.Metrics, p)
		if r != 0 {
			if err := procs[r].DecodeState(p.State); err != nil {
				res.Error = runtime.JoinErrors(res.Error, fmt.Sprintf("rank %d: decoding final state: %v", r, err))
				res.End, statesOK = runtime.EndError, false
			}
		}
	}
	slices.SortStableFunc(res.Faults, func(a, b runtime.FaultEvent) int { return cmp.Compare(a.At, b.At) })
	if statesOK {
		res.CheckPropertiesWithin(s.inst, s.inst.Procs, s.d.Properties, s.timeout-s.elapsed)
	} else {
		res.Properties = []runtime.PropertyResult{}
	}
	return res
}

// own builds the Result of a rank other than 0 from its part: the run's
// summary and this rank's own outputs and metrics only.
func own(s summary, mine []byte) *runtime.Result {
	res := newResult(s)
	p, err := decodePart(mine)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.Error = p.Failure
	addCrash(res, p)
	res.Outputs = []runtime.ProcessOutputs{{Process: p.Rank, Type: p.Type, Halted: p.Halted, Events: p.Outputs}}
	addMetrics(&res.Metrics, p)
	res.Metrics.ByProcess = []runtime.ProcessStats{p.Stats}
	res.Properties = []runtime.PropertyResult{}
	return res
}

func newResult(s summary) *runtime.Result {
	return &runtime.Result{
		Algorithm: s.d.Name,
		Backend:   Name,
		N:         s.n,
		Seed:      s.seed,
		Params:    s.inst.Params,
		End:       s.end,
		Elapsed:   s.elapsed,
		Metrics:   runtime.Metrics{ByKind: map[string]*runtime.KindStats{}},
	}
}

// addCrash lists the crash fault of a rank that crashed in res.Faults, as
// the simulator lists the faults it injects.
func addCrash(res *runtime.Result, p *part) {
	if p.Crashed {
		res.Faults = append(res.Faults, runtime.FaultEvent{Kind: "crash", From: p.Rank, To: -1, At: p.CrashAt})
	}
}

// addMetrics adds one rank's counters to m.
func addMetrics(m *runtime.Metrics, p *part) {
	m.Messages += p.Stats.Sent
	m.Bytes += p.Stats.SentBytes
	m.Steps = max(m.Steps, p.Step)
	m.SharedOps += p.Shared
	if p.Rank >= 0 && p.Rank < len(m.ByProcess) {
		m.ByProcess[p.Rank] = p.Stats
	}
	for name, ks := range p.ByKind {
		runtime.AddKind(m.ByKind, name, ks.Messages, ks.Bytes)
	}
}
