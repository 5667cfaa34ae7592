package parser

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/source"
)

// TestDestructure checks that for loops, forall and exists name the parts
// of tuples, with their positions, and that dsac fmt prints them back.
func TestDestructure(t *testing.T) {
	stmts := handlerBody(t, `
    for (ts, who) in queue { }
    for i, (ts, _) in log { }
    for (a, b), v in m { }
    for k, v in m { }
    if forall (ts, _), x in queue: ts > 0 { }
`)
	f1 := stmts[0].(*ForStmt)
	assert.Nil(t, f1.Key)
	require.NotNil(t, f1.KeyTuple)
	assert.Equal(t, []string{"ts", "who"}, identNames(f1.KeyTuple.Parts))
	pos := f1.KeyTuple.Position()
	assert.Equal(t, [2]int{5, 9}, [2]int{pos.Line, pos.Col})
	assert.Nil(t, f1.Value)
	assert.Nil(t, f1.ValueTuple)

	f2 := stmts[1].(*ForStmt)
	assert.Equal(t, "i", f2.Key.Name)
	assert.Nil(t, f2.Value)
	assert.Equal(t, []string{"ts", "_"}, identNames(f2.ValueTuple.Parts))

	f3 := stmts[2].(*ForStmt)
	assert.Equal(t, []string{"a", "b"}, identNames(f3.KeyTuple.Parts))
	assert.Equal(t, "v", f3.Value.Name)

	f4 := stmts[3].(*ForStmt)
	assert.Nil(t, f4.KeyTuple)
	assert.Nil(t, f4.ValueTuple)

	q := stmts[4].(*IfStmt).Cond.(*Quantifier)
	require.Len(t, q.Vars, 2)
	require.Len(t, q.Tuples, 2)
	assert.Nil(t, q.Vars[0])
	assert.Equal(t, []string{"ts", "_"}, identNames(q.Tuple(0).Parts))
	assert.Equal(t, "x", q.Vars[1].Name)
	assert.Nil(t, q.Tuple(1))
	assert.Equal(t, []string{"ts", "_", "x"}, identNames(q.Names()))

	src := "algorithm a\n\nprocess P on all {\n  on start {\n    for (ts, who) in queue {}\n    for i, (ts, _) in log {}\n    if forall (a, b), c in s: a > c.0 and exists (x, _) in s: x > b {}\n  }\n}\n"
	f, err := Parse("f.dsa", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, src, string(Format(f)))
}

// TestDestructureErrors checks the positioned errors of patterns that are
// not a tuple's parts: one name in parentheses, and nested patterns.
func TestDestructureErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"for (a) in q { }", `e.dsa:4:11: unexpected token ")" (expected ",")`},
		{"for ((a, b), c) in q { }", `e.dsa:4:10: unexpected token "(" (expected a name)`},
		{"for k, ((a, b), c) in q { }", `e.dsa:4:13: unexpected token "(" (expected a name)`},
		{"if forall (a) in q: true { }", `e.dsa:4:17: unexpected token ")" (expected ",")`},
		{"if exists ((a, b), c) in q: true { }", `e.dsa:4:16: unexpected token "(" (expected a name)`},
		{"if forall (a, b in q: true { }", `e.dsa:4:21: unexpected token "in" (expected ")")`},
		// An aggregate takes names: count (a, b) in s is a call of count.
		{"if count (a, b) in s: true { }", `e.dsa:4:25: unexpected token ":" (expected "{")`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := Parse("e.dsa", []byte("algorithm a\nprocess P on all {\n  on start {\n    "+tt.src+"\n  }\n}\n"))
			require.Error(t, err)
			var list source.ErrorList
			require.True(t, errors.As(err, &list), "%T", err)
			assert.Equal(t, tt.want, list[0].Error())
		})
	}
}

func identNames(ids []*Ident) []string {
	var out []string
	for _, id := range ids {
		out = append(out, id.Name)
	}
	return out
}
