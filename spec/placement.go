package spec

import (
	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// checkPlacements checks where each process type runs: `all` only for the
// only process type, `others` for at most one, otherwise an int rank or an
// inclusive range of ranks, computed from literals, n and params. Whether
// the placements cover every rank exactly once depends on n and is checked
// when a run starts.
func (c *checker) checkPlacements() {
	var others *Process
	var othersPos source.Pos
	for _, p := range c.alg.Processes {
		pl := p.Decl.Placement
		if pl == nil {
			continue
		}
		pos := c.pos(pl)
		switch {
		case pl.All:
			p.Placement = PlaceAll
			if len(c.alg.Processes) > 1 {
				c.errorf(pos, "process %s is placed on all, but it is not the only process type", p.Name)
			}
		case pl.Others:
			p.Placement = PlaceOthers
			if others != nil {
				c.errorf(pos, "process %s is placed on others, but so is %s (at %s)", p.Name, others.Name, at(othersPos))
			} else {
				others, othersPos = p, pos
			}
		default:
			c.ctx = context{mode: modeConst, where: "placement", params: len(c.alg.Params), scope: c.global}
			if r, ok := unparen(pl.Ranks).(*parser.Range); ok && r != nil {
				p.Placement = PlaceRange
				p.Lo, p.Hi = r.Lo, r.Hi
				c.rangeBounds(r)
				lo, okLo := intLiteral(r.Lo)
				hi, okHi := intLiteral(r.Hi)
				if okLo && okHi && lo > hi {
					c.errorf(c.epos(pl.Ranks), "process %s is placed on %s, an empty range (%d > %d): no rank runs it", p.Name, exprString(pl.Ranks), lo, hi)
				}
				c.info.Types[r] = TInt
				for e := parser.Expr(pl.Ranks); e != parser.Expr(r); e = e.(*parser.Paren).X {
					c.info.Types[e] = TInt
				}
			} else {
				p.Placement = PlaceRank
				p.Lo = pl.Ranks
				c.wantInt(pl.Ranks, "placement")
			}
			c.ctx = context{}
		}
	}
}

// intLiteral returns the value of an integer literal, negated or
// parenthesised or not. A bound that uses n or a param is known only when a
// run starts; the generated code checks it then.
func intLiteral(e parser.Expr) (int64, bool) {
	switch x := unparen(e).(type) {
	case *parser.IntLit:
		return x.Value, x.Unit == ""
	case *parser.Unary:
		if v, ok := intLiteral(x.X); ok && x.Op == "-" {
			return -v, true
		}
	}
	return 0, false
}
