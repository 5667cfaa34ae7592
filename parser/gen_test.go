package parser

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

var genIters = flag.Int("gen", 500, "number of random programs TestRandomPrograms tries")

// gen writes random programs of the grammar as token lists; the tokens are
// then joined with random white space and comments.
type gen struct {
	r     *rand.Rand
	toks  []string
	depth int
}

func (g *gen) emit(ts ...string) { g.toks = append(g.toks, ts...) }
func (g *gen) n(k int) int       { return g.r.Intn(k) }
func (g *gen) coin() bool        { return g.r.Intn(2) == 0 }

func (g *gen) name() string {
	return []string{"a", "b", "x", "self", "n", "votes", "m", "p_1"}[g.n(8)]
}

func (g *gen) upper() string { return []string{"M", "Promise", "T", "Acceptor"}[g.n(4)] }

func (g *gen) typ() {
	switch g.n(4) {
	case 0:
		g.emit("map", "<", "int", ",")
		g.typ()
		g.emit(">")
	case 1:
		g.emit([]string{"set", "list"}[g.n(2)], "<")
		g.typ()
		g.emit(">")
	default:
		g.emit([]string{"int", "bool", "string", "node", "T"}[g.n(5)])
	}
}

// expr emits an expression; head is set in the heads of if, for, when and
// placements, where a composite literal needs parentheses.
func (g *gen) expr(head bool) {
	g.depth++
	defer func() { g.depth-- }()
	if g.depth < 4 && g.n(6) == 0 {
		g.level(1, head)
		g.emit("..")
		g.level(1, head)
		return
	}
	g.level(1, head)
}

// level emits an expression of precedence level l or tighter: 1 implies,
// 2 or, 3 and, 4 not, 5 comparison, 6 sum, 7 product, 8 unary.
func (g *gen) level(l int, head bool) {
	if g.depth > 4 || g.n(3) == 0 {
		l = 8
	}
	g.depth++
	defer func() { g.depth-- }()
	switch l {
	case 1:
		g.level(2, head)
		if g.coin() {
			g.emit("implies")
			g.level(1, head)
		}
	case 2, 3, 6, 7:
		ops := map[int][]string{2: {"or"}, 3: {"and"}, 6: {"+", "-"}, 7: {"*", "/", "%"}}[l]
		g.level(l+1, head)
		for g.coin() {
			g.emit(ops[g.n(len(ops))])
			g.level(l+1, head)
		}
	case 4:
		if g.coin() {
			g.emit("not")
			g.level(4, head)
			return
		}
		g.level(5, head)
	case 5:
		g.level(6, head)
		if g.coin() {
			g.emit([]string{"==", "!=", "<", "<=", ">", ">=", "in"}[g.n(7)])
			g.level(6, head)
		}
	default:
		g.unaryish(head)
	}
}

// unaryish emits an operand that binds tighter than binary operators.
func (g *gen) unaryish(head bool) {
	if g.n(5) == 0 {
		g.emit("-")
	}
	g.postfix(head)
}

func (g *gen) postfix(head bool) {
	g.primary(head)
	for g.n(4) == 0 {
		switch g.n(3) {
		case 0:
			g.emit(".", g.name())
		case 1:
			g.emit("[")
			g.expr(false)
			g.emit("]")
		case 2:
			g.emit("(")
			g.args(")")
		}
	}
}

func (g *gen) args(close string) {
	k := g.n(3)
	for i := 0; i < k; i++ {
		if i > 0 {
			g.emit(",")
		}
		g.expr(false)
	}
	g.emit(close)
}

func (g *gen) primary(head bool) {
	if g.depth > 6 {
		g.emit(g.name())
		return
	}
	g.depth++
	defer func() { g.depth-- }()
	switch g.n(12) {
	case 0:
		g.emit(fmt.Sprint(g.n(100)))
	case 1:
		g.emit([]string{"50ms", "2s", "0s", "1ms"}[g.n(4)])
	case 2:
		g.emit([]string{`"x"`, `"a\"b"`, `""`, `"\n"`}[g.n(4)])
	case 3:
		g.emit([]string{"true", "false"}[g.n(2)])
	case 4:
		if head {
			g.emit("(")
		}
		g.emit(g.upper(), "{")
		k := g.n(3)
		named := g.coin()
		for i := 0; i < k; i++ {
			if i > 0 {
				g.emit(",")
			}
			if named {
				g.emit(g.name(), ":")
			}
			g.expr(false)
		}
		if k > 0 && g.n(4) == 0 {
			g.emit(",")
		}
		g.emit("}")
		if head {
			g.emit(")")
		}
	case 5:
		g.emit("[")
		g.args("]")
	case 6:
		g.emit("(")
		g.expr(false)
		g.emit(")")
	case 7:
		// A quantifier extends as far as it can: parenthesise it.
		kind := []string{"forall", "exists", "count", "sum"}[g.n(4)]
		g.emit("(", kind)
		// forall and exists destructure tuples too.
		quantVar := func() {
			if kind == "forall" || kind == "exists" {
				g.binder()
			} else {
				g.emit(g.name())
			}
		}
		quantVar()
		if g.coin() {
			g.emit(",")
			quantVar()
		}
		g.emit("in")
		g.expr(false)
		g.emit(":")
		g.expr(false)
		g.emit(")")
	default:
		g.emit(g.name())
	}
}

func (g *gen) block() {
	g.emit("{")
	k := g.n(4)
	for i := 0; i < k; i++ {
		start := len(g.toks)
		g.stmt()
		if i > 0 && g.toks[start-1] != ";" {
			if first := g.toks[start]; first == "(" || first == "[" || first == "-" || g.toks[start-1] == "return" {
				// It would continue the previous statement.
				g.toks = append(g.toks[:start], append([]string{";"}, g.toks[start:]...)...)
			}
		}
		if g.n(3) == 0 {
			g.emit(";")
		}
	}
	g.emit("}")
}

// binder emits what a for loop binds: a name, or a tuple's parts.
func (g *gen) binder() {
	if g.n(4) != 0 {
		g.emit(g.name())
		return
	}
	g.emit("(", g.name(), ",", g.name())
	if g.coin() {
		g.emit(",", "_")
	}
	g.emit(")")
}

func (g *gen) stmt() {
	g.depth++
	defer func() { g.depth-- }()
	if g.depth > 3 {
		g.emit("halt")
		return
	}
	switch g.n(14) {
	case 0:
		g.ifStmt()
	case 1:
		g.emit("for")
		g.binder()
		if g.coin() {
			g.emit(",")
			g.binder()
		}
		g.emit("in")
		g.expr(true)
		g.block()
	case 2:
		g.emit("let", g.name())
		if g.coin() {
			g.typ()
		}
		g.emit("=")
		g.expr(false)
	case 3:
		g.emit("send")
		g.expr(false)
		g.emit("to")
		g.expr(false)
	case 4:
		g.emit("reply")
		g.expr(false)
	case 5:
		g.emit("broadcast")
		g.expr(false)
		g.emit("to")
		switch g.n(3) {
		case 0:
			g.emit("all")
		case 1:
			g.emit("others")
		default:
			g.expr(false)
		}
	case 6:
		g.emit("output", g.name(), "(")
		g.args(")")
	case 7:
		g.emit([]string{"halt", "return"}[g.n(2)])
		if g.toks[len(g.toks)-1] == "return" && g.coin() {
			g.expr(false)
		}
	case 8:
		g.emit("timer", g.name(), []string{"after", "every"}[g.n(2)])
		g.expr(false)
	case 9:
		g.emit("cancel", g.name())
	case 10:
		g.postfix(false)
	case 11:
		g.emit("while")
		g.expr(true)
		g.block()
	default:
		g.postfix(false)
		g.emit([]string{"=", "+=", "-="}[g.n(3)])
		g.expr(false)
	}
}

func (g *gen) ifStmt() {
	g.emit("if")
	g.expr(true)
	g.block()
	if g.coin() {
		g.emit("else")
		if g.coin() {
			g.ifStmt()
		} else {
			g.block()
		}
	}
}

func (g *gen) file() {
	g.emit("algorithm", "algo")
	k := g.n(6)
	for i := 0; i < k; i++ {
		switch g.n(6) {
		case 3:
			g.funcDecl()
		case 0:
			g.emit("param", g.name())
			g.typ()
			if g.coin() {
				g.emit("=")
				g.expr(false)
			}
		case 1:
			g.emit([]string{"type", "message"}[g.n(2)], g.upper(), "{")
			f := g.n(4)
			for j := 0; j < f; j++ {
				g.emit(g.name())
				g.typ()
				if g.coin() {
					g.emit(";")
				}
			}
			g.emit("}")
		case 2:
			g.emit([]string{"invariant", "eventually"}[g.n(2)], g.name(), ":")
			g.expr(false)
		default:
			g.process()
		}
	}
}

func (g *gen) process() {
	g.emit("process", g.upper(), "on")
	switch g.n(3) {
	case 0:
		g.emit("all")
	case 1:
		g.emit("others")
	default:
		g.expr(true)
	}
	g.emit("{")
	k := g.n(4)
	for i := 0; i < k; i++ {
		switch g.n(6) {
		case 0:
			g.funcDecl()
			continue
		case 1:
			g.emit("proc", g.name())
			g.params()
			g.block()
			continue
		}
		if g.coin() {
			if g.n(4) == 0 {
				g.emit("durable")
			}
			g.emit("var", g.name())
			g.typ()
			if g.coin() {
				g.emit("=")
				g.expr(false)
			}
			continue
		}
		g.emit("on")
		switch g.n(4) {
		case 0:
			g.emit([]string{"start", "recover"}[g.n(2)])
		case 1:
			g.emit("timer", g.name())
		default:
			g.emit(g.upper())
			if g.coin() {
				g.emit(g.name())
			}
			if g.coin() {
				g.emit("from", g.name())
			}
		}
		if g.coin() {
			g.emit("when")
			g.expr(true)
		}
		g.block()
	}
	g.emit("}")
}

// join puts random white space and comments between tokens; when sparse
// is set, mostly a space, so that blocks and statements come out on one
// line, which dsac fmt keeps when they fit.
func join(r *rand.Rand, toks []string, sparse bool) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			if sparse && r.Intn(10) > 0 {
				b.WriteString(" ")
				b.WriteString(t)
				continue
			}
			switch r.Intn(14) {
			case 0, 1, 2:
				b.WriteString("\n")
			case 3:
				b.WriteString("\n\n")
			case 4:
				b.WriteString(" // c\n")
			case 5:
				b.WriteString(" /* b */ ")
			case 6:
				b.WriteString("\n  // own line\n")
			case 7:
				b.WriteString("/* x\n y */")
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

// TestRandomPrograms round-trips random programs of the grammar, laid out
// at random with comments, and random corruptions of them.
func TestRandomPrograms(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	n := *genIters
	if testing.Short() {
		n = 100
	}
	for i := 0; i < n; i++ {
		g := &gen{r: r}
		g.file()
		sparse := i%2 == 1
		src := join(r, g.toks, sparse)
		if _, err := Parse("gen.dsa", []byte(src)); err != nil {
			t.Fatalf("generated program does not parse: %v\n%s", err, src)
		}
		checkRoundTrip(t, []byte(src))
		// Corrupt it: drop, duplicate or swap a token.
		toks := append([]string(nil), g.toks...)
		j := r.Intn(len(toks))
		switch r.Intn(3) {
		case 0:
			toks = append(toks[:j], toks[j+1:]...)
		case 1:
			toks = append(toks[:j+1], toks[j:]...)
		case 2:
			k := r.Intn(len(toks))
			toks[j], toks[k] = toks[k], toks[j]
		}
		checkRoundTrip(t, []byte(join(r, toks, sparse)))
	}
}

// funcDecl writes `def name(params) type = expr`.
func (g *gen) funcDecl() {
	g.emit("def", g.name())
	g.params()
	g.typ()
	if g.coin() {
		g.block()
		return
	}
	g.emit("=")
	g.expr(false)
}

// params writes a parenthesised parameter list.
func (g *gen) params() {
	g.emit("(")
	for i := g.n(3); i > 0; i-- {
		g.emit(g.name())
		g.typ()
		if i > 1 {
			g.emit(",")
		}
	}
	g.emit(")")
}
