package spec

import "github.com/dsac-lang/dsac/parser"

// The symmetry analysis (symmetry.go) through functions, procedures and
// aggregates. Like everything else it is flow-insensitive and
// context-insensitive: a parameter may carry whatever any call passes to
// it, a call's result whatever the function's body may give for any of
// them; the body is analysed once per pass, so what tells ranks apart in
// it (arithmetic on a parameter that may hold a rank, say) blocks the types
// whose ranks any call passes there.

// bodies lists the statement blocks of process type p: its handlers' and
// its procedures'.
func bodies(p *Process) []*parser.Block {
	var out []*parser.Block
	for _, h := range p.Handlers {
		if h.Body != nil {
			out = append(out, h.Body)
		}
	}
	for _, f := range p.Funcs {
		if f.Block != nil {
			out = append(out, f.Block)
		}
	}
	return out
}

// funcs analyses the bodies of functions and procedures, in the process
// s.proc they belong to (nil at the top level).
func (s *symmetry) funcs(fs []*Function) {
	for _, f := range fs {
		switch {
		case f.Block != nil:
			s.stmts(f.Block.Stmts)
			if !f.IsProc {
				s.returns(f)
			}
		case f.Body != nil:
			s.flow(f, s.val(f.Body))
		}
	}
}

// userCall passes what the arguments may carry to the parameters of f and
// returns what its result may carry.
func (s *symmetry) userCall(f *Function, args []aval) aval {
	for i, a := range args {
		if i < len(f.Params) {
			s.flow(f.Params[i], a)
		}
	}
	if f.IsProc {
		return nil
	}
	return s.taint[f]
}

// aggregate is what count or sum x carries, given what its body b carries:
// a count is a number of unknown origin, as size() is; a sum is arithmetic
// on what the body gives.
func (s *symmetry) aggregate(x *parser.Quantifier, b aval) aval {
	if x.Kind == "count" {
		return scalar(constRank)
	}
	t := b.all()
	s.blockTypes(t, x.Body, "arithmetic on a rank ("+exprString(x)+")")
	return scalar(t | constRank)
}

// returns gives f, a function with a block, what its return statements'
// values may carry.
func (s *symmetry) returns(f *Function) {
	parser.Inspect(f.Block, func(n parser.Node) bool {
		if r, ok := n.(*parser.ReturnStmt); ok && r.Value != nil {
			s.flow(f, s.val(r.Value))
		}
		return true
	})
}
