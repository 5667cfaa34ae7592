package sim

import (
	"fmt"
	"hash/maphash"

	"github.com/dsac-lang/dsac/runtime"
)

// Liveness under weak fairness. An eventually-property P is violated by a
// run on which P never holds: one that ends in a terminal state where P is
// false (the safety search finds those), or an infinite one, which in a
// finite state space is a lasso — a path to a cycle it can repeat forever,
// P false all along. Such a cycle counts only if it is weakly fair: every
// delivery, timer or start that stays enabled all around it is taken
// somewhere on it (an asynchronous system may delay a message, not forget
// it). Faults are never owed.
//
// The search: the states reachable from the initial state through states
// where P is false, with the edges between them, split into strongly
// connected components (Tarjan). A component C hides a fair cycle exactly
// when every fair action enabled in all of C's states labels an edge
// inside C; a cycle through all of C's states and edges is then fair.

// DefaultMaxLivenessStates bounds the graph the liveness search keeps.
const DefaultMaxLivenessStates = 500_000

// lnode is a state of the liveness graph.
type lnode struct {
	enc      []byte
	index    int
	low      int
	onStack  bool
	edges    []ledge
	enabled  map[sleeper]bool // fair actions enabled here (by the identity sleep sets use)
	parent   int              // the tree edge that reached it: node, and edge index there
	parentEd int
}

// ledge is a step between two states where P is false.
type ledge struct {
	to    int
	label sleeper // the action's identity, for fairness
	fair  bool    // a delivery, timer or start (a fault is never owed)
	step  Step
}

// liveness looks for a fair lasso on which eventually-property prop stays
// false, and returns it as a schedule (nil if there is none).
func (x *explorer) liveness(prop int) (*Schedule, error) {
	name := x.d.Properties[prop].Name
	w, wx, err := x.newWorker()
	if err != nil {
		return nil, err
	}
	rootEnc, err := x.root2(w)
	if err != nil {
		return nil, err
	}
	// The search keeps to the run's deadline, its checks too.
	w.stopChecks(x.deadline, x.done)
	holds := func() (bool, error) { return w.holds(prop) }
	if err := wx.decodeState(w, rootEnc); err != nil {
		return nil, err
	}
	if ok, err := holds(); err != nil || ok {
		return nil, err
	}

	ids := map[uint64]int{}
	var nodes []*lnode
	add := func(enc []byte) (int, bool) {
		fp := maphash.Bytes(x.seed, enc)
		if id, ok := ids[fp]; ok {
			return id, false
		}
		id := len(nodes)
		ids[fp] = id
		nodes = append(nodes, &lnode{enc: enc, index: -1, parent: -1})
		return id, true
	}
	// expandNode fills a node's edges and enabled fair actions.
	c := wx.searchCtx(w)
	expandNode := func(id int) error {
		nd := nodes[id]
		if err := wx.decodeState(w, nd.enc); err != nil {
			return err
		}
		wx.save(w)
		acts, _, _ := wx.actions(w, nil)
		nd.enabled = map[sleeper]bool{}
		for _, a := range acts {
			if l, fair := wx.sleepLabel(w, a); fair {
				nd.enabled[l] = true
			}
		}
		for _, a := range acts {
			label, fair := wx.sleepLabel(w, a)
			c.choices.begin()
			for {
				wx.saveRank(w, a)
				wx.detachRestart(w, a)
				st, err := w.takeRecorded(a, c)
				if err == nil {
					w.discardDead()
					ok, herr := holds()
					if herr != nil {
						return herr
					}
					if !ok {
						to, _ := add(wx.encodeSuccessor(w, nd.enc, a, nil))
						nd.edges = append(nd.edges, ledge{to: to, label: label, fair: fair, step: st})
					}
				}
				wx.restore(w, a)
				if !c.choices.advance() {
					break
				}
			}
		}
		return nil
	}

	// Tarjan, iteratively.
	root, _ := add(rootEnc)
	index := 0
	var stack []int
	type frame struct{ id, next int }
	var call []frame
	visit := func(id int) error {
		nd := nodes[id]
		nd.index, nd.low = index, index
		index++
		stack = append(stack, id)
		nd.onStack = true
		call = append(call, frame{id: id})
		return expandNode(id)
	}
	if err := visit(root); err != nil {
		return nil, err
	}
	for steps := 0; len(call) > 0; steps++ {
		if x.stop.Load() {
			return nil, nil
		}
		if steps&63 == 0 && x.pastDeadline() {
			return nil, runtime.ErrStopped
		}
		if len(nodes) > DefaultMaxLivenessStates {
			x.bound(fmt.Sprintf("liveness of %s checked on %d states only", name, DefaultMaxLivenessStates))
			return nil, nil
		}
		f := &call[len(call)-1]
		nd := nodes[f.id]
		if f.next < len(nd.edges) {
			e := nd.edges[f.next]
			f.next++
			to := nodes[e.to]
			if to.index < 0 {
				to.parent, to.parentEd = f.id, f.next-1
				if err := visit(e.to); err != nil {
					return nil, err
				}
			} else if to.onStack {
				nd.low = min(nd.low, to.index)
			}
			continue
		}
		call = call[:len(call)-1]
		if len(call) > 0 {
			p := nodes[call[len(call)-1].id]
			p.low = min(p.low, nd.low)
		}
		if nd.low != nd.index {
			continue
		}
		var comp []int
		for {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			nodes[top].onStack = false
			comp = append(comp, top)
			if top == f.id {
				break
			}
		}
		if s := x.fairCycle(nodes, comp); s != nil {
			s.Property, s.Kind = name, string(runtime.Eventually)
			return s, nil
		}
	}
	return nil, nil
}

// fairCycle returns a lasso through component comp if it hides a fair
// cycle: a path from the initial state to comp, then a cycle that takes
// every edge inside comp.
func (x *explorer) fairCycle(nodes []*lnode, comp []int) *Schedule {
	in := map[int]bool{}
	for _, id := range comp {
		in[id] = true
	}
	taken := map[sleeper]bool{}
	internal := 0
	for _, id := range comp {
		for _, e := range nodes[id].edges {
			if in[e.to] {
				internal++
				if e.fair {
					taken[e.label] = true
				}
			}
		}
	}
	if internal == 0 {
		return nil // a single state without a self-loop: no cycle
	}
	// Every fair action enabled in every state of comp must be taken in it.
	for l := range nodes[comp[0]].enabled {
		always := true
		for _, id := range comp[1:] {
			if !nodes[id].enabled[l] {
				always = false
				break
			}
		}
		if always && !taken[l] {
			return nil
		}
	}
	// The stem: tree edges from the root to the component's first node.
	start := comp[len(comp)-1] // the component's root in Tarjan's order: reached first
	var stem []Step
	for id := start; nodes[id].parent >= 0; id = nodes[id].parent {
		p := nodes[nodes[id].parent]
		stem = append(stem, p.edges[nodes[id].parentEd].step)
	}
	for i, j := 0, len(stem)-1; i < j; i, j = i+1, j-1 {
		stem[i], stem[j] = stem[j], stem[i]
	}
	// The cycle: from start, take every internal edge once (a walk that
	// covers the component's edges, by repeated shortest paths), then
	// return to start.
	cycle := coverEdges(nodes, in, start)
	s := &Schedule{Algorithm: x.d.Name, Source: x.d.Source, N: x.cfg.N, Params: x.cfg.Params, Mode: "explore",
		Faults: x.faults.Flags()}
	if s.Params == nil {
		s.Params = map[string]string{}
	}
	s.Steps = append(append(append([]Step(nil), x.rootSteps...), stem...), cycle...)
	s.Lasso = len(x.rootSteps) + len(stem) + 1
	return s
}

// coverEdges returns a closed walk from start inside the component that
// takes every edge of it at least once.
func coverEdges(nodes []*lnode, in map[int]bool, start int) []Step {
	type key struct{ from, ed int }
	done := map[key]bool{}
	var walk []Step
	cur := start
	// path returns the shortest edge path inside the component from a to a
	// node satisfying goal.
	path := func(a int, goal func(int) bool) []key {
		prev := map[int]key{}
		seen := map[int]bool{a: true}
		queue := []int{a}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if n != a && goal(n) {
				var p []key
				for m := n; m != a; {
					k := prev[m]
					p = append(p, k)
					m = k.from
				}
				for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
					p[i], p[j] = p[j], p[i]
				}
				return p
			}
			for i, e := range nodes[n].edges {
				if in[e.to] && !seen[e.to] {
					seen[e.to] = true
					prev[e.to] = key{n, i}
					queue = append(queue, e.to)
				}
			}
		}
		return nil
	}
	take := func(k key) {
		done[k] = true
		walk = append(walk, nodes[k.from].edges[k.ed].step)
		cur = nodes[k.from].edges[k.ed].to
	}
	for {
		// An untaken edge from here, else go to a node that has one.
		next := key{-1, -1}
		for i, e := range nodes[cur].edges {
			if in[e.to] && !done[key{cur, i}] {
				next = key{cur, i}
				break
			}
		}
		if next.from >= 0 {
			take(next)
			continue
		}
		hasUntaken := func(n int) bool {
			for i, e := range nodes[n].edges {
				if in[e.to] && !done[key{n, i}] {
					return true
				}
			}
			return false
		}
		p := path(cur, hasUntaken)
		if p == nil {
			break
		}
		for _, k := range p {
			take(k)
		}
	}
	if cur != start {
		for _, k := range path(cur, func(n int) bool { return n == start }) {
			take(k)
		}
	}
	return walk
}
