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

// newSymmetry returns nil when there is nothing to reduce.
func newSymmetry(d *runtime.Descriptor, w *world) *symmetry {
	if !d.Permutable {
		return nil
	}
	sym := &symmetry{}
	for _, p := range d.Processes {
		if !p.Symmetric {
			continue
		}
		var ranks []int
		for r, proc := range w.procs {
			if proc.TypeName() == p.Name {
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

// canonical returns the representative of the state encoded in enc (the
// encoding of w), and the permutation that leads to it (nil: enc itself).
func (x *explorer) canonical(w *world, enc []byte, out []byte) ([]byte, []int) {
	x.symSegs = segments(w, enc, x.symSegs)
	segs := x.symSegs
	var perm []int
	for _, g := range x.sym.groups {
		order := append(x.symOrder[:0], g...)
		slices.SortStableFunc(order, func(a, b int) int {
			return bytes.Compare(enc[segs[a]:segs[a+1]], enc[segs[b]:segs[b+1]])
		})
		x.symOrder = order
		for i, old := range order {
			if old != g[i] {
				if perm == nil {
					perm = make([]int, len(w.ranks))
					for r := range perm {
						perm[r] = r
					}
				}
				perm[old] = g[i]
			}
		}
	}
	if perm == nil {
		return enc, nil
	}
	return x.encodePermuted(w, enc, segs, perm, out), perm
}

// encodePermuted encodes w with its ranks renamed by perm.
func (x *explorer) encodePermuted(w *world, enc []byte, segs []int, perm []int, b []byte) []byte {
	inv := make([]int, len(perm))
	for old, nu := range perm {
		inv[nu] = old
	}
	for nu := range w.ranks {
		old := inv[nu]
		start := segs[old]
		meta := x.metaLen(w, enc, segs, old)
		b = append(b, enc[start:start+meta]...)
		c := w.procs[old].Clone()
		c.(runtime.RankPermuter).PermuteRanks(perm)
		mark := len(b)
		b = append(b, 0, 0, 0, 0)
		b = c.EncodeState(b)
		binary.LittleEndian.PutUint32(b[mark:], uint32(len(b)-mark-4))
	}
	for i, v := range w.shared {
		if slices.Contains(x.sym.holds, i) {
			v = runtime.PermuteRank(perm, v)
		}
		b = binary.AppendVarint(b, v)
	}
	b = binary.AppendUvarint(b, uint64(w.faultsUsed))
	net := make([]*envelope, len(w.net))
	for i, e := range w.net {
		pe := *e
		pe.from, pe.to = perm[e.from], perm[e.to]
		pe.payload = x.permutePayload(e.kind, e.payload, perm)
		net[i] = &pe
	}
	net = x.sortNet(net)
	b = binary.AppendUvarint(b, uint64(len(net)))
	for _, e := range net {
		b = binary.AppendUvarint(b, uint64(e.from))
		b = binary.AppendUvarint(b, uint64(e.to))
		b = binary.AppendUvarint(b, uint64(e.kind))
		b = binary.AppendUvarint(b, uint64(len(e.payload)))
		b = append(b, e.payload...)
	}
	return b
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
	m, err := x.d.Decode(kind, payload)
	if err != nil {
		panic(fmt.Sprintf("symmetry: a message in flight does not decode: %v", err))
	}
	p, ok := m.(runtime.RankPermuter)
	if !ok {
		return payload
	}
	p.PermuteRanks(perm)
	return m.Encode(nil)
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
		kind := 0
		for _, m := range x.d.Messages {
			if m.Name == st.Msg {
				kind = m.Kind
			}
		}
		st.Payload = x.permutePayload(kind, st.Payload, inv)
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
