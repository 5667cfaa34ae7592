package spec

import (
	"github.com/dsac-lang/dsac/parser"
)

// Shared is a shared primitive: one object that every process reads and
// updates atomically (`shared counter epoch = 0`). Backends keep it where
// they can make the operations atomic: atomics in one process, an RMA
// window under MPI.
type Shared struct {
	Name  string
	Kind  string      // "counter"
	Index int         // position in Algorithm.Shared: the id backends use
	Init  parser.Expr // nil: 0
	Decl  *parser.SharedDecl

	// HoldsRanks says that the counter may hold a rank of a symmetric
	// process type (counter.dsa's leader: compare_and_swap(-1, self)).
	// Set by the symmetry analysis.
	HoldsRanks bool
}

// Counter is the type of a shared counter's name: not a value, only the
// receiver of read(), fetch_add(d) and compare_and_swap(old, new).
type Counter struct{ Shared *Shared }

func (c *Counter) String() string { return "shared counter " + c.Shared.Name }

// sharedKinds are the shared primitives the language has.
var sharedKinds = []string{"counter"}

// declareShared creates the object and symbol of a shared declaration.
func (c *checker) declareShared(d *parser.SharedDecl, declare func(*parser.Ident, string, bool) bool) {
	if d.Kind.Name != "counter" {
		c.errorf(c.pos(d.Kind), "unknown shared primitive %s%s", d.Kind.Name, suggestion(d.Kind.Name, sharedKinds))
	}
	s := &Shared{Name: d.Name.Name, Kind: d.Kind.Name, Index: len(c.alg.Shared), Init: d.Init, Decl: d}
	c.alg.Shared = append(c.alg.Shared, s)
	sym := c.newSymbol(SymShared, s.Name, &Counter{Shared: s})
	sym.Shared = s
	c.info.Defs[d.Name] = sym
	if declare(d.Name, "shared counter", false) {
		c.global.insert(sym, c.pos(d.Name))
	}
}

// checkShared checks the initial values, which are fixed before the run as
// parameter defaults are.
func (c *checker) checkShared() {
	for _, s := range c.alg.Shared {
		if isNil(s.Init) {
			continue
		}
		c.ctx = context{mode: modeConst, where: "a shared initializer", params: len(c.alg.Params), scope: c.global}
		c.wantInt(s.Init, "shared initializer")
		c.ctx = context{}
	}
}

// isSharedUpdate reports whether e is a fetch_add or compare_and_swap,
// calls that may stand as statements although they have a result: their
// effect is the point, the old value or the outcome often is not.
func (c *checker) isSharedUpdate(e parser.Expr) bool {
	call, ok := e.(*parser.Call)
	if !ok {
		return false
	}
	ci := c.info.Calls[call]
	if ci == nil {
		return false
	}
	_, onCounter := ci.Recv.(*Counter)
	return onCounter && ci.Builtin != MethodRead
}

// checkSharedUse rejects shared operations where no run is there to perform
// them: initializers may not touch a counter, properties may only read it.
func (c *checker) checkSharedUse(sel *parser.Selector, op Builtin) {
	switch {
	case c.ctx.mode == modeInit || c.ctx.mode == modeConst:
		c.errorf(c.epos(sel), "cannot use %s() in %s", exprString(sel), c.ctx.where)
	case c.ctx.mode == modeProperty && op != MethodRead:
		c.errorf(c.epos(sel), "cannot use %s() in a property (only read() observes a counter without changing it)", exprString(sel))
	}
}
