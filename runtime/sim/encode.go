package sim

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"

	"github.com/dsac-lang/dsac/runtime"
)

// The explorer's encoding of a global state: every process's flags, timers
// and state variables, the shared counters, the messages in flight and the
// faults used so far. Equal states have equal encodings (maps and sets
// encode in key order; the network in a canonical order), so the encoding
// is what the explorer fingerprints, and it is compact enough to queue.
//
// The network's canonical order: messages sorted by sender and receiver;
// within a pair, in sending order when delivery is FIFO (their order
// matters) and by content under --reorder (it does not).

// encodeState appends the encoding of w to b.
func (x *explorer) encodeState(w *world, b []byte) []byte {
	for r := range w.ranks {
		b = x.encodeRank(w, r, b)
	}
	return x.encodeTail(w, b)
}

// encodeRank appends rank r's part of the encoding: its flags, its timers
// and its state variables.
func (x *explorer) encodeRank(w *world, r int, b []byte) []byte {
	b = x.encodeMeta(w, r, b)
	mark := len(b)
	b = append(b, 0, 0, 0, 0) // the state's length, filled in below
	b = w.procs[r].EncodeState(b)
	binary.LittleEndian.PutUint32(b[mark:], uint32(len(b)-mark-4))
	return b
}

// encodeMeta appends rank r's flags and timers.
func (x *explorer) encodeMeta(w *world, r int, b []byte) []byte {
	rs := &w.ranks[r]
	var flags byte
	if rs.started {
		flags |= 1
	}
	if rs.crashed {
		flags |= 2
	}
	if rs.halted {
		flags |= 4
	}
	b = append(b, flags)
	for _, t := range rs.timers {
		var tf byte
		if t.armed {
			tf |= 1
		}
		if t.periodic {
			tf |= 2
		}
		b = append(b, tf)
		b = binary.AppendUvarint(b, uint64(t.fires))
	}
	return b
}

// encodeTail appends what follows the ranks: the shared counters, the
// faults used and the network.
func (x *explorer) encodeTail(w *world, b []byte) []byte {
	for _, v := range w.shared {
		b = binary.AppendVarint(b, v)
	}
	b = binary.AppendUvarint(b, uint64(w.faultsUsed))
	return x.appendNet(w, b)
}

// appendNet appends w's messages in flight in canonical order. Those
// decoded from the state being expanded are in that order already, and
// their encodings are copied as they are: only the messages the step sent
// are sorted, and merged in.
func (x *explorer) appendNet(w *world, b []byte) []byte {
	fresh := x.freshScratch[:0]
	for _, e := range w.net {
		if !w.decoded(e) {
			fresh = append(fresh, e)
		}
	}
	x.freshScratch = fresh
	if len(fresh) == len(w.net) {
		return appendNet(b, x.sortNet(w.net))
	}
	cmp := cmpPair
	if x.faults.Reorder {
		cmp = cmpContent
	}
	// Stable (sending order) for equal pairs: an insertion sort, as steps
	// send few messages.
	for i := 1; i < len(fresh); i++ {
		for j := i; j > 0 && cmp(fresh[j-1], fresh[j]) > 0; j-- {
			fresh[j-1], fresh[j] = fresh[j], fresh[j-1]
		}
	}
	b = binary.AppendUvarint(b, uint64(len(w.net)))
	j := 0
	for _, e := range w.net {
		if !w.decoded(e) {
			continue
		}
		// A message sent by the step comes after those of its pair sent
		// before it (FIFO); under --reorder equal keys are equal bytes.
		for j < len(fresh) && cmp(fresh[j], e) < 0 {
			b = appendEnvelope(b, fresh[j])
			j++
		}
		b = append(b, e.enc...)
	}
	for ; j < len(fresh); j++ {
		b = appendEnvelope(b, fresh[j])
	}
	return b
}

// appendNet appends the messages in flight, in the order given.
func appendNet(b []byte, net []*envelope) []byte {
	b = binary.AppendUvarint(b, uint64(len(net)))
	for _, e := range net {
		b = appendEnvelope(b, e)
	}
	return b
}

// appendEnvelope appends one message in flight.
func appendEnvelope(b []byte, e *envelope) []byte {
	b = binary.AppendUvarint(b, uint64(e.from))
	b = binary.AppendUvarint(b, uint64(e.to))
	b = binary.AppendUvarint(b, uint64(e.kind))
	b = binary.AppendUvarint(b, uint64(len(e.payload)))
	return append(b, e.payload...)
}

// sortNet returns the network in canonical order (in x's scratch slice).
func (x *explorer) sortNet(net []*envelope) []*envelope {
	x.netScratch = append(x.netScratch[:0], net...)
	s := x.netScratch
	if x.faults.Reorder {
		slices.SortFunc(s, cmpContent)
	} else {
		slices.SortStableFunc(s, cmpPair)
	}
	return s
}

func cmpPair(a, b *envelope) int {
	if a.from != b.from {
		return a.from - b.from
	}
	return a.to - b.to
}

// cmpContent is the order of messages under --reorder: by pair, then
// content.
func cmpContent(a, b *envelope) int {
	if c := cmpPair(a, b); c != 0 {
		return c
	}
	if a.kind != b.kind {
		return a.kind - b.kind
	}
	return bytes.Compare(a.payload, b.payload)
}

// decodeState sets w to the state encoded in b. The processes of w keep
// their identity (rank, environment); only their variables are replaced.
func (x *explorer) decodeState(w *world, b []byte) error {
	fail := func() error { return fmt.Errorf("corrupt state encoding") }
	whole := len(b)
	x.segs = x.segs[:0]
	x.stateAt = x.stateAt[:0]
	for r := range w.ranks {
		x.segs = append(x.segs, whole-len(b))
		rs := &w.ranks[r]
		if len(b) < 1 {
			return fail()
		}
		flags := b[0]
		b = b[1:]
		rs.started, rs.crashed, rs.halted = flags&1 != 0, flags&2 != 0, flags&4 != 0
		for t := range rs.timers {
			if len(b) < 1 {
				return fail()
			}
			tf := b[0]
			fires, k := binary.Uvarint(b[1:])
			if k <= 0 {
				return fail()
			}
			b = b[1+k:]
			rs.timers[t] = timerState{armed: tf&1 != 0, periodic: tf&2 != 0, fires: int(fires)}
			rs.outputs = rs.outputs[:0]
		}
		if len(b) < 4 {
			return fail()
		}
		x.stateAt = append(x.stateAt, whole-len(b))
		size := int(binary.LittleEndian.Uint32(b))
		if len(b) < 4+size {
			return fail()
		}
		if err := x.decodeProc(w, r, b[4:4+size]); err != nil {
			return err
		}
		b = b[4+size:]
	}
	x.segs = append(x.segs, whole-len(b))
	for i := range w.shared {
		v, k := binary.Varint(b)
		if k <= 0 {
			return fail()
		}
		w.shared[i] = v
		b = b[k:]
	}
	used, k := binary.Uvarint(b)
	if k <= 0 {
		return fail()
	}
	w.faultsUsed = int(used)
	b = b[k:]
	count, k := binary.Uvarint(b)
	if k <= 0 {
		return fail()
	}
	b = b[k:]
	clear(w.net)
	w.net = w.net[:0]
	w.net0.reset()
	w.decodedFrom = w.nextID
	for i := uint64(0); i < count; i++ {
		start := b
		var f [4]uint64
		if len(b) >= 4 && (b[0]|b[1]|b[2]|b[3])&0x80 == 0 {
			// Ranks, kind and length under 128: a byte each.
			f = [4]uint64{uint64(b[0]), uint64(b[1]), uint64(b[2]), uint64(b[3])}
			b = b[4:]
		} else {
			for j := range f {
				v, k := binary.Uvarint(b)
				if k <= 0 {
					return fail()
				}
				f[j] = v
				b = b[k:]
			}
		}
		if uint64(len(b)) < f[3] {
			return fail()
		}
		e := w.net0.envelope()
		payload := b[:f[3]:f[3]]
		b = b[f[3]:]
		enc := start[: len(start)-len(b) : len(start)-len(b)]
		*e = envelope{id: w.nextID, from: int(f[0]), to: int(f[1]), kind: int(f[2]), payload: payload, enc: enc}
		w.nextID++
		w.net = append(w.net, e)
	}
	w.decodedTo = w.nextID
	return nil
}

// Decoded processes are cached per worker, by rank and encoded state: the
// same process states recur in many global states, and decoding one (maps
// and sets rebuilt from bytes) is costly. A cached process is shared and
// never changed: a step that changes the acting process runs on a copy of
// its own (detach), and going back is putting the cached one back.

// procKey identifies a decoded process: its state's hash, with its rank
// mixed in (one word: the map's fast path). The entry keeps the rank too,
// so that processes of two ranks never stand for each other.
func procKey(seed maphash.Seed, r int, b []byte) uint64 {
	return maphash.Bytes(seed, b) ^ uint64(r+1)*0x9e3779b97f4a7c15
}

// cachedProc is an entry of the cache: the processes sit in a slice, the
// map holds their index, so that detachRunning replaces one in place.
type cachedProc struct {
	rank int
	p    runtime.Process
}

// procCacheSize bounds the cache of each worker; it is emptied when full.
const procCacheSize = 1 << 12

// decodeProc sets rank r of w to the process whose state is encoded in b.
// States are expanded in batches of siblings, which mostly share a rank's
// state with the state expanded before: then w has that process already.
func (x *explorer) decodeProc(w *world, r int, b []byte) error {
	if last := x.lastState[r]; last != nil && string(last) == string(b) {
		return nil
	}
	x.lastState[r] = nil // until decoded
	key := procKey(x.seed, r, b)
	if i, ok := x.procCache[key]; ok && x.cached[i].rank == r {
		x.slot[r] = i
		w.procs[r] = x.cached[i].p
		x.lastState[r] = b
		return nil
	}
	p := x.base[r].Clone()
	if err := p.DecodeState(b); err != nil {
		return err
	}
	if len(x.procCache) >= procCacheSize {
		clear(x.procCache)
		clear(x.cached)
		x.cached = x.cached[:0]
	}
	x.slot[r] = len(x.cached)
	x.procCache[key] = len(x.cached)
	x.cached = append(x.cached, cachedProc{r, p})
	w.procs[r] = p
	x.lastState[r] = b
	return nil
}

// detach gives the process that step a changes a copy of its own before
// the step, so that the shared decoded one stays as it is. The search
// does not call it for the events of handlers: it copies a process only
// when a handler runs (detachRunning), as most events a guard refuses.
func (x *explorer) detach(w *world, a action) {
	if r := changes(a); r >= 0 && a.kind != actCrash {
		w.procs[r] = x.copyProc(r, w.procs[r], -1)
		x.owned = true
		x.lastState[r] = nil // w.procs[r] is about to change
	}
}

// detachRestart is detach for the steps that change the process outside
// a handler: a recovery's Restart. The search and the liveness search call
// it; their stepCtx calls detachRunning for handlers (see searchCtx).
func (x *explorer) detachRestart(w *world, a action) {
	if a.kind == actRecover {
		x.detach(w, a)
	}
}

// searchCtx is the stepCtx of a worker of the search: random() values are
// enumerated, and a process is copied when a handler runs on it.
func (x *explorer) searchCtx(w *world) *stepCtx {
	return &stepCtx{w: w, mode: randChoice, choices: newOdometer(int64(x.cfg.MaxBranch)),
		detach: func(r, h int) { x.detachRunning(w, r, h) }, quiet: true}
}

// detachRunning is called when a handler of rank r is about to run on
// w.procs[r], the shared decoded process: the step goes on with that one,
// which becomes the step's own, and a copy takes its place as the
// parent's (in the cache and for restore). The copy shares with the step's
// process the collections handler h leaves alone (restore unshares them).
func (x *explorer) detachRunning(w *world, r, h int) {
	if x.owned {
		return
	}
	p := w.procs[r]
	cp := x.copyProc(r, p, h)
	x.savedProcs[r] = cp
	if i := x.slot[r]; i < len(x.cached) && x.cached[i].p == p {
		x.cached[i].p = cp
	}
	x.owned = true
}

// copyProc returns a copy of rank r's process p, made in the one the last
// step left behind when there is one. With h >= 0, a step is to run
// handler h on p: the copy shares the collections h does not mention
// (runtime.HandlerCopier), and x.shared notes h for restore.
func (x *explorer) copyProc(r int, p runtime.Process, h int) runtime.Process {
	sc, ok := p.(runtime.StateCopier)
	if !ok {
		return p.Clone()
	}
	dst := x.spare[r]
	x.spare[r] = nil
	if dst == nil {
		dst = x.base[r].Clone()
	}
	if hc, ok := p.(runtime.HandlerCopier); ok && h >= 0 {
		hc.CopyStateFor(dst, h)
		x.shared = h
		return dst
	}
	sc.CopyStateTo(dst)
	return dst
}
