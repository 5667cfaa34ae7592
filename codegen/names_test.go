package codegen

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGeneratorNamesReserved reads the generator's source: every
// lower-case name it writes with jen.Id must be one the package's names
// avoid, or a spec declaration could take it.
func TestGeneratorNamesReserved(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	id := regexp.MustCompile(`Id\("([a-z_][A-Za-z0-9_]*)"\)`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range id.FindAllStringSubmatch(string(src), -1) {
			seen++
			require.True(t, reserved(m[1]), "%s: the generator writes %q, which is not reserved (names.go)", f, m[1])
		}
	}
	require.Greater(t, seen, 50)
}

// TestLocalNameInjective: two locals of the spec never share a Go name,
// and none takes a reserved or package name.
func TestLocalNameInjective(t *testing.T) {
	globals := newScope()
	globals.take("Promise")
	names := []string{"x", "x_", "x__", "len", "len_", "len__", "st", "st_", "ctx", "why", "why_",
		"tmp1", "tmp1_", "Promise", "Promise_", "p", "m", "c", "func", "go", "_"}
	got := map[string]string{}
	for _, n := range names {
		g := localName(n, globals)
		if prev, ok := got[g]; ok {
			t.Fatalf("locals %s and %s both become %s", prev, n, g)
		}
		got[g] = n
		if n != "_" {
			require.False(t, goName(g) || topNames[g] || scopeNames[g] || numbered.MatchString(g) || globals.taken[g], "%s becomes %s", n, g)
		}
	}
	require.Equal(t, "p", localName("p", globals))
	require.Equal(t, "len_", localName("len", globals))
}

// TestTakeAll: a type's helpers share a stem that no other name has.
func TestTakeAll(t *testing.T) {
	s := newScope()
	s.take("encListInt_2")
	require.Equal(t, []string{"encListInt", "decListInt"}, s.takeAll("ListInt", "enc", "dec"))
	require.Equal(t, []string{"encListInt_3", "decListInt_3"}, s.takeAll("ListInt", "enc", "dec"))
	require.Equal(t, "check_2", s.take("check"))
}
