package channel

import (
	"fmt"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// result assembles the Result once every goroutine has stopped.
func (r *run) result(inst *runtime.Instance, seed int64, stuck []int) *runtime.Result {
	res := &runtime.Result{
		Algorithm: r.d.Name,
		Backend:   Name,
		N:         r.n,
		Seed:      seed,
		Params:    inst.Params,
		End:       r.end,
		Error:     r.errMsg,
		Elapsed:   r.endAt,
	}
	if len(stuck) > 0 {
		// Their handlers still run: reading any process state would race,
		// so the result holds only what is known for sure.
		res.End = runtime.EndError
		res.Error = runtime.JoinErrors(res.Error, fmt.Sprintf("processes %v still in a handler %v after the run ended", stuck, stopGrace))
		return res
	}
	res.Outputs = make([]runtime.ProcessOutputs, r.n)
	for i, p := range r.procs {
		res.Outputs[i] = runtime.ProcessOutputs{
			Process: i,
			Type:    p.proc.TypeName(),
			Halted:  p.halted,
			Events:  p.outputs.events(),
		}
	}
	res.Metrics = r.metrics()
	r.storeShared(inst)
	ps := make([]runtime.Process, len(r.procs))
	for i, p := range r.procs {
		ps[i] = p.proc
	}
	res.CheckPropertiesWithin(inst, ps, r.d.Properties, r.timeout-time.Since(r.start))
	return res
}
