package spec

import (
	"go/constant"
	"go/token"
	"math"

	"github.com/dsac-lang/dsac/parser"
)

// Constant expressions. The generated Go writes literals as Go constants,
// so an expression over literals alone is a constant expression in Go too,
// and the Go compiler rejects what it cannot represent. The checker
// evaluates such expressions (with go/constant, exactly) as it types them
// and reports, at their place in the spec:
//   - a constant int expression, or any constant operand inside one, whose
//     value does not fit in 64 bits;
//   - division and remainder by a constant zero, whatever the dividend;
//   - a constant negative list index;
//   - a constant timer delay too long for a time.Duration.
//
// Only literals, parentheses, the operators and min/max over constants are
// constant: params and n are values of the run.

// constValue returns the value of the constant expression e, or nil when e
// is not constant (or is in error).
func (c *checker) constValue(e parser.Expr) constant.Value {
	if isNil(e) {
		return nil
	}
	return c.consts[e]
}

// fold evaluates e, of type t, when its operands are constant, and
// reports what Go would reject about it; expr calls it after typing e, so
// the operands are already folded.
func (c *checker) fold(e parser.Expr, t Type) {
	if t == TInvalid {
		return
	}
	var v constant.Value
	switch x := e.(type) {
	case *parser.IntLit:
		v = constant.MakeInt64(x.Value)
	case *parser.StringLit:
		v = constant.MakeString(x.Value)
	case *parser.BoolLit:
		v = constant.MakeBool(x.Value)
	case *parser.Paren:
		v = c.constValue(x.X)
	case *parser.Unary:
		v = c.foldUnary(x)
	case *parser.Binary:
		v = c.foldBinary(x)
	case *parser.Call:
		v = c.foldCall(x)
	case *parser.Index:
		c.checkIndex(x)
	}
	if v == nil {
		return
	}
	if v.Kind() == constant.Int {
		if _, exact := constant.Int64Val(v); !exact {
			c.errorf(c.epos(e), "constant overflow: %s is %s, which does not fit in int (64 bits)", exprString(e), v)
			return
		}
	}
	if c.consts == nil {
		c.consts = map[parser.Expr]constant.Value{}
	}
	c.consts[e] = v
}

func (c *checker) foldUnary(x *parser.Unary) constant.Value {
	v := c.constValue(x.X)
	if v == nil {
		return nil
	}
	switch {
	case x.Op == "-" && v.Kind() == constant.Int:
		return constant.UnaryOp(token.SUB, v, 0)
	case x.Op == "not" && v.Kind() == constant.Bool:
		return constant.UnaryOp(token.NOT, v, 0)
	}
	return nil
}

// binaryOps are the Go operators of the spec's operators on constants;
// QUO_ASSIGN is go/constant's integer division.
var binaryOps = map[string]token.Token{
	"+": token.ADD, "-": token.SUB, "*": token.MUL, "/": token.QUO_ASSIGN, "%": token.REM,
	"and": token.LAND, "or": token.LOR,
	"==": token.EQL, "!=": token.NEQ, "<": token.LSS, "<=": token.LEQ, ">": token.GTR, ">=": token.GEQ,
}

func (c *checker) foldBinary(x *parser.Binary) constant.Value {
	yv := c.constValue(x.Y)
	if (x.Op == "/" || x.Op == "%") && yv != nil && yv.Kind() == constant.Int && constant.Sign(yv) == 0 {
		c.errorf(c.epos(x.Y), "invalid operation: division by zero")
		return nil
	}
	xv := c.constValue(x.X)
	if xv == nil || yv == nil || xv.Kind() != yv.Kind() {
		return nil
	}
	if x.Op == "implies" {
		x, y := constant.BoolVal(xv), constant.BoolVal(yv)
		return constant.MakeBool(!x || y)
	}
	op, ok := binaryOps[x.Op]
	if !ok {
		return nil
	}
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		if xv.Kind() == constant.Bool && op != token.EQL && op != token.NEQ {
			return nil
		}
		return constant.MakeBool(constant.Compare(xv, op, yv))
	case token.LAND, token.LOR:
		if xv.Kind() != constant.Bool {
			return nil
		}
	case token.ADD:
		if xv.Kind() != constant.Int && xv.Kind() != constant.String {
			return nil
		}
	default:
		if xv.Kind() != constant.Int {
			return nil
		}
	}
	return constant.BinaryOp(xv, op, yv)
}

// foldCall folds min and max, which Go evaluates at compile time when
// their arguments are constant.
func (c *checker) foldCall(x *parser.Call) constant.Value {
	info := c.info.Calls[x]
	if info == nil || info.Recv != nil || (info.Builtin != BuiltinMin && info.Builtin != BuiltinMax) || len(x.Args) != 2 {
		return nil
	}
	a, b := c.constValue(x.Args[0]), c.constValue(x.Args[1])
	if a == nil || b == nil || a.Kind() != b.Kind() || (a.Kind() != constant.Int && a.Kind() != constant.String) {
		return nil
	}
	if constant.Compare(a, token.LSS, b) == (info.Builtin == BuiltinMin) {
		return a
	}
	return b
}

// checkIndex rejects a constant negative list index, which Go rejects at
// compile time (a map key may be negative).
func (c *checker) checkIndex(x *parser.Index) {
	if _, ok := c.info.TypeOf(x.X).(*List); !ok {
		return
	}
	v := c.constValue(x.Index)
	if v != nil && v.Kind() == constant.Int && constant.Sign(v) < 0 {
		c.errorf(c.epos(x.Index), "invalid argument: index %s (constant %s) must not be negative", exprString(x.Index), v)
	}
}

// maxDelay is the longest timer delay, in milliseconds, that a
// time.Duration holds.
const maxDelay = math.MaxInt64 / 1_000_000

// checkDelay rejects a constant timer delay that a time.Duration cannot
// hold: the generated code multiplies it by time.Millisecond.
func (c *checker) checkDelay(e parser.Expr) {
	v := c.constValue(e)
	if v == nil || v.Kind() != constant.Int {
		return
	}
	if d, _ := constant.Int64Val(v); d > maxDelay || d < -maxDelay {
		c.errorf(c.epos(e), "timer delay %s ms is too long (at most %d ms)", v, int64(maxDelay))
	}
}
