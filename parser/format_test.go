package parser

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of the formatter tests")

// TestFormatGolden formats every testdata/format/*.dsa and compares the
// result with the .golden file next to it; -update rewrites the golden
// files. The golden text must also be a fixed point of the formatter and
// parse to the same tree as the input.
func TestFormatGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/format/*.dsa")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			require.NoError(t, err)
			f, err := Parse(name, src)
			require.NoError(t, err)
			got := Format(f)
			golden := strings.TrimSuffix(name, ".dsa") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))

			f2, err := Parse(golden, got)
			require.NoError(t, err)
			assert.Equal(t, dump(f), dump(f2), "formatted text parses to a different tree")
			assert.Equal(t, string(got), string(Format(f2)), "formatting is not idempotent")
			assert.Equal(t, len(f.Comments), len(f2.Comments), "comments lost")
			checkRoundTrip(t, src)
		})
	}
}

// TestShippedSpecsFormatted checks that every spec in algorithms/ is
// already in the layout dsac fmt prints.
func TestShippedSpecsFormatted(t *testing.T) {
	files, err := filepath.Glob("../algorithms/*.dsa")
	require.NoError(t, err)
	checked := 0
	for _, name := range files {
		checked++
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			require.NoError(t, err)
			f, err := Parse(name, src)
			require.NoError(t, err)
			assert.Equal(t, string(src), string(Format(f)), "not in canonical layout: run dsac fmt -w %s", name)
			checkRoundTrip(t, src)
		})
	}
	assert.GreaterOrEqual(t, checked, 8)
}

// TestFormatBuiltTree formats a tree built by hand, without positions.
func TestFormatBuiltTree(t *testing.T) {
	id := func(s string) *Ident { return &Ident{Name: s} }
	f := &File{
		Name: id("built"),
		Decls: []Decl{
			&ParamDecl{Name: id("k"), Type: &TypeExpr{Name: id("int")}, Default: &IntLit{Value: 3}},
			&MessageDecl{Name: id("M"), Fields: []*Field{{Name: id("x"), Type: &TypeExpr{Name: id("set"), Args: []*TypeExpr{{Name: id("node")}}}}}},
			&ProcessDecl{Name: id("P"), Placement: &Placement{Ranks: &Range{Lo: &IntLit{Value: 0}, Hi: &Name{Name: "k"}}}, Members: []Member{
				&VarDecl{Name: id("v"), Type: &TypeExpr{Name: id("int")}},
				&Handler{Event: &Event{Start: true}, Body: &Block{Stmts: []Stmt{
					&TimerStmt{Name: id("t"), Delay: &IntLit{Value: 2000, Unit: "s"}},
					&SendStmt{Msg: &Composite{Type: id("M"), Fields: []*FieldInit{{Name: id("x"), Value: &StringLit{Value: "a\"b"}}}}, To: &Unary{Op: "-", X: &Unary{Op: "-", X: &Name{Name: "self"}}}},
				}}},
				&Handler{Event: &Event{Timer: id("t")}, Body: &Block{}},
			}},
			&PropertyDecl{Kind: "invariant", Name: id("i"), Expr: &Quantifier{Kind: "forall", Vars: []*Ident{id("p")}, Range: &Name{Name: "P"}, Body: &Binary{Op: ">=", X: &Selector{X: &Name{Name: "p"}, Name: id("v")}, Y: &IntLit{Value: 0}}}},
		},
	}
	want := `algorithm built

param k int = 3

message M { x set<node> }

process P on 0 .. k {
  var v int
  on start {
    timer t after 2s
    send M{x: "a\"b"} to - -self
  }
  on timer t {}
}

invariant i: forall p in P: p.v >= 0
`
	got := string(Format(f))
	assert.Equal(t, want, got)
	f2, err := Parse("built.dsa", []byte(got))
	require.NoError(t, err)
	assert.Equal(t, got, string(Format(f2)))
}
