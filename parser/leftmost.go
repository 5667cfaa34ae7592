package parser

// Leftmost returns the subexpression of e that its first token starts: e
// itself unless e is an operation or a postfix expression, which are
// positioned at their operator. Diagnostics about a whole expression and
// the formatter's line breaks both need where it starts. A node whose
// left operand is missing (a tree built by hand) is its own leftmost.
func Leftmost(e Expr) Expr {
	for {
		var next Expr
		switch x := e.(type) {
		case *Binary:
			if x != nil {
				next = x.X
			}
		case *Range:
			if x != nil {
				next = x.Lo
			}
		case *Selector:
			if x != nil {
				next = x.X
			}
		case *Index:
			if x != nil {
				next = x.X
			}
		case *Call:
			if x != nil {
				next = x.Fun
			}
		}
		if next == nil || isNilNode(next) {
			return e
		}
		e = next
	}
}
