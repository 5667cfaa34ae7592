package spec

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/source"
)

// ticker is a component: it outputs tick(k) at each of its timer's firings.
const ticker = `algorithm ticker
param period int = 10
message Hello {}
process Node on all {
  var ticks int
  on start { timer t every period; broadcast Hello{} to others }
  on Hello {}
  on timer t {
    ticks += 1
    output tick(ticks)
  }
}
invariant nonneg: forall p in Node: p.ticks >= 0
`

// loadFiles checks main.dsa among the given files, all in memory, and
// returns the algorithm and the printed diagnostics.
func loadFiles(t *testing.T, files map[string]string) (*Algorithm, string) {
	t.Helper()
	read := func(name string) ([]byte, error) {
		if text, ok := files[name]; ok {
			return []byte(text), nil
		}
		return nil, os.ErrNotExist
	}
	alg, err := LoadWith("dir/main.dsa", []byte(files["dir/main.dsa"]), read)
	if err == nil {
		return alg, ""
	}
	src := map[string][]byte{}
	for name, text := range files {
		src[name] = []byte(text)
	}
	var b bytes.Buffer
	source.Print(&b, err, src)
	return alg, b.String()
}

func TestComponentExpanded(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/ticker.dsa": ticker,
		"dir/main.dsa": `algorithm top
import tk "ticker.dsa" (period = 2 * step)
param step int = 5
process P on all {
  var last int
  on start { last = -1 }
  on tk.tick(k) when k > tk.ticks - 1 { last = k + tk.period }
}
invariant follows: forall p in P: p.last <= p.tk.ticks + p.tk.ticks * 0 + 100
`})
	require.Empty(t, errs)
	require.Len(t, alg.Processes, 1)
	p := alg.Processes[0]
	var vars []string
	for _, v := range p.Vars {
		vars = append(vars, v.Name)
	}
	require.Equal(t, []string{"last", "tk.ticks"}, vars)
	require.Equal(t, []string{"tk.t"}, p.Timers)
	var params []string
	for _, q := range alg.Params {
		params = append(params, q.Name)
	}
	require.Equal(t, []string{"step", "tk.period"}, params)
	require.Equal(t, "tk.Hello", alg.Messages[0].Name)
	var props []string
	for _, q := range alg.Properties {
		props = append(props, q.Name+": "+q.Text)
	}
	require.Equal(t, []string{"follows: forall p in P: p.last <= p.tk.ticks + p.tk.ticks * 0 + 100",
		"tk.nonneg: forall p in P: p.tk.ticks >= 0"}, props)
	// One start handler: the component's, then the importer's.
	var starts int
	for _, h := range p.Handlers {
		if h.Kind == OnStart {
			starts++
			require.Len(t, h.Body.Stmts, 3)
		}
	}
	require.Equal(t, 1, starts)
}

// TestComponentErrors: each mistake is an error at its position, in the
// file it is in, with the source line.
func TestComponentErrors(t *testing.T) {
	main := func(imports, body string) string {
		return "algorithm main\n" + imports + "\nprocess P on all {\n" + body + "\n}\n"
	}
	cases := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"dir/main.dsa": main(`import tk "nosuch.dsa"`, "")},
			`dir/main.dsa:2:11: cannot read component dir/nosuch.dsa`},
		{map[string]string{"dir/main.dsa": main(`import tk "main.dsa"`, "")},
			`dir/main.dsa:2:11: import cycle: dir/main.dsa imports dir/main.dsa`},
		{map[string]string{"dir/main.dsa": main(`import a "a.dsa"`, ""),
			"dir/a.dsa": main(`import m "main.dsa"`, "")},
			`dir/a.dsa:2:10: import cycle: dir/main.dsa imports dir/a.dsa imports dir/main.dsa`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`+"\n"+`import tk "ticker.dsa"`, ""), "dir/ticker.dsa": ticker},
			`dir/main.dsa:3:8: component tk imported twice (previous import at 2:8)`},
		{map[string]string{"dir/main.dsa": main(`import last "ticker.dsa"`, "var last int"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:2:8: component name last clashes with the name declared at 4:5`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tock(k) {}"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:7: component tk has no event tock (its events: tick)`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tick() {}"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:6: tk.tick has 1 values`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tick(k) { return }"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:17: return in a handler of a component's event`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tick(k) { tk.ticks = 0 }"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:17: tk.ticks is the state of component tk: it can be read here but not changed`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tick(k) { let x = tk.nope }"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:28: component tk has no state variable or parameter nope`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa" (perod = 1)`, ""), "dir/ticker.dsa": ticker},
			`dir/main.dsa:2:25: component tk has no parameter perod (did you mean period?)`},
		{map[string]string{"dir/main.dsa": main("", "on tk.tick(k) {}")},
			`dir/main.dsa:4:4: no component tk is imported`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, ""), "dir/ticker.dsa": strings.Replace(ticker, "ticks += 1", "ticks += true", 1)},
			"dir/ticker.dsa:9:14: cannot use true"},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, ""), "dir/ticker.dsa": "algorithm ticker\nprocess P on 0 {}\n"},
			`dir/main.dsa:2:11: a component must have one process type, placed on all`},
		{map[string]string{"dir/main.dsa": "algorithm main\nimport tk \"ticker.dsa\"\nprocess P on 0 {}\n", "dir/ticker.dsa": ticker},
			`dir/main.dsa:3:14: a file that imports components must place its process type on all`},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			_, got := loadFiles(t, c.files)
			require.Contains(t, got, c.want)
			// Every diagnostic comes with its source line and a caret.
			require.Regexp(t, `\n +\^\n`, got)
		})
	}
}

// TestComponentsNest: a component's components come along, with both
// prefixes; their events are handled where they are imported.
func TestComponentsNest(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/ticker.dsa": ticker,
		"dir/lib/relay.dsa": `algorithm relay
import tk "../ticker.dsa"
process Node on all {
  var seen int
  on tk.tick(k) { seen = k; output saw(k) }
}
`,
		"dir/main.dsa": `algorithm top
import rl "lib/relay.dsa"
process P on all {
  var got int
  on rl.saw(k) { got = k + rl.seen }
}
`})
	require.Empty(t, errs)
	var names []string
	for _, v := range alg.Processes[0].Vars {
		names = append(names, v.Name)
	}
	require.Equal(t, []string{"got", "rl.seen", "rl.tk.ticks"}, names)
	require.Equal(t, "rl.tk.nonneg", alg.Properties[0].Name)
	require.Equal(t, "rl.tk.Hello", alg.Messages[0].Name)
}

// TestComponentFunctionParams: the parameters of a component's functions
// and procedures are renamed with the names in their bodies, so a body
// still finds them (they were left as written while their uses became
// tk.x, "undefined: tk.x").
func TestComponentFunctionParams(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/comp.dsa": `algorithm comp
param step int = 2
process Node on all {
  var total int
  def next(x int) int = x + step
  proc add(y int) { total = next(y) }
  on start { add(total) }
}
`,
		"dir/main.dsa": `algorithm top
import tk "comp.dsa"
process P on all {
  var x int
  on start { x = tk.total }
}
`})
	require.Empty(t, errs)
	require.NotNil(t, alg)
}
