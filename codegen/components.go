package codegen

import (
	"path"
	"strings"

	"github.com/dsac-lang/dsac/source"
)

// specFile names the file of a position in the spec as the generated code
// shows it. A component's code (spec/components.go) keeps the position
// in its own file: that file is named relative to Options.Source as it is
// to the importing file, so that //line directives and fault reports point
// at the component's source.
func (g *generator) specFile(pos source.Pos) string {
	if pos.File == "" || pos.File == g.alg.File {
		return g.opts.Source
	}
	dir := path.Dir(g.alg.File)
	if rel, ok := strings.CutPrefix(pos.File, dir+"/"); ok || dir == "." {
		if dir == "." {
			rel = pos.File
		}
		return path.Join(path.Dir(g.opts.Source), rel)
	}
	return pos.File
}
