package sim

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/dsac-lang/dsac/runtime"
)

// Symmetry reduction. When the compiler has proved the ranks of a process
// type interchangeable (ProcessInfo.Symmetric) and generated the code that
// renames ranks inside states and messages (Descriptor.Permutable), states
// that differ only by a permutation of those ranks are equivalent: one of
// them violates a property exactly when the others do. The explorer then
// stores one representative per class it meets: the ranks of each
// symmetric type are sorted by their part of the encoding, and the whole
// state — process states, rank values inside them, messages in flight and
// their endpoints, shared counters that hold ranks — is renamed
// accordingly. The representative need not be unique for a class (equal
// keys keep their order), which costs reduction, never soundness.

// symmetry is what the explorer knows of an algorithm's symmetric ranks.
type symmetry struct {
	groups [][]int // the ranks of each symmetric type with two or more
	holds  []int   // shared counters that hold ranks
}

// newSymmetry returns nil when there is nothing to reduce. Ranks the
// faults name (a rank that may crash, a side of a partition) are told
// apart by them, so they keep their identity.
func newSymmetry(d *runtime.Descriptor, w *world, f *Faults) *symmetry {
	if !d.Permutable {
		return nil
	}
	named := map[int]bool{}
	for _, r := range append(append([]int{}, f.CrashAny...), f.RecoverAny...) {
		named[r] = true
	}
	for _, p := range f.Cuts {
		for _, r := range append(append([]int{}, p.A...), p.B...) {
			named[r] = true
		}
	}
	sym := &symmetry{}
	for _, p := range d.Processes {
		if !p.Symmetric {
			continue
		}
		var ranks []int
		for r, proc := range w.procs {
			if proc.TypeName() == p.Name && !named[r] {
				ranks = append(ranks, r)
			}
		}
		if len(ranks) >= 2 {
			sym.groups = append(sym.groups, ranks)
		}
	}
	if len(sym.groups) == 0 {
		return nil
	}
	for i, s := range d.Shared {
		if s.HoldsRanks {
			sym.holds = append(sym.holds, i)
		}
	}
	return sym
}

// segments finds each rank's part in a state encoding: out[r] .. out[r+1],
// and out[n] where the tail starts.
func segments(w *world, enc []byte, out []int) []int {
	out = out[:0]
	p := 0
	for r := range w.ranks {
		out = append(out, p)
		p++ // flags
		for range w.ranks[r].timers {
			p++ // timer flags
			_, k := binary.Uvarint(enc[p:])
			p += k
		}
		p += 4 + int(binary.LittleEndian.Uint32(enc[p:]))
	}
	return append(out, p)
}

// maxTieOrders bounds the orders of equal-keyed ranks tried to pick the
// smallest encoding.
const maxTieOrders = 24

// canonical returns the representative of the state encoded in enc (the
// encoding of w), and the permutation that leads to it (nil: enc itself).
// Ranks of a symmetric type are sorted by their own part of the state;
// ranks whose parts are equal are told apart by how the rest of the state
// refers to them, by trying their orders (up to maxTieOrders) and keeping
// the smallest encoding. The permutation is x's scratch, valid until the
// next call.
func (x *explorer) canonical(w *world, enc []byte, out []byte) ([]byte, []int) {
	x.symSegs = segments(w, enc, x.symSegs)
	segs := x.symSegs
	key := func(r int) []byte { return enc[segs[r]:segs[r+1]] }
	x.symBase = slices.Grow(x.symBase[:0], len(w.ranks))[:len(w.ranks)]
	base := x.symBase
	for r := range base {
		base[r] = r
	}
	var ties [][]int // runs of equal keys, as target positions
	for _, g := range x.sym.groups {
		x.symOrder = append(x.symOrder[:0], g...)
		order := x.symOrder
		slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(key(a), key(b)) })
		for i, old := range order {
			base[old] = g[i]
		}
		for i := 0; i < len(order); {
			j := i + 1
			for j < len(order) && bytes.Equal(key(order[j]), key(order[i])) {
				j++
			}
			if j-i > 1 {
				ties = append(ties, append([]int(nil), g[i:j]...))
			}
			i = j
		}
	}
	orders := 1
	for _, t := range ties {
		for k := 2; k <= len(t); k++ {
			orders *= k
		}
	}
	if len(ties) == 0 || orders > maxTieOrders {
		if isIdentity(base) {
			return enc, nil
		}
		return x.encodePermuted(w, enc, segs, base, out), base
	}
	// Try every order of the tied ranks: permute the targets within each run.
	var best []byte
	var bestPerm []int
	perm := append([]int(nil), base...)
	var try func(t int)
	try = func(t int) {
		if t == len(ties) {
			var cand []byte
			if isIdentity(perm) {
				cand = enc
			} else {
				cand = x.encodePermutedBelow(w, enc, segs, perm, nil, best)
			}
			if cand != nil && (best == nil || bytes.Compare(cand, best) < 0) {
				best, bestPerm = cand, append([]int(nil), perm...)
			}
			return
		}
		run := ties[t]
		// The ranks now sent to run's positions, in some order.
		var from []int
		for old, nu := range perm {
			if slices.Contains(run, nu) {
				from = append(from, old)
			}
		}
		permutations(len(run), func(p []int) {
			for i, old := range from {
				perm[old] = run[p[i]]
			}
			try(t + 1)
		})
	}
	try(0)
	if isIdentity(bestPerm) {
		return enc, nil
	}
	return append(out, best...), bestPerm
}

func isIdentity(p []int) bool {
	for i, v := range p {
		if v != i {
			return false
		}
	}
	return true
}

// permutations calls f with every permutation of 0..n-1 (Heap's algorithm).
func permutations(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	c := make([]int, n)
	f(p)
	for i := 0; i < n; {
		if c[i] < i {
			if i%2 == 0 {
				p[0], p[i] = p[i], p[0]
			} else {
				p[c[i]], p[i] = p[i], p[c[i]]
			}
			f(p)
			c[i]++
			i = 0
		} else {
			c[i] = 0
			i++
		}
	}
}

// encodePermuted encodes w with its ranks renamed by perm.
func (x *explorer) encodePermuted(w *world, enc []byte, segs []int, perm []int, b []byte) []byte {
	return x.encodePermutedBelow(w, enc, segs, perm, b, nil)
}

// encodePermutedBelow is encodePermuted, but gives up (returning nil) as
// soon as the encoding is known to sort after bound (when not nil).
func (x *explorer) encodePermutedBelow(w *world, enc []byte, segs []int, perm []int, b, bound []byte) []byte {
	start0 := len(b)
	above := func() bool {
		if bound == nil {
			return false
		}
		got := b[start0:]
		n := min(len(got), len(bound))
		c := bytes.Compare(got[:n], bound[:n])
		if c < 0 {
			bound = nil // below for good: stop comparing
		}
		return c > 0
	}
	x.symInv = slices.Grow(x.symInv[:0], len(perm))[:len(perm)]
	inv := x.symInv
	for old, nu := range perm {
		inv[nu] = old
	}
	for nu := range w.ranks {
		old := inv[nu]
		start := segs[old]
		meta := x.metaLen(w, enc, segs, old)
		b = append(b, enc[start:start+meta]...)
		c := x.permCopy(old, w.procs[old])
		c.(runtime.RankPermuter).PermuteRanks(perm)
		mark := len(b)
		b = append(b, 0, 0, 0, 0)
		b = c.EncodeState(b)
		binary.LittleEndian.PutUint32(b[mark:], uint32(len(b)-mark-4))
		if above() {
			return nil
		}
	}
	for i, v := range w.shared {
		if slices.Contains(x.sym.holds, i) {
			v = runtime.PermuteRank(perm, v)
		}
		b = binary.AppendVarint(b, v)
	}
	b = binary.AppendUvarint(b, uint64(w.faultsUsed))
	// The renamed messages, in x's scratch: appendNet copies them into b.
	x.symEnvs = slices.Grow(x.symEnvs[:0], len(w.net))[:len(w.net)]
	x.symNet = x.symNet[:0]
	x.symPayloads = x.symPayloads[:0]
	for i, e := range w.net {
		pe := &x.symEnvs[i]
		*pe = *e
		pe.from, pe.to, pe.enc = perm[e.from], perm[e.to], nil
		pe.payload, x.symPayloads = x.permutePayloadInto(e.kind, e.payload, perm, x.symPayloads)
		x.symNet = append(x.symNet, pe)
	}
	return appendNet(b, x.sortNet(x.symNet))
}

// permCopy returns a copy of rank r's process p to rename ranks in: made
// in a process kept for it per rank, whose collections PermuteRanks left
// (it replaces those it renames), so that a copy mostly allocates nothing.
func (x *explorer) permCopy(r int, p runtime.Process) runtime.Process {
	sc, ok := p.(runtime.StateCopier)
	if !ok || x.base == nil {
		return p.Clone()
	}
	if x.permScratch == nil {
		x.permScratch = make([]runtime.Process, len(x.base))
	}
	dst := x.permScratch[r]
	if dst == nil {
		dst = x.base[r].Clone()
		x.permScratch[r] = dst
	}
	sc.CopyStateTo(dst)
	return dst
}

// metaLen is the length of rank r's flags and timers in enc.
func (x *explorer) metaLen(w *world, enc []byte, segs []int, r int) int {
	p := segs[r] + 1
	for range w.ranks[r].timers {
		p++
		_, k := binary.Uvarint(enc[p:])
		p += k
	}
	return p - segs[r]
}

// permutePayload renames the ranks inside a message's payload.
func (x *explorer) permutePayload(kind int, payload []byte, perm []int) []byte {
	out, _ := x.permutePayloadInto(kind, payload, perm, nil)
	return out
}

// permutePayloadInto is permutePayload writing the renamed payload at the
// end of buf; it returns the payload and buf grown by it. (A buf that
// grows moves, but the payloads before stay where they were.)
func (x *explorer) permutePayloadInto(kind int, payload []byte, perm []int, buf []byte) (_, _ []byte) {
	m, err := x.d.Decode(kind, payload)
	if err != nil {
		panic(fmt.Sprintf("symmetry: a message in flight does not decode: %v", err))
	}
	p, ok := m.(runtime.RankPermuter)
	if !ok {
		return payload, buf
	}
	p.PermuteRanks(perm)
	n := len(buf)
	buf = m.Encode(buf)
	return buf[n:len(buf):len(buf)], buf
}

// translate turns a step taken in a renamed world (frame: the renaming
// from the real ranks) back into the real ranks.
func (x *explorer) translate(st Step, frame []int) Step {
	if frame == nil {
		return st
	}
	inv := make([]int, len(frame))
	for real, nu := range frame {
		inv[nu] = real
	}
	st.Rank = inv[st.Rank]
	switch st.Kind {
	case actDeliver, actDrop, actDup:
		st.From = inv[st.From]
		st.Payload = x.permutePayload(kindOf(x.d, st.Msg), st.Payload, inv)
	}
	return st
}

// compose returns the renaming p after frame.
func compose(p, frame []int) []int {
	if p == nil {
		return frame
	}
	if frame == nil {
		return p
	}
	out := make([]int, len(frame))
	for r := range frame {
		out[r] = p[frame[r]]
	}
	return out
}
