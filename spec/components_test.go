package spec

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/parser"
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

// relay imports ticker and passes on its even ticks.
const relay = `algorithm relay
import tk "ticker.dsa"
process Node on all {
  var seen int
  on tk.tick(k) when k % 2 == 0 { seen = k; output saw(k) }
}
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

func varNames(p *Process) []string {
	var names []string
	for _, v := range p.Vars {
		names = append(names, v.Name)
	}
	return names
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
	require.Equal(t, []string{"last", "tk.ticks"}, varNames(p))
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
			`dir/main.dsa:4:28: component tk has no state variable, function or parameter nope`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa" (perod = 1)`, ""), "dir/ticker.dsa": ticker},
			`dir/main.dsa:2:25: component tk has no parameter perod (did you mean period?)`},
		{map[string]string{"dir/main.dsa": main("", "on tk.tick(k) {}")},
			`dir/main.dsa:4:4: no component tk is imported`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, ""), "dir/ticker.dsa": strings.Replace(ticker, "ticks += 1", "ticks += true", 1)},
			"dir/ticker.dsa:9:14: cannot use true"},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, ""), "dir/ticker.dsa": "algorithm ticker\nprocess P on 0 {}\n"},
			`dir/main.dsa:2:11: a component must have one process type, placed on all`},
		{map[string]string{"dir/main.dsa": "algorithm top\nimport tk \"ticker.dsa\"\nprocess C on 0 {}\nprocess S on 1 .. n-1 {}\n", "dir/ticker.dsa": ticker},
			`dir/main.dsa:2:1: which process type runs component tk? import tk "ticker.dsa" in C (this file has 2)`},
		{map[string]string{"dir/main.dsa": "algorithm top\nimport tk \"ticker.dsa\" in Srv\nprocess C on 0 {}\nprocess S on 1 .. n-1 {}\n", "dir/ticker.dsa": ticker},
			`dir/main.dsa:2:27: no process type Srv to run component tk`},
		{map[string]string{"dir/main.dsa": "algorithm top\nimport tk \"ticker.dsa\" in S\nprocess C on 0 { on tk.tick(k) {} }\nprocess S on 1 .. n-1 {}\n", "dir/ticker.dsa": ticker},
			`dir/main.dsa:3:21: component tk runs in S, not in C: handle its events there`},
		{map[string]string{"dir/main.dsa": "algorithm top\nimport tk \"ticker.dsa\" in S\nprocess C on 0 { on start { let x = tk.ticks } }\nprocess S on 1 .. n-1 {}\n", "dir/ticker.dsa": ticker},
			`dir/main.dsa:3:37: tk.ticks is the state of component tk, which runs in S, not in C`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "var h tk.Helo"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:7: component tk has no type Helo (did you mean Hello?)`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "var h tk.Entry"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:7: component tk has no type Entry (its types: Hello)`},
		{map[string]string{"dir/main.dsa": main("", "var h tk.Hello")},
			`dir/main.dsa:4:7: no component tk is imported`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on start { let h = (tk.Hello{}) }\non tk.tick(k) { send tk.Hello{} to self }"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:5:22: cannot send tk.Hello{…}: tk.Hello is a message of component tk, and only the component sends it`},
		{map[string]string{"dir/main.dsa": main(`import rl "relay.dsa"`, "var h rl.tk.Hello\non rl.saw(k) { broadcast h to others }"), "dir/relay.dsa": relay, "dir/ticker.dsa": ticker},
			`dir/main.dsa:5:26: cannot broadcast h: rl.tk.Hello is a message of component rl.tk, and only the component sends it`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tick(k) {}\non tk.tick(j) when j > 0 {}"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:5:1: unreachable handler: tk.tick already handled at 4:1`},
		{map[string]string{"dir/main.dsa": main(`import tk "ticker.dsa"`, "on tk.tick(k) when k > 0 {}\non tk.tick(j) when exists j in Node: j > 0 {}"), "dir/ticker.dsa": ticker},
			`dir/main.dsa:5:27: j is already the name of a value of the event`},
		{map[string]string{"dir/main.dsa": main(`import rl "relay.dsa"`, "on rl.tk.tock(k) {}"), "dir/relay.dsa": relay, "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:7: component rl has no event tk.tock (its events: saw, tk.tick)`},
		{map[string]string{"dir/main.dsa": main(`import rl "relay.dsa"`, "on rl.saw(k) { let x = rl.tk }"), "dir/relay.dsa": relay, "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:27: tk is a component, not a value: name one of its state variables, as tk.x`},
		{map[string]string{"dir/main.dsa": main(`import rl "relay.dsa"`, "on rl.saw(k) { let x = rl.tk.tocks }"), "dir/relay.dsa": relay, "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:30: component rl has no state variable, function or parameter tk.tocks`},
		{map[string]string{"dir/main.dsa": main(`import rl "relay.dsa"`, "on rl.saw(k) { rl.tk.ticks = 1 }"), "dir/relay.dsa": relay, "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:16: rl.tk.ticks is the state of component rl: it can be read here but not changed`},
		{map[string]string{"dir/main.dsa": main(`import rl "relay.dsa"`, "var h rl.tk.Helo"), "dir/relay.dsa": relay, "dir/ticker.dsa": ticker},
			`dir/main.dsa:4:7: component rl has no type tk.Helo (did you mean tk.Hello?)`},
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

// TestComponentStateReadOnly: every method that changes a collection,
// the data methods (clear, sort, remove_at) as well, is refused on a
// component's state in the importer.
func TestComponentStateReadOnly(t *testing.T) {
	comp := `algorithm comp
process Node on all {
  var xs list<int>
  on start { xs.append(1); output tick(1) }
}
`
	for _, call := range []string{"append(1)", "remove(1)", "remove_at(0)", "sort()", "clear()"} {
		t.Run(call, func(t *testing.T) {
			main := "algorithm top\nimport c \"comp.dsa\"\nprocess P on all {\non c.tick(k) { c.xs." + call + " }\n}\n"
			_, got := loadFiles(t, map[string]string{"dir/main.dsa": main, "dir/comp.dsa": comp})
			require.Contains(t, got, "dir/main.dsa:4:16: c.xs is the state of component c: it can be read here but not changed")
		})
	}
}

// TestComponentsNest: a component's components come along, with both
// prefixes; the importer reads their state (rl.tk.ticks) and handles
// their events (rl.tk.tick), after the component that imports them.
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
  var lag int
  on rl.saw(k) { got = k + rl.seen }
  on rl.tk.tick(k) when k > 0 { lag = rl.tk.ticks - rl.seen + rl.tk.period }
}
invariant nested: forall p in P: p.rl.tk.ticks >= p.rl.seen
`})
	require.Empty(t, errs)
	require.Equal(t, []string{"got", "lag", "rl.seen", "rl.tk.ticks"}, varNames(alg.Processes[0]))
	require.Equal(t, "nested", alg.Properties[0].Name)
	require.Equal(t, "forall p in P: p.rl.tk.ticks >= p.rl.seen", alg.Properties[0].Text)
	require.Equal(t, "rl.tk.nonneg", alg.Properties[1].Name)
	require.Equal(t, "rl.tk.Hello", alg.Messages[0].Name)
	// relay's handler of tk.tick runs before top's: top's comes last in
	// the block that relay's opens at the output.
	got := string(parser.Format(alg.Syntax))
	relay := strings.Index(got, "rl.seen = rl.k")
	top := strings.Index(got, "lag = rl.tk.ticks - rl.seen + rl.tk.period")
	require.True(t, relay >= 0 && top > relay, "%s", got)
	require.Equal(t, 1, strings.Count(got, "output rl.tk.tick("))
}

// logger is a component with a record type and a message the importer
// may name: lg.Entry, lg.Append.
const logger = `algorithm log
type Entry { term int; cmd string }
message Append { e Entry }
process Node on all {
  var last Entry
  on start { broadcast Append{Entry{1, "x"}} to others }
  on Append m { last = m.e; output got(m.e) }
}
invariant pos: forall p in Node: p.last.term >= 0
`

// TestComponentTypes: the importer names a component's record and message
// types in its state, its messages and composite literals; two imports of
// one file are two components with types of their own.
func TestComponentTypes(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/log.dsa": logger,
		"dir/main.dsa": `algorithm top
import lg "log.dsa"
import lg2 "log.dsa"
message Fwd { e lg.Entry; a lg.Append }
process P on all {
  var seen list<lg.Entry>
  var keep lg.Append
  var other lg2.Entry
  on lg.got(e) { seen.append(e); keep = lg.Append{e}; broadcast Fwd{lg.Entry{e.term, "y"}, keep} to others }
  on lg2.got(e) { other = e }
  on Fwd m { seen.append(m.e) }
}
`})
	require.Empty(t, errs)
	var records []string
	for _, r := range alg.Records {
		records = append(records, r.Name)
	}
	require.ElementsMatch(t, []string{"lg.Entry", "lg2.Entry"}, records)
	var msgs []string
	for _, m := range alg.Messages {
		msgs = append(msgs, m.Name)
	}
	require.ElementsMatch(t, []string{"lg.Append", "lg2.Append", "Fwd"}, msgs)
	fwd := alg.Messages[slices.IndexFunc(alg.Messages, func(m *Record) bool { return m.Name == "Fwd" })]
	require.Equal(t, "lg.Entry", fwd.Fields[0].Type.String())
	require.Equal(t, "lg.Append", fwd.Fields[1].Type.String())
}

// TestComponentEventHandlers: several handlers of one event are tried in
// source order, the first whose guard holds runs, as for messages; each
// names the values as it likes.
func TestComponentEventHandlers(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/ticker.dsa": ticker,
		"dir/main.dsa": `algorithm top
import tk "ticker.dsa"
process P on all {
  var odd int
  var even int
  on tk.tick(k) when k % 2 == 1 { odd = k }
  on tk.tick(j) when j > 0 { even = j }
  on tk.tick(_) { even = -1 }
}
`})
	require.Empty(t, errs)
	// The timer handler's output is followed by one if-else chain whose
	// guards read the value under its temporary name.
	got := string(parser.Format(alg.Syntax))
	require.Contains(t, got, "output tk.tick(tk.tick.0)")
	require.Contains(t, got, "if tk.tick.0 % 2 == 1 {\n")
	require.Contains(t, got, "let k = tk.tick.0")
	require.Contains(t, got, "} else if tk.tick.0 > 0 {")
	require.Contains(t, got, "} else if true {")
}

// TestComponentEventInProc: an output in a procedure of the component,
// or in a while loop, is an event like any other.
func TestComponentEventInProc(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/c.dsa": `algorithm c
process Node on all {
  var k int
  proc tell(v int) { output told(v) }
  on start {
    tell(1)
    while k < 2 { k += 1; output told(k) }
  }
}
`,
		"dir/main.dsa": `algorithm top
import c "c.dsa"
process P on all {
  var sum int
  on c.told(v) { sum += v }
}
`})
	require.Empty(t, errs)
	got := string(parser.Format(alg.Syntax))
	require.Equal(t, 2, strings.Count(got, "sum += v"), "%s", got)
}

// TestComponentHost: a component runs in one of the importer's process
// types, which sees all of it: its all, others, n and process type are
// the host's.
func TestComponentHost(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/pinger.dsa": `algorithm pinger
message Ping {}
process Node on all {
  var heard int
  on start { broadcast Ping{} to others; broadcast Ping{} to all }
  on Ping { heard += 1; if heard == 2 * n - 1 { output complete(Node.size()) } }
}
eventually all_heard: forall p in Node: p.heard == 2 * n - 1
`,
		"dir/main.dsa": `algorithm top
import pg "pinger.dsa" in Server
process Client on 0 {}
process Server on 1 .. n - 1 {
  var k int
  on pg.complete(c) { k = c }
}
`})
	require.Empty(t, errs)
	require.Len(t, alg.Processes, 2)
	require.Empty(t, alg.Processes[0].Vars)
	require.Equal(t, []string{"k", "pg.heard"}, varNames(alg.Processes[1]))
	got := string(parser.Format(alg.Syntax))
	for _, want := range []string{
		"let pg.msg = pg.Ping{}\n      for pg.to in Server {\n        if pg.to != self {\n          send pg.msg to pg.to",
		"broadcast pg.Ping{} to Server",
		"if pg.heard == 2 * (n - 1 - 1 + 1) - 1 {",
		"let c = Server.size()",
		"eventually pg.all_heard: forall p in Server: p.pg.heard == 2 * (n - 1 - 1 + 1) - 1",
	} {
		require.Contains(t, got, want)
	}
}

// TestComponentsNestStart: an event of a nested component output in its
// start handler, which joins the start handlers of every level, is still
// handled by the middle component first, then by the importer.
func TestComponentsNestStart(t *testing.T) {
	alg, errs := loadFiles(t, map[string]string{
		"dir/c.dsa":    "algorithm c\nprocess Node on all {\n  var k int\n  on start { output up(1) }\n}\n",
		"dir/b.dsa":    "algorithm b\nimport c \"c.dsa\"\nprocess Node on all {\n  var seen int\n  on c.up(v) { seen = v }\n  on start { seen = seen + 1 }\n}\n",
		"dir/main.dsa": "algorithm top\nimport b \"b.dsa\"\nprocess P on all {\n  var got int\n  on b.c.up(v) { got = v + b.seen }\n}\n",
	})
	require.Empty(t, errs)
	got := string(parser.Format(alg.Syntax))
	middle, top := strings.Index(got, "b.seen = b.v"), strings.Index(got, "got = v + b.seen")
	require.True(t, middle >= 0 && top > middle, "%s", got)
}

// TestComponentFunctions: the importer calls a component's pure functions,
// fd.f() in its own process and p.fd.f() in a property, as it reads fd.x.
func TestComponentFunctions(t *testing.T) {
	comp := `algorithm tick
process N on all {
  var ticks int
  def twice(k int) int = 2 * k + ticks
  on start { ticks = 1 }
}
`
	alg, errs := loadFiles(t, map[string]string{
		"dir/tick.dsa": comp,
		"dir/main.dsa": `algorithm top
import tk "tick.dsa"
process P on all {
  var seen int
  on start { seen = tk.twice(3) }
}
invariant calls: forall p in P: p.tk.twice(0) == p.tk.ticks * 1 + 0
`})
	require.Empty(t, errs)
	require.Equal(t, "calls: forall p in P: p.tk.twice(0) == p.tk.ticks * 1 + 0", alg.Properties[len(alg.Properties)-1].Name+": "+alg.Properties[len(alg.Properties)-1].Text)

	_, errs = loadFiles(t, map[string]string{
		"dir/tick.dsa": comp,
		"dir/main.dsa": `algorithm top
import tk "tick.dsa"
process P on all {
  on start { output x(tk.thrice(3)) }
}
`})
	require.Contains(t, errs, `dir/main.dsa:4:26: component tk has no state variable, function or parameter thrice`)
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
