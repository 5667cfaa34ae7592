package spec

import "github.com/dsac-lang/dsac/parser"

// crashCall checks crashed(p) and correct(p): whether a process is down
// (crashed and not recovered) where a property is evaluated. Only
// properties may ask: a process cannot know who crashed, which is what a
// failure detector is for, and a handler that could ask would make the
// failure detector a spec's algorithms are about trivial. The argument is
// a process bound in the property (forall p in Node) or a rank (node or
// int, as in forall q in p.suspected).
func (c *checker) crashCall(x *parser.Call, name string) Type {
	if c.ctx.mode != modeProperty && c.ctx.mode != modeConst {
		c.errorf(c.pos(x.Fun), "cannot use %s() in %s: only properties may ask whether a process crashed (processes learn of crashes through a failure detector)", name, c.ctx.where)
	}
	if !c.argCount(x, name, 1) {
		for _, a := range x.Args {
			c.expr(a, nil) // a process is a fine argument: no error about it
		}
		return TBool
	}
	t := c.expr(x.Args[0], TNode)
	if _, ok := t.(*ProcState); ok {
		return TBool
	}
	if t != TInvalid && t != TInt && t != TNode {
		c.errorf(c.epos(x.Args[0]), "invalid argument: %s (type %s) in call to %s: want a process (forall p in Node) or a rank (node or int)", exprString(x.Args[0]), t, name)
	}
	return TBool
}
