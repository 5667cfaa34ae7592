package codegen_test

// dataCases: tuples, empty literals and the list methods where they meet
// Go's syntax and the generator's names (TestAcceptedSpecsBuild).
var dataCases = []acceptedCase{
	{name: "tuple literal in the head of if", src: `algorithm a
process P on all { var t (int, node)
 on start { if (1, 2) < t { halt }
  for x in [(1, 2), t] { if x == (3, self) { halt } } } }`},
	{name: "record TupleIntInt beside (int, int)", src: `algorithm a
type TupleIntInt { x int }
process P on all { var t (int, int)
 var r TupleIntInt
 on start { t = (r.x, 1) } }`},
	{name: "local named as the tuple type", src: `algorithm a
process P on all { var t (int, int)
 on start { let TupleIntInt = t.0
  t = (TupleIntInt, 1) } }`},
	{name: "set and map of nested tuples", src: `algorithm a
process P on all { var s set<(int, (string, node))>
 var m map<(string, int), list<(bool, int)>>
 on start { s.add((1, ("x", self)))
  m[("a", 1)] = [(true, 2)]
  for k, v in m { s.add((k.1, (k.0, v[0].1))) }
  output o(s, m, m.keys(), m.values(), sorted(s)) } }`},
	{name: "empty literals in every context", src: `algorithm a
message M { s set<int>; m map<int, bool>; l list<int> }
process P on all { var s set<int> = {}
 var m map<int, set<int>>
 on start { m[1] = {}
  s = {}
  send M{{}, {}, []} to self
  if s == {} and {} != m and m[2] == {} { halt } }
 on M x { s = x.s } }`},
	{name: "remove from a list of lists", src: `algorithm a
process P on all { var l list<list<int>>
 var ls map<int, list<int>>
 on start { l.remove([1]); l.remove_at(0); l.clear()
  ls[1].remove(2); ls[1].remove_at(0); ls[1].sort(); ls[2].clear() } }`},
	{name: "min_by in a guard and a property", src: `algorithm a
message M { v int }
process P on all { var l list<int>
 on start { send M{1} to self }
 on M m when min_by(i in 0 .. 3: i) == m.v { l.append(max_by(x in l: -x)) } }
invariant i: forall p in P: min_by(x in p.l: x) >= 0`},
	{name: "min_by whose key ignores its variable", src: `algorithm a
process P on all { var s set<int>
 on start { let x = min_by(e in s: 1) } }`},
	{name: "destructuring, parts unused or named as Go", src: `algorithm a
process P on all { var t (int, (string, node))
 on start { let (len, _) = t
  let (x, y) = t.1
  let (func, go) = (1, 2)
  y = 3
  output o(len, func) } }`},
	{name: "tuple with a list part", src: "algorithm a\nprocess P on all { var t (int, list<int>) }",
		wantErr: "2:32: invalid tuple part type list<int>"},
	{name: "sort of unordered elements", src: "algorithm a\nprocess P on all { var l list<bool>\n on start { l.sort() } }",
		wantErr: "3:15: l.sort undefined"},
}
