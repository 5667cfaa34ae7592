package parser

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/source"
)

// sexpr prints an expression fully parenthesised, to check its shape.
func sexpr(e Expr) string {
	switch e := e.(type) {
	case nil:
		return "<nil>"
	case *IntLit:
		if e.Unit != "" {
			return fmt.Sprintf("%d%s=%d", e.Value, e.Unit, e.Value)
		}
		return fmt.Sprint(e.Value)
	case *StringLit:
		return fmt.Sprintf("%q", e.Value)
	case *BoolLit:
		return fmt.Sprint(e.Value)
	case *Name:
		return e.Name
	case *Paren:
		return "[" + sexpr(e.X) + "]"
	case *Unary:
		return "(" + e.Op + " " + sexpr(e.X) + ")"
	case *Binary:
		return "(" + sexpr(e.X) + " " + e.Op + " " + sexpr(e.Y) + ")"
	case *Range:
		return "(" + sexpr(e.Lo) + " .. " + sexpr(e.Hi) + ")"
	case *Selector:
		return sexpr(e.X) + "." + e.Name.Name
	case *Index:
		return sexpr(e.X) + "[" + sexpr(e.Index) + "]"
	case *Call:
		return sexpr(e.Fun) + "(" + sexprs(e.Args) + ")"
	case *ListLit:
		return "list(" + sexprs(e.Elems) + ")"
	case *Composite:
		var parts []string
		for _, f := range e.Fields {
			s := sexpr(f.Value)
			if f.Name != nil {
				s = f.Name.Name + ":" + s
			}
			parts = append(parts, s)
		}
		return e.Type.Name + "{" + strings.Join(parts, ", ") + "}"
	case *Quantifier:
		var vars []string
		for _, v := range e.Vars {
			vars = append(vars, v.Name)
		}
		return "(" + e.Kind + " " + strings.Join(vars, ",") + " in " + sexpr(e.Range) + ": " + sexpr(e.Body) + ")"
	}
	return fmt.Sprintf("<%T>", e)
}

func sexprs(es []Expr) string {
	var parts []string
	for _, e := range es {
		parts = append(parts, sexpr(e))
	}
	return strings.Join(parts, ", ")
}

// parseExprString parses src as the expression of a property.
func parseExprString(t *testing.T, src string) Expr {
	t.Helper()
	f, err := Parse("e.dsa", []byte("algorithm a\ninvariant p: "+src))
	require.NoError(t, err, src)
	require.Len(t, f.Decls, 1, src)
	return f.Decls[0].(*PropertyDecl).Expr
}

func TestPrecedence(t *testing.T) {
	tests := []struct{ src, want string }{
		{"1 + 2 * 3", "(1 + (2 * 3))"},
		{"1 - 2 - 3", "((1 - 2) - 3)"},
		{"a % b * c / d", "(((a % b) * c) / d)"},
		{"a implies b implies c", "(a implies (b implies c))"},
		{"a or b implies c or d", "((a or b) implies (c or d))"},
		{"a or b and c", "(a or (b and c))"},
		{"a and b or c and d", "((a and b) or (c and d))"},
		{"not a and b", "((not a) and b)"},
		{"not a == b", "(not (a == b))"},
		{"not not a", "(not (not a))"},
		{"a == b and c != d", "((a == b) and (c != d))"},
		{"a < b + 1", "(a < (b + 1))"},
		{"x in s and y in t", "((x in s) and (y in t))"},
		{"x + 1 in s", "((x + 1) in s)"},
		{"-a * b", "((- a) * b)"},
		{"- -a", "(- (- a))"},
		{"-a.b", "(- a.b)"},
		{"-f(x)[1]", "(- f(x)[1])"},
		{"a.b.c(d)[e].f", "a.b.c(d)[e].f"},
		{"(a + b) * c", "([(a + b)] * c)"},
		{"0 .. n - 1", "(0 .. (n - 1))"},
		{"a .. b or c", "(a .. (b or c))"},
		{"lo + 1 .. hi * 2", "((lo + 1) .. (hi * 2))"},
		{"forall a, b in P: a.x and b.y implies c", "(forall a,b in P: ((a.x and b.y) implies c))"},
		{"exists i in 0 .. n-1: i > 0", "(exists i in (0 .. (n - 1)): (i > 0))"},
		{"forall i in s: exists j in t: i != j", "(forall i in s: (exists j in t: (i != j)))"},
		{"(forall x in s: x) and y", "([(forall x in s: x)] and y)"},
		{"a and forall x in s: x or y", "(a and (forall x in s: (x or y)))"},
		{"x == 1 implies y", "((x == 1) implies y)"},
		{"true and false", "(true and false)"},
		{`"a\"b" + "\n"`, `("a\"b" + "\n")`},
		{"50ms + 2s + 7", "((50ms=50 + 2000s=2000) + 7)"},
		{"[1, 2, 3][0]", "list(1, 2, 3)[0]"},
		{"[]", "list()"},
		{"f()", "f()"},
		{"Msg{1, x + 1}", "Msg{1, (x + 1)}"},
		{"Msg{a: 1, b: [2],}", "Msg{a:1, b:list(2)}"},
		{"Msg{}.a", "Msg{}.a"},
		{"Outer{Inner{1}}", "Outer{Inner{1}}"},
		{"lower == 1", "(lower == 1)"},
		{"m[k] + 1", "(m[k] + 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			assert.Equal(t, tt.want, sexpr(parseExprString(t, tt.src)))
		})
	}
}

func TestDuration(t *testing.T) {
	e := parseExprString(t, "2s").(*IntLit)
	assert.Equal(t, IntLit{Pos: e.Pos, Value: 2000, Text: "2s", Unit: "s"}, *e)
	e = parseExprString(t, "50ms").(*IntLit)
	assert.Equal(t, IntLit{Pos: e.Pos, Value: 50, Text: "50ms", Unit: "ms"}, *e)
	e = parseExprString(t, "42").(*IntLit)
	assert.Equal(t, IntLit{Pos: e.Pos, Value: 42, Text: "42"}, *e)
	s := parseExprString(t, `"tab\tx"`).(*StringLit)
	assert.Equal(t, "tab\tx", s.Value)
	assert.Equal(t, `"tab\tx"`, s.Text)
}

// handlerBody parses statements inside `on start { ... }`.
func handlerBody(t *testing.T, stmts string) []Stmt {
	t.Helper()
	f, err := Parse("s.dsa", []byte("algorithm a\nprocess P on all {\n  on start {\n"+stmts+"\n  }\n}\n"))
	require.NoError(t, err, stmts)
	h := f.Decls[0].(*ProcessDecl).Members[0].(*Handler)
	return h.Body.Stmts
}

func TestHeads(t *testing.T) {
	// In the head of if, for, when and placements, `Name {` opens the block.
	s := handlerBody(t, "if A { x = 1 }")[0].(*IfStmt)
	assert.Equal(t, "A", sexpr(s.Cond))
	assert.Len(t, s.Then.Stmts, 1)

	s = handlerBody(t, "if x == B {}")[0].(*IfStmt)
	assert.Equal(t, "(x == B)", sexpr(s.Cond))
	assert.Empty(t, s.Then.Stmts)

	// Composite literals are fine inside parentheses, brackets and calls.
	for src, want := range map[string]string{
		"if (A{1}) == x {}":        "([A{1}] == x)",
		"if f(A{1}) {}":            "f(A{1})",
		"if [A{1}][0] == x {}":     "(list(A{1})[0] == x)",
		"if m[A{1}] {}":            "m[A{1}]",
		"if g(x) and A {}":         "(g(x) and A)",
		"if forall a in S: a {}":   "(forall a in S: a)",
		"if (forall a in S: a) {}": "[(forall a in S: a)]",
	} {
		s := handlerBody(t, src)[0].(*IfStmt)
		assert.Equal(t, want, sexpr(s.Cond), src)
	}

	fs := handlerBody(t, "for x in Acceptor { y = x }")[0].(*ForStmt)
	assert.Equal(t, "Acceptor", sexpr(fs.Range))
	assert.Len(t, fs.Body.Stmts, 1)

	f, err := Parse("h.dsa", []byte("algorithm a\nprocess P on Q {\n  on M m when m.x == Y { halt }\n}"))
	require.NoError(t, err)
	p := f.Decls[0].(*ProcessDecl)
	assert.Equal(t, "Q", sexpr(p.Placement.Ranks))
	h := p.Members[0].(*Handler)
	assert.Equal(t, "(m.x == Y)", sexpr(h.Guard))
	assert.IsType(t, &HaltStmt{}, h.Body.Stmts[0])

	// Outside heads, Name{ is a composite literal.
	a := handlerBody(t, "x = A{1}")[0].(*AssignStmt)
	assert.Equal(t, "A{1}", sexpr(a.RHS))

	// A composite literal in a head must be parenthesised.
	_, err = Parse("h.dsa", []byte("algorithm a\nprocess P on all { on start { if A{1} {} } }"))
	require.Error(t, err)
}

func TestStatements(t *testing.T) {
	stmts := handlerBody(t, `
    if a { halt } else if b { return } else { x = 1 }
    for k, v in m { }
    for i in 0 .. n - 1 { }
    let x = 1
    let y list<int> = []
    send M{1} to p
    reply M{x: 1}
    broadcast M{} to all
    broadcast M{} to others
    broadcast M{} to Acceptor
    output decide(v, 2)
    output tick()
    halt
    return
    timer t after 50ms
    timer u every 1s
    cancel t
    x = 1; y += 2; z -= 3
    s.add(x)
    m[k].f = g(h)
`)
	var kinds []string
	for _, s := range stmts {
		kinds = append(kinds, strings.TrimPrefix(fmt.Sprintf("%T", s), "*parser."))
	}
	assert.Equal(t, []string{
		"IfStmt", "ForStmt", "ForStmt", "LetStmt", "LetStmt", "SendStmt", "ReplyStmt",
		"BroadcastStmt", "BroadcastStmt", "BroadcastStmt", "OutputStmt", "OutputStmt",
		"HaltStmt", "ReturnStmt", "TimerStmt", "TimerStmt", "CancelStmt",
		"AssignStmt", "AssignStmt", "AssignStmt", "AssignStmt", "AssignStmt",
	}, kinds)

	ifs := stmts[0].(*IfStmt)
	require.NotNil(t, ifs.Else)
	require.NotNil(t, ifs.Else.If)
	assert.Equal(t, "b", sexpr(ifs.Else.If.Cond))
	require.NotNil(t, ifs.Else.If.Else.Block)
	assert.Nil(t, ifs.Else.If.Else.If)

	f1 := stmts[1].(*ForStmt)
	assert.Equal(t, "k", f1.Key.Name)
	assert.Equal(t, "v", f1.Value.Name)
	f2 := stmts[2].(*ForStmt)
	assert.Nil(t, f2.Value)
	assert.Equal(t, "(0 .. (n - 1))", sexpr(f2.Range))

	l1 := stmts[3].(*LetStmt)
	assert.Nil(t, l1.Type)
	l2 := stmts[4].(*LetStmt)
	assert.Equal(t, "list", l2.Type.Name.Name)
	assert.Equal(t, "int", l2.Type.Args[0].Name.Name)

	send := stmts[5].(*SendStmt)
	assert.Equal(t, "M{1}", sexpr(send.Msg))
	assert.Equal(t, "p", sexpr(send.To))
	assert.Equal(t, "M{x:1}", sexpr(stmts[6].(*ReplyStmt).Msg))

	b1, b2, b3 := stmts[7].(*BroadcastStmt), stmts[8].(*BroadcastStmt), stmts[9].(*BroadcastStmt)
	assert.True(t, b1.All)
	assert.Nil(t, b1.To)
	assert.True(t, b2.Others)
	assert.False(t, b3.All || b3.Others)
	assert.Equal(t, "Acceptor", sexpr(b3.To))

	o := stmts[10].(*OutputStmt)
	assert.Equal(t, "decide", o.Name.Name)
	assert.Equal(t, "v, 2", sexprs(o.Args))
	assert.Empty(t, stmts[11].(*OutputStmt).Args)

	t1, t2 := stmts[14].(*TimerStmt), stmts[15].(*TimerStmt)
	assert.False(t, t1.Periodic)
	assert.Equal(t, int64(50), t1.Delay.(*IntLit).Value)
	assert.True(t, t2.Periodic)
	assert.Equal(t, int64(1000), t2.Delay.(*IntLit).Value)
	assert.Equal(t, "t", stmts[16].(*CancelStmt).Name.Name)

	var assigns []string
	for _, s := range stmts[17:] {
		a := s.(*AssignStmt)
		assigns = append(assigns, sexpr(a.LHS)+" "+a.Op+" "+sexpr(a.RHS))
	}
	assert.Equal(t, []string{"x = 1", "y += 2", "z -= 3", "s.add(x)  <nil>", "m[k].f = g(h)"}, assigns)
}

func TestDeclarations(t *testing.T) {
	f, err := Parse("d.dsa", []byte(`algorithm demo
param k int = 2 * 3
param name string
type Entry { term int; cmd string }
message Empty {}
message Vote { term int
  granted bool }
process A on 0 {}
process B on 1 .. k {}
process C on others {
  var log list<Entry>
  var votes map<int, set<node>> = m
  durable var term int = 1
  on start {}
  on recover {}
  on timer t {}
  on Vote {}
  on Vote v {}
  on Vote from p {}
  on Vote v from p when v.granted {}
}
process D on all {}
invariant safe: true
eventually live: false
`))
	require.NoError(t, err)
	assert.Equal(t, "demo", f.Name.Name)
	require.Len(t, f.Decls, 11)

	p1 := f.Decls[0].(*ParamDecl)
	assert.Equal(t, "k", p1.Name.Name)
	assert.Equal(t, "(2 * 3)", sexpr(p1.Default))
	assert.Nil(t, f.Decls[1].(*ParamDecl).Default)

	td := f.Decls[2].(*TypeDecl)
	assert.Equal(t, "Entry", td.Name.Name)
	require.Len(t, td.Fields, 2)
	assert.Equal(t, "cmd", td.Fields[1].Name.Name)
	assert.Empty(t, f.Decls[3].(*MessageDecl).Fields)
	assert.Len(t, f.Decls[4].(*MessageDecl).Fields, 2)

	assert.Equal(t, "0", sexpr(f.Decls[5].(*ProcessDecl).Placement.Ranks))
	assert.Equal(t, "(1 .. k)", sexpr(f.Decls[6].(*ProcessDecl).Placement.Ranks))
	c := f.Decls[7].(*ProcessDecl)
	assert.True(t, c.Placement.Others)
	assert.True(t, f.Decls[8].(*ProcessDecl).Placement.All)

	require.Len(t, c.Members, 10)
	v := c.Members[1].(*VarDecl)
	assert.Equal(t, "map<int, set<node>>", typeString(v.Type))
	assert.Equal(t, "m", sexpr(v.Init))
	assert.False(t, v.Durable)
	d := c.Members[2].(*VarDecl)
	assert.True(t, d.Durable)
	assert.Equal(t, "term", d.Name.Name)
	assert.Equal(t, 3, d.Pos.Column, "a durable variable starts at durable")
	events := []string{}
	for _, m := range c.Members[3:] {
		h := m.(*Handler)
		events = append(events, eventString(h.Event))
	}
	assert.Equal(t, []string{"start", "recover", "timer t", "Vote", "Vote v", "Vote from p", "Vote v from p"}, events)
	assert.True(t, c.Members[3].(*Handler).Event.Start)
	assert.True(t, c.Members[4].(*Handler).Event.Recover)
	assert.Equal(t, "v.granted", sexpr(c.Members[9].(*Handler).Guard))

	pr := f.Decls[9].(*PropertyDecl)
	assert.Equal(t, "invariant", pr.Kind)
	assert.Equal(t, "safe", pr.Name.Name)
	assert.Equal(t, "eventually", f.Decls[10].(*PropertyDecl).Kind)
}

func TestPositions(t *testing.T) {
	src := "algorithm a\n" + // line 1
		"process P on 0 .. n {\n" + // line 2
		"  on M m from p when m.x > 1 {\n" + // line 3
		"    send M{m.x + 1} to p // c\n" + // line 4
		"  }\n" + // line 5
		"}\n"
	f, err := Parse("pos.dsa", []byte(src))
	require.NoError(t, err)
	pos := func(n Node) string {
		p := n.Position()
		return fmt.Sprintf("%s:%d:%d@%d", p.File, p.Line, p.Col, p.Offset)
	}
	off := func(line, col int) int {
		lines := strings.SplitAfter(src, "\n")
		o := 0
		for _, l := range lines[:line-1] {
			o += len(l)
		}
		return o + col - 1
	}
	at := func(line, col int) string { return fmt.Sprintf("pos.dsa:%d:%d@%d", line, col, off(line, col)) }

	assert.Equal(t, at(1, 1), pos(f))
	assert.Equal(t, at(1, 11), pos(f.Name))
	p := f.Decls[0].(*ProcessDecl)
	assert.Equal(t, at(2, 1), pos(p))
	assert.Equal(t, at(2, 9), pos(p.Name))
	rng := p.Placement.Ranks.(*Range)
	assert.Equal(t, at(2, 16), pos(rng), "a range is at its ..")
	assert.Equal(t, at(2, 14), pos(rng.Lo))
	h := p.Members[0].(*Handler)
	assert.Equal(t, at(3, 3), pos(h))
	assert.Equal(t, at(3, 6), pos(h.Event))
	assert.Equal(t, at(3, 15), pos(h.Event.From))
	guard := h.Guard.(*Binary)
	assert.Equal(t, at(3, 26), pos(guard), "a binary expression is at its operator")
	sel := guard.X.(*Selector)
	assert.Equal(t, at(3, 24), pos(sel), "a selector is at its name")
	assert.Equal(t, at(3, 22), pos(sel.X))
	assert.Equal(t, at(3, 30), pos(h.Body))
	assert.Equal(t, 5, h.Body.End.Line)
	assert.Equal(t, 3, h.Body.End.Column)
	send := h.Body.Stmts[0].(*SendStmt)
	assert.Equal(t, at(4, 5), pos(send))
	comp := send.Msg.(*Composite)
	assert.Equal(t, at(4, 10), pos(comp))
	assert.Equal(t, 4, comp.End.Line)
	assert.Equal(t, 19, comp.End.Column)
	assert.Equal(t, at(4, 12), pos(comp.Fields[0]))
	assert.Equal(t, at(4, 16), pos(comp.Fields[0].Value))
	assert.Equal(t, at(4, 24), pos(send.To))
	require.Len(t, f.Comments, 1)
	assert.Equal(t, at(4, 26), pos(f.Comments[0]))
	assert.Equal(t, "// c", f.Comments[0].Text)

	// Every node has a position in the file.
	Inspect(f, func(n Node) bool {
		p := n.Position()
		assert.True(t, p.IsValid(), "%T has no position", n)
		assert.Equal(t, "pos.dsa", p.File)
		return true
	})
}

func TestErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", `e.dsa:1:1: unexpected end of file (expected "algorithm")`},
		{"algorithm", `e.dsa:1:10: unexpected end of file (expected a name)`},
		{"algorithm a\nproces P on all {}", `e.dsa:2:1: unexpected "proces" (did you mean "process"?)`},
		{"algorithm a\nprocess P on all {\n  va x int\n}", `e.dsa:3:3: unexpected "va" (did you mean "var"?)`},
		{"algorithm a\nprocess P on all {\n  on start {\n    brodcast M{} to all\n  }\n}", `e.dsa:4:5: unexpected "brodcast" (did you mean "broadcast"?)`},
		{"algorithm a\nprocess P on all {\n  on start {\n    x = \n  }\n}", `e.dsa:5:3: unexpected token "}" (expected an expression)`},
		{"algorithm a\nparam x int = 1 +", `e.dsa:2:18: unexpected end of file (expected an expression)`},
		{"algorithm a\ninvariant i: a < b < c", `e.dsa:2:20: unexpected "<" after a comparison (comparisons do not chain; use parentheses)`},
		{"algorithm a\ninvariant i: (a", `e.dsa:2:16: unexpected end of file (expected ")")`},
		{"algorithm a\ninvariant i: f(a b)", `e.dsa:2:18: unexpected token "b" (expected "," or ")")`},
		{"algorithm a\ninvariant i: M{a b}", `e.dsa:2:18: unexpected token "b" (expected "," or "}")`},
		{"algorithm a\ninvariant i: forall x: x", `e.dsa:2:22: unexpected token ":" (expected "in")`},
		{"algorithm a\ninvariant i: x.01", `e.dsa:2:16: invalid tuple part .01 (want 0 to 9)`},
		{"algorithm a\ninvariant i: x.+", `e.dsa:2:16: unexpected token "+" (expected a name)`},
		{"algorithm a\nmessage M { t (int) }", `e.dsa:2:15: a tuple type has two parts or more`},
		{"algorithm a\nmessage M { t (int, int, int, int, int, int, int, int, int, int, int) }", `e.dsa:2:15: a tuple has at most 10 parts`},
		{"algorithm a\ninvariant i: min_by(x in s x)", `e.dsa:2:28: unexpected token "x" (expected ":")`},
		{"algorithm a\ninvariant i: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) == x", `e.dsa:2:46: a tuple has at most 10 parts`},
		{"algorithm a\ninvariant i: 99999999999999999999", `e.dsa:2:14: integer literal 99999999999999999999 is too large`},
		{"algorithm a\ninvariant i: 9999999999999999s", `e.dsa:2:14: duration literal 9999999999999999s is too large`},
		{"algorithm a\ninvariant i: \"\\q\"", `e.dsa:2:14: invalid string literal "\q"`},
		{"algorithm a\ninvariant i: \"abc", `e.dsa:2:14: string literal not terminated`},
		{"algorithm a /* abc", `e.dsa:1:13: comment not terminated (missing "*/")`},
		{"algorithm a\n  @", `e.dsa:2:3: invalid character '@'`},
		{"algorithm a\nprocess P on all {\n  on timer {}\n}", `e.dsa:3:12: unexpected token "{" (expected a name)`},
		{"algorithm a\nprocess P on all {\n  on start { timer t at 5 }\n}", `e.dsa:3:22: unexpected token "at" (expected "after" or "every")`},
		{"algorithm a\nparam in int", `e.dsa:2:7: "in" is a reserved word and cannot be used as a name`},
		{"algorithm a\ntype Op { val int; from int }", `e.dsa:2:20: "from" is a reserved word and cannot be used as a name`},
		{"algorithm a\nmessage M {\n  val int\n  to int\n}", `e.dsa:4:3: "to" is a reserved word and cannot be used as a name`},
		{"algorithm a\nprocess P on all {\n  var from int\n}", `e.dsa:3:7: "from" is a reserved word and cannot be used as a name`},
		{"algorithm a\nprocess on all {}", `e.dsa:2:9: unexpected token "on" (expected a name)`},
		{"algorithm a\ninvariant i: forall in P: true", `e.dsa:2:21: unexpected token "in" (expected a name)`},
		{"algorithm a\nprocess P on all {\n  on start { let in = 1 }\n}", `e.dsa:3:18: "in" is a reserved word and cannot be used as a name`},
		{"algorithm a\ninvariant i: 5h > 0", `e.dsa:2:14: unknown unit "h" in 5h (durations are written in ms or s: 50ms, 2s)`},
		{"algorithm a\nprocess P on all {\n  on start { timer t after 10min }\n}", `e.dsa:3:28: unknown unit "min" in 10min (durations are written in ms or s: 50ms, 2s)`},
		{"algorithm a\nprocess P on all {\n  var x list<int\n}", `e.dsa:4:1: unexpected token "}" (expected "," or ">")`},
		{"algorithm a\n}", `e.dsa:2:1: unexpected token "}" (expected a declaration)`},
		{"algorithm a\nprocess P on all {\n  on start {\n    if x == A{1} { halt }\n  }\n}", `e.dsa:4:18: unexpected token "{" (expected "}"); a composite literal in the head of if, for, when or a placement must be parenthesised`},
		{"// c\nalgorith a", `e.dsa:2:1: unexpected "algorith" (did you mean "algorithm"?)`},
		{"algorithm a\nprocess P on {}", `e.dsa:2:14: unexpected token "{" (expected "all", "others" or ranks)`},
		{"algorithm a\nprocess P on all {\n  on start {\n    if x {} else halt\n  }\n}", `e.dsa:4:18: unexpected token "halt" (expected "if" or "{")`},
		{"algorithm a\nprocess P on all {\n  durable on start {}\n}", `e.dsa:3:11: unexpected token "on" (expected "var"); only a state variable (var) can be durable`},
		{"algorithm a\nprocess P on all {\n  durable let x = 1\n}", `e.dsa:3:11: unexpected token "let" (expected "var"); only a state variable (var) can be durable`},
		{"algorithm a\nprocess P on all {\n  on start { durable var x int }\n}", `e.dsa:3:14: unexpected token "durable" (expected "}")`},
		{"algorithm a\nprocess P on all {\n  on recover x {}\n}", `e.dsa:3:14: unexpected token "x" (expected "{")`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Parse("e.dsa", []byte(tt.src))
			require.Error(t, err)
			var list source.ErrorList
			require.True(t, errors.As(err, &list), "%T", err)
			require.NotEmpty(t, list)
			assert.Equal(t, tt.want, list[0].Error())
		})
	}
}

func TestSuggest(t *testing.T) {
	kws := []string{"process", "param", "var", "on", "broadcast", "if"}
	assert.Equal(t, "process", Suggest("proces", kws))
	assert.Equal(t, "process", Suggest("porcess", kws))
	assert.Equal(t, "broadcast", Suggest("brodcast", kws))
	assert.Equal(t, "var", Suggest("va", kws))
	assert.Equal(t, "if", Suggest("ef", kws))
	assert.Equal(t, "", Suggest("n", kws), "one letter is no basis for a guess")
	assert.Equal(t, "", Suggest("process", kws), "an exact match is not a suggestion")
	assert.Equal(t, "", Suggest("totally", kws))
	assert.Equal(t, "", Suggest("", kws))
	assert.Equal(t, 0, editDistance("abc", "abc"))
	assert.Equal(t, 1, editDistance("abc", "acb"))
	assert.Equal(t, 3, editDistance("", "abc"))
}

// TestLimits checks the limits on input size and nesting: each is a clear
// error at the place it is exceeded, and input within them parses.
func TestLimits(t *testing.T) {
	firstError := func(src string) string {
		_, err := Parse("l.dsa", []byte(src))
		if err == nil {
			return ""
		}
		var list source.ErrorList
		require.True(t, errors.As(err, &list), "%T", err)
		return list[0].Error()
	}
	nest := func(depth int) string {
		return "algorithm a\nparam k " + strings.Repeat("list<", depth) + "int" + strings.Repeat(">", depth)
	}
	assert.Equal(t, "", firstError(nest(MaxTypeDepth)))
	assert.Equal(t, fmt.Sprintf("l.dsa:2:%d: type nested too deeply (more than %d levels of type arguments)", 9+5*MaxTypeDepth+4, MaxTypeDepth),
		firstError(nest(MaxTypeDepth+1)))
	assert.Contains(t, firstError(nest(150000)), "type nested too deeply", "150,000 levels: an error, not a stack overflow")
	assert.Contains(t, firstError("algorithm a\nparam k map<int, "+strings.Repeat("set<", 40)), "type nested too deeply")

	sum := func(terms int) string {
		return "algorithm a\ninvariant i: " + strings.Repeat("1 + ", terms-1) + "1 > 0"
	}
	assert.Equal(t, "", firstError(sum(502)), "a flat sum is not nested")
	assert.Equal(t, "", firstError(sum(MaxTreeDepth-2)))
	assert.Equal(t, fmt.Sprintf("l.dsa:2:14: expression too long (its operators nest more than %d deep; split it, e.g. with let)", MaxTreeDepth),
		firstError(sum(MaxTreeDepth)))

	big := "algorithm a\n" + strings.Repeat("// padding\n", (MaxSourceSize-12)/11)
	require.LessOrEqual(t, len(big), MaxSourceSize)
	assert.Equal(t, "", firstError(big))
	assert.Equal(t, fmt.Sprintf("l.dsa: file too large: %d bytes (at most %d)", len(big)+MaxSourceSize, MaxSourceSize),
		firstError(big+strings.Repeat(" ", MaxSourceSize)))
}

// TestNoPanic feeds Parse prefixes of a valid file and other odd inputs.
func TestNoPanic(t *testing.T) {
	src := "algorithm a\nparam k int = 1\nmessage M { x int }\nprocess P on 0 .. k {\n  var v map<int, set<node>>\n  on M m from p when m.x > 0 {\n    if (M{1}).x == 1 { send M{x: 1} to p } else { halt }\n    for a, b in v { let c = [1, 2]; c[0] += a }\n  }\n}\ninvariant i: forall p in P: p.v.size() >= 0\n"
	for i := 0; i <= len(src); i++ {
		checkRoundTrip(t, []byte(src[:i]))
	}
	for _, s := range []string{"\x00", "algorithm \xff", "algorithm a\ninvariant i: " + strings.Repeat("(", 10000), "algorithm a\ninvariant i: " + strings.Repeat("-", 10000) + "1", "algorithm a\ninvariant i: " + strings.Repeat("not ", 10000) + "a", "algorithm a\ninvariant i: " + strings.Repeat("a implies ", 10000) + "a", "algorithm a\ninvariant i: " + strings.Repeat("[", 10000)} {
		checkRoundTrip(t, []byte(s))
	}
	_, err := Parse("deep.dsa", []byte("algorithm a\nprocess P on all { on start {"+strings.Repeat("if a {", 300)))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "deep.dsa:2:")
	assert.Contains(t, err.Error(), "nested too deeply")
}
