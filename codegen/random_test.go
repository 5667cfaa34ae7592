package codegen_test

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/parser"
)

var (
	randomTime  = flag.Duration("random.time", 2*time.Second, "how long TestRandomSpecs and TestGeneratedSpecs each generate specs")
	randomIters = flag.Int("random.iters", 2000, "at most this many specs TestRandomSpecs and TestGeneratedSpecs each try")
)

// seedSpecs are the specs the checker accepts in the repository's tests:
// the material TestRandomSpecs and FuzzGenerate mutate.
func seedSpecs(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pattern := range []string{"../spec/testdata/ok/*.dsa", "../algorithms/*.dsa", "testdata/*.dsa", "../cmd/dsac/testdata/broken/*.dsa"} {
		files, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, f := range files {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			out[f] = src
		}
	}
	require.NotEmpty(t, out)
	return out
}

// trickyNames are names that once made accepted specs generate Go that
// does not build, or that could: Go's keywords and predeclared names, the
// generator's own names, names whose generated methods or helpers collide
// with others', names that differ only in underscores, non-ASCII names.
var trickyNames = strings.Fields(`
	func go select range type var chan defer package import interface switch case fallthrough goto
	len cap string int64 any nil error iota make new copy print close min_ max_ append delete
	st ctx from w why expl msg d b e m v k x out perm env world check holds main init
	runtime wire fmt slices time strconv tmp1 tmp2 property0 explain0 newWorld decodeMessage
	Start Stop TimerX TimerTick ListInt SetInt MapIntInt ListListInt M M2 M_2 Kind KindName Encode
	PermuteRanks TypeName Handle Fire Clone String Restart Recover Descriptor Params X Env World
	EncInt Int Bool a_b aB A_b AB Ab x_ x__ _x __ été Été π Π Ωmega`)

// trickyConstants replace integer literals: the limits of int, overflow,
// division by zero, negative indexes, long timer delays.
var trickyConstants = []string{
	"9223372036854775807", "(9223372036854775807 + 1)", "(-9223372036854775807 - 1)",
	"(1 / 0)", "(5 % (2 - 2))", "(0 - 1)", "0", "1", "min(9223372036854775807, 1)",
	"max(-9223372036854775807 - 1, 0)", "(4611686018427387904 * 2)", "9223372036854",
	"9223372036855", "-(-9223372036854775807 - 1)", "(3 / 2)", "(-7 % 3)",
}

var (
	identRE = regexp.MustCompile(`[\p{L}_][\p{L}\p{Nd}_]*`)
	intRE   = regexp.MustCompile(`\b\d+\b`)
)

// mutate applies one random change to src that keeps it well-formed more
// often than not: renaming every occurrence of a name, replacing an
// integer literal by a tricky constant, or adding declarations whose
// generated names collide with existing ones.
func mutate(r *rand.Rand, src string) string {
	switch r.Intn(6) {
	case 0, 1, 2:
		var names []string
		seen := map[string]bool{}
		for _, w := range identRE.FindAllString(src, -1) {
			if !parser.IsKeyword(w) && !seen[w] {
				seen[w] = true
				names = append(names, w)
			}
		}
		if len(names) == 0 {
			return src
		}
		from := names[r.Intn(len(names))]
		to := trickyNames[r.Intn(len(trickyNames))]
		if r.Intn(4) == 0 {
			to = from + "_" // the neighbour of an escaped name
		}
		return regexp.MustCompile(`\b`+regexp.QuoteMeta(from)+`\b`).ReplaceAllString(src, to)
	case 3:
		locs := intRE.FindAllStringIndex(src, -1)
		if len(locs) == 0 {
			return src
		}
		loc := locs[r.Intn(len(locs))]
		return src[:loc[0]] + trickyConstants[r.Intn(len(trickyConstants))] + src[loc[1]:]
	case 4:
		name := trickyNames[r.Intn(len(trickyNames))]
		if r.Intn(2) == 0 {
			return src + "\nmessage " + name + " { }\n"
		}
		return src + "\ntype " + name + " { x int; l list<int>; s set<int> }\n"
	default:
		// A process whose variables need every kind of helper, beside
		// whatever the spec already declares.
		name := trickyNames[r.Intn(len(trickyNames))]
		timer := trickyNames[r.Intn(len(trickyNames))]
		return src + fmt.Sprintf(`
process Extra%d on others {
  var l list<int>
  var s set<int>
  var mm map<int, list<int>>
  var %s int
  on start { timer %s after 1ms
    l.append(%s) }
  on timer %s { s.add(l.size()) }
}
`, r.Intn(3), name, timer, name, timer)
	}
}

// TestRandomSpecs mutates the specs of the repository's tests at random
// and, for every mutant the checker accepts, generates the Go package and
// type-checks it: whatever `dsac check` accepts must build.
func TestRandomSpecs(t *testing.T) {
	seeds := seedSpecs(t)
	var files []string
	for f := range seeds {
		files = append(files, f)
	}
	slices.Sort(files)
	randomSpecs(t, 20, func(r *rand.Rand) string {
		src := string(seeds[files[r.Intn(len(files))]])
		for k := 1 + r.Intn(3); k > 0; k-- {
			src = mutate(r, src)
		}
		return src
	})
}

// TestGeneratedSpecs writes random well-typed specs (specGen) and, for
// every one the checker accepts, generates the Go package and type-checks
// it.
func TestGeneratedSpecs(t *testing.T) {
	randomSpecs(t, 10, func(r *rand.Rand) string { return (&specGen{r: r}).spec() })
}

// randomSpecs checks the specs gen writes from seeds 0, 1, 2, ... for
// -random.time or -random.iters specs, whichever ends first, and type-checks
// the Go of every spec the checker accepts; a failure prints the spec. At
// least one spec in every few must pass the checker, or the test tests
// nothing.
func randomSpecs(t *testing.T, few int, gen func(*rand.Rand) string) {
	deadline := time.Now().Add(*randomTime)
	accepted, tried := 0, 0
	for i := 0; i < *randomIters && time.Now().Before(deadline); i++ {
		src := gen(rand.New(rand.NewSource(int64(i))))
		tried++
		if err := generateChecked(t, src); err == nil {
			accepted++
		} else if os.Getenv("DSAC_RANDOM_DEBUG") != "" {
			t.Logf("rejected:\n%s\n%v", src, err)
		}
	}
	t.Logf("%d specs, %d accepted and type-checked", tried, accepted)
	if tried >= 200 {
		require.Greater(t, accepted, tried/few, "too few specs pass the checker to test the generator")
	}
}

// FuzzGenerate: whatever the checker accepts, the generator turns into Go
// that type-checks.
func FuzzGenerate(f *testing.F) {
	for _, src := range seedSpecs(f) {
		f.Add(string(src))
	}
	for _, cases := range [][]acceptedCase{nameCases, packageCases, constantCases, foundCases, dataCases} {
		for _, tc := range cases {
			f.Add(tc.src)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		// A hang is a bug too: crash, so that the fuzzer keeps the input.
		timer := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("checking and generating hangs on %q", src)) })
		defer timer.Stop()
		_ = generateChecked(t, src)
	})
}
