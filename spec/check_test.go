package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// The error tests follow go/types: every line of testdata/errors/*.dsa that
// should get a diagnostic ends in a comment
//
//	// ERROR "regexp"
//
// (several quoted regexps for several errors on one line; the text between
// the quotes is the regexp, with no escapes: quote with `…` to use "). The file must get exactly those errors: each on its
// line, matching its regexp, and no other.

var errorComment = regexp.MustCompile(`//\s*ERROR\s+(.*)$`)
var quoted = regexp.MustCompile("\"[^\"]*\"|`[^`]*`")

type expectation struct {
	line    int
	re      *regexp.Regexp
	matched bool
}

func expectations(t *testing.T, src []byte) []*expectation {
	var out []*expectation
	for i, line := range strings.Split(string(src), "\n") {
		m := errorComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		qs := quoted.FindAllString(m[1], -1)
		require.NotEmpty(t, qs, "line %d: ERROR without a quoted regexp", i+1)
		for _, q := range qs {
			re, err := regexp.Compile(q[1 : len(q)-1])
			require.NoError(t, err, "line %d", i+1)
			out = append(out, &expectation{line: i + 1, re: re})
		}
	}
	return out
}

// allErrors checks a file and returns every diagnostic, sorted and without
// duplicates, bypassing the limit Check applies.
func allErrors(t *testing.T, filename string, src []byte) source.ErrorList {
	file, err := parser.Parse(filename, src)
	require.NoError(t, err, "the error tests are for the checker: the file must parse")
	_, errs := check(file, filename)
	errs = append(source.ErrorList(nil), errs...)
	sort.Stable(errs)
	out := errs[:0]
	for i, d := range errs {
		if i > 0 && d.Pos == errs[i-1].Pos && d.Msg == errs[i-1].Msg {
			continue
		}
		out = append(out, d)
	}
	return out
}

func TestErrors(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.dsa")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	total := 0
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			want := expectations(t, src)
			require.NotEmpty(t, want, "no ERROR comments")
			total += len(want)
			for _, d := range allErrors(t, f, src) {
				require.Equal(t, f, d.Pos.File, "diagnostic without the file name: %v", d)
				found := false
				for _, e := range want {
					if !e.matched && e.line == d.Pos.Line && e.re.MatchString(d.Msg) {
						e.matched, found = true, true
						break
					}
				}
				if !found {
					t.Errorf("unexpected error %s", d)
				}
			}
			for _, e := range want {
				if !e.matched {
					t.Errorf("%s:%d: missing error matching %q", f, e.line, e.re)
				}
			}
		})
	}
	t.Logf("%d expected errors in %d files", total, len(files))
}

// TestCheckLimitsErrors checks that Check reports at most MaxErrors errors,
// sorted by position, each as file:line:col: message, and then says that
// there were too many.
func TestCheckLimitsErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("algorithm many\nprocess P on all { }\n")
	for i := 0; i < 25; i++ {
		b.WriteString("param p" + strconv.Itoa(i) + " int = true\n")
	}
	file, err := parser.Parse("many.dsa", []byte(b.String()))
	require.NoError(t, err)
	alg, err := Check(file, "many.dsa")
	require.NotNil(t, alg)
	var list source.ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, source.MaxErrors+1)
	require.Equal(t, "many.dsa:13:17: too many errors", list[source.MaxErrors].Error())
	for i, d := range list[:source.MaxErrors] {
		require.Equal(t, i+3, d.Pos.Line)
		require.Regexp(t, `^many\.dsa:\d+:\d+: cannot use true \(type bool\) as int in param default$`, d.Error())
	}
}

// TestLongFlatExpression checks that a long chain of operators, deep as a
// tree but not nested, is no "expression nested too deeply".
func TestLongFlatExpression(t *testing.T) {
	src := "algorithm flat\nprocess P on all {\n  var x int\n  on start { x = " +
		strings.Repeat("x + ", 501) + "1 }\n}\ninvariant small: forall p in P: " + strings.Repeat("p.x * ", 501) + "1 >= 0\n"
	_, err := Load("flat.dsa", []byte(src))
	require.NoError(t, err)
}

func okFiles(t testing.TB) []string {
	files, err := filepath.Glob("testdata/ok/*.dsa")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

func loadOK(t *testing.T, f string) *Algorithm {
	src, err := os.ReadFile(f)
	require.NoError(t, err)
	alg, err := Load(f, src)
	if err != nil {
		var b strings.Builder
		source.Print(&b, err, map[string][]byte{f: src})
		t.Fatalf("%s does not check:\n%s", f, b.String())
	}
	return alg
}

// TestOK checks that the ok files check cleanly, and that Info describes
// every node of their syntax trees.
func TestOK(t *testing.T) {
	for _, f := range okFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			alg := loadOK(t, f)
			info := alg.Info
			ids := map[int]*Symbol{}
			sym := func(s *Symbol) {
				if prev, ok := ids[s.ID]; ok {
					require.Same(t, prev, s, "two symbols with ID %d", s.ID)
				}
				ids[s.ID] = s
			}
			defs := map[*parser.Ident]bool{}
			def := func(id *parser.Ident) {
				if id != nil {
					defs[id] = true
				}
			}
			parser.Inspect(alg.Syntax, func(n parser.Node) bool {
				switch x := n.(type) {
				case *parser.ParamDecl:
					defs[x.Name] = true
				case *parser.VarDecl:
					defs[x.Name] = true
				case *parser.ProcessDecl:
					defs[x.Name] = true
				case *parser.LetStmt:
					def(x.Name)
					for _, id := range x.Parts {
						def(id)
					}
				case *parser.FuncDecl:
					defs[x.Name] = true
					for _, f := range x.Params {
						defs[f.Name] = true
					}
				case *parser.ProcDecl:
					defs[x.Name] = true
					for _, f := range x.Params {
						defs[f.Name] = true
					}
				case *parser.ForStmt:
					def(x.Key)
					def(x.Value)
				case *parser.TuplePattern:
					for _, id := range x.Parts {
						def(id)
					}
				case *parser.Quantifier:
					for _, v := range x.Vars {
						def(v)
					}
				case *parser.Event:
					if x.Binding != nil {
						defs[x.Binding] = true
					}
					if x.From != nil {
						defs[x.From] = true
					}
				}
				e, ok := n.(parser.Expr)
				if !ok {
					return true
				}
				where := n.Position().String() + ": " + exprString(e)
				typ, ok := info.Types[e]
				require.True(t, ok, "no type for %T %s", e, where)
				require.NotEqual(t, TInvalid, typ, "invalid type for %s", where)
				switch x := e.(type) {
				case *parser.Name:
					if f, isFunc := typ.(*Func); isFunc {
						require.True(t, isBuiltinFunc(x.Name) || f.Def != nil && info.Uses[x] == f.Def.Symbol, where)
						break
					}
					s := info.Uses[x]
					require.NotNil(t, s, "no symbol for %s", where)
					require.Equal(t, x.Name, s.Name, where)
					sym(s)
				case *parser.Call:
					require.NotNil(t, info.Calls[x], "no call info for %s", where)
					require.IsType(t, &Func{}, info.Types[x.Fun], where)
				case *parser.Composite:
					ci := info.Composites[x]
					require.NotNil(t, ci, "no composite info for %s", where)
					require.Len(t, ci.Values, len(ci.Record.Fields), where)
				}
				return true
			})
			for id := range defs {
				s := info.Defs[id]
				require.NotNil(t, s, "no definition for %s at %s", id.Name, id.Position())
				require.Equal(t, id.Name, s.Name)
				sym(s)
			}
			for i, m := range alg.Messages {
				require.Equal(t, i+1, m.Kind)
				require.True(t, m.Message)
			}
			for _, p := range alg.Processes {
				for _, h := range p.Handlers {
					if h.Kind == OnTimer {
						require.Equal(t, h.Decl.Event.Timer.Name, p.Timers[h.Timer])
					}
				}
			}
		})
	}
}

// TestPaxosModel spot-checks the model built for the Paxos example.
func TestPaxosModel(t *testing.T) {
	alg := loadOK(t, "testdata/ok/paxos.dsa")
	require.Equal(t, "paxos", alg.Name)
	require.Equal(t, "testdata/ok/paxos.dsa", alg.File)
	require.Len(t, alg.Params, 1)
	require.Equal(t, TInt, alg.Params[0].Type)
	var names []string
	for _, m := range alg.Messages {
		names = append(names, m.Name)
	}
	require.Equal(t, []string{"Prepare", "Promise", "Accept", "Accepted"}, names)
	require.Len(t, alg.Processes, 2)
	prop, acc := alg.Processes[0], alg.Processes[1]
	require.Equal(t, PlaceRange, prop.Placement)
	require.Equal(t, "0", exprString(prop.Lo))
	require.Equal(t, "proposers - 1", exprString(prop.Hi))
	require.Equal(t, PlaceOthers, acc.Placement)
	require.Equal(t, 1, acc.Index)
	require.Len(t, prop.Vars, 7)
	require.Equal(t, "map<int, set<node>>", prop.Var("votes").Type.String())
	require.Len(t, prop.Handlers, 3)
	h := prop.Handlers[1]
	require.Equal(t, OnMessage, h.Kind)
	require.Equal(t, "Promise", h.Message.Name)
	require.Equal(t, SymMessage, h.Binding.Kind)
	require.Equal(t, h.Message, h.Binding.Type)
	require.Equal(t, SymSender, h.From.Kind)
	require.NotNil(t, h.Guard)
	require.Len(t, alg.Properties, 2)
	require.False(t, alg.Properties[0].Eventually)
	require.True(t, alg.Properties[1].Eventually)
	require.Equal(t, "forall p in Proposer: p.decided", alg.Properties[1].Text)
}

// TestRecoveryModel checks durable variables and the recover handler.
func TestRecoveryModel(t *testing.T) {
	alg := loadOK(t, "testdata/ok/recovery.dsa")
	p := alg.Processes[0]
	var durable []string
	for _, v := range p.Vars {
		if v.Durable {
			durable = append(durable, v.Name)
		}
	}
	require.Equal(t, []string{"term", "log"}, durable)
	var kinds []EventKind
	for _, h := range p.Handlers {
		kinds = append(kinds, h.Kind)
	}
	require.Equal(t, []EventKind{OnStart, OnRecover, OnMessage, OnMessage, OnMessage, OnTimer}, kinds)
	require.NotNil(t, p.Handlers[1].Guard)
}

// TestInfoDetails checks particular entries of Info.
func TestInfoDetails(t *testing.T) {
	src := `algorithm d
message M { a int; b string; c list<int> }
process P on all {
  var s set<int>
  var l list<int>
  on start {
    s.add(1)
    let x = M{c: [1], a: 2}
    send x to self
    for i, v in l { s.add(i + v) }
  }
  on M m from q { output got(m.a, q, majority(P)) }
}
invariant inv: forall p in P: p.self in P and p.s.size() >= 0
`
	alg, err := Load("d.dsa", []byte(src))
	require.NoError(t, err)
	info := alg.Info
	var calls []*CallInfo
	var comp *CompositeInfo
	var names = map[string][]*Symbol{}
	parser.Inspect(alg.Syntax, func(n parser.Node) bool {
		switch x := n.(type) {
		case *parser.Call:
			calls = append(calls, info.Calls[x])
		case *parser.Composite:
			comp = info.Composites[x]
		case *parser.Name:
			names[x.Name] = append(names[x.Name], info.Uses[x])
		}
		return true
	})
	require.Len(t, calls, 4)
	require.Equal(t, MethodAdd, calls[0].Builtin)
	require.Equal(t, "set<int>", calls[0].Recv.String())
	require.Equal(t, BuiltinMajority, calls[2].Builtin)
	require.Nil(t, calls[2].Recv)
	require.Equal(t, MethodSize, calls[3].Builtin)
	require.Equal(t, "M", comp.Record.Name)
	require.Equal(t, "2", exprString(comp.Values[0]))
	require.Nil(t, comp.Values[1])
	require.Equal(t, "[1]", exprString(comp.Values[2]))
	require.Equal(t, SymLocal, names["x"][0].Kind)
	require.Equal(t, SymSelf, names["self"][0].Kind)
	require.Equal(t, SymLoopVar, names["i"][0].Kind)
	require.Equal(t, SymStateVar, names["s"][0].Kind)
	require.Equal(t, SymSender, names["q"][0].Kind)
	require.Equal(t, SymGroup, names["P"][0].Kind)
	require.Equal(t, alg.Processes[0], names["P"][0].Process)
	require.Equal(t, SymQuantVar, names["p"][0].Kind)
	require.Equal(t, "P", names["p"][0].Type.String())
	require.IsType(t, &ProcState{}, names["p"][0].Type)
	require.Same(t, names["s"][0], names["s"][1])
	require.Equal(t, PlaceAll, alg.Processes[0].Placement)
}

func FuzzCheck(f *testing.F) {
	for _, dir := range []string{"testdata/ok", "testdata/errors", "../algorithms"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.dsa"))
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := parser.Parse("fuzz.dsa", src)
		if err != nil {
			return
		}
		// A hang is a bug too: crash, so that the fuzzer keeps the input.
		timer := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Check hangs on %q", src)) })
		defer timer.Stop()
		alg, err := Check(file, "fuzz.dsa")
		if alg == nil {
			t.Fatal("Check returned no algorithm")
		}
		if err != nil {
			var list source.ErrorList
			if !errorsAs(err, &list) || len(list) == 0 || len(list) > source.MaxErrors+1 {
				t.Fatalf("bad error %T %v", err, err)
			}
		}
	})
}

func errorsAs(err error, list *source.ErrorList) bool {
	l, ok := err.(source.ErrorList)
	*list = l
	return ok
}

// TestMutations replaces, one at a time, every word of the ok files with
// other words of the language and checks that the checker survives every
// mutant that parses: a cheap way to reach the checker's error paths with
// well-formed trees, which byte-level fuzzing rarely builds.
func TestMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	word := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*|\d+|\.\.|[+\-*/%<>=!]=?|[\[\]{}(),.:]`)
	subst := []string{
		"x", "self", "n", "_", "Prepare", "Proposer", "Entry", "int", "bool", "set", "list",
		"map", "node", "size", "add", "majority", "now", "true", "0", "\"s\"", "..", "in",
		"[]", "[1]", "(", "{", "}", "forall", "not", "+", "==", "<", "and", ",", ".",
	}
	parsed := 0
	for _, f := range okFiles(t) {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, loc := range word.FindAllIndex(src, -1) {
			// A deterministic sample of three substitutions per word keeps
			// the test fast; DSAC_MUTATIONS=all tries every one.
			for k, s := range subst {
				if os.Getenv("DSAC_MUTATIONS") != "all" && (k+i*7)%len(subst) >= 3 {
					continue
				}
				mutant := append(append(append([]byte(nil), src[:loc[0]]...), s...), src[loc[1]:]...)
				file, err := parser.Parse("mutant.dsa", mutant)
				if err != nil {
					continue
				}
				parsed++
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("Check panics on %s with %q at offset %d: %v", f, s, loc[0], r)
						}
					}()
					alg, err := Check(file, "mutant.dsa")
					require.NotNil(t, alg)
					if err != nil {
						var list source.ErrorList
						require.ErrorAs(t, err, &list)
						require.NotEmpty(t, list)
					}
				}()
			}
		}
	}
	t.Logf("%d mutants parsed", parsed)
}

func TestLoadParseError(t *testing.T) {
	alg, err := Load("bad.dsa", []byte("algorithm\n"))
	require.Nil(t, alg)
	require.Error(t, err)
	require.Contains(t, err.Error(), "bad.dsa:")

	alg, err = Check(nil, "none.dsa")
	require.NotNil(t, alg)
	require.Error(t, err)
}
