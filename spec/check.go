package spec

import (
	"fmt"
	"go/constant"
	"os"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/source"
)

// Check resolves and type-checks a parsed file. filename names the file in
// diagnostics. The error, if any, is a source.ErrorList holding every
// problem found (at most source.MaxErrors of them), sorted by position.
//
// The returned Algorithm is never nil; when the error is not nil it is
// incomplete and must not be handed to codegen.
func Check(file *parser.File, filename string) (*Algorithm, error) {
	alg, errs := check(file, filename)
	return alg, errs.Err()
}

// Load parses src and checks it: parser.Parse followed by Check. The
// files it imports are read with os.ReadFile.
func Load(filename string, src []byte) (*Algorithm, error) {
	return LoadWith(filename, src, os.ReadFile)
}

// LoadWith is Load with the imported files read by read.
func LoadWith(filename string, src []byte, read ReadFile) (*Algorithm, error) {
	file, err := parser.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	alg, errs := checkWith(file, filename, newLoader(read))
	return alg, errs.Err()
}

// check is Check without the limit on the number of errors reported; the
// tests use it to see every error of a file.
func check(file *parser.File, filename string) (*Algorithm, source.ErrorList) {
	return checkWith(file, filename, newLoader(os.ReadFile))
}

// checkWith expands the file's imports (components.go) and checks the
// result.
func checkWith(file *parser.File, filename string, l *loader) (*Algorithm, source.ErrorList) {
	nerr := len(l.errs)
	flat := l.expand(file, filename)
	if len(l.errs) > nerr || flat == nil && file != nil {
		errs := append(source.ErrorList(nil), l.errs[nerr:]...)
		l.errs = l.errs[:nerr]
		return newChecker(file, filename).alg, errs
	}
	c := newChecker(flat, filename)
	c.imported = l.files
	c.run()
	return c.alg, c.errs
}

// mode says what kind of code the checker is in; it decides which names,
// built-ins and statements are allowed.
type mode int

const (
	modeHandler  mode = iota // a handler body or guard
	modeInit                 // the initialiser of a state variable
	modeConst                // a param default or a placement
	modeProperty             // an invariant or eventually-property
	modeFunc                 // the body of a function (def): pure
)

// context is what the checker knows about where it is.
type context struct {
	mode    mode
	where   string    // for messages: "placement", "param default", "property", "initializer"
	proc    *Process  // the enclosing process, or nil
	handler *Handler  // the enclosing handler, or nil
	fn      *Function // the enclosing function or procedure, or nil
	params  int       // modeConst: only params[:params] may be used
	scope   *scope
	// handlerScope is, in the parts of an await, the scope of the
	// handler around it, whose locals they cannot use.
	handlerScope *scope
	// noReply, in the body or else block of an await, says why a reply
	// cannot be there: the handler around it has a message, but that is
	// not what the block runs on.
	noReply string
}

// procInfo is what the checker tracks per process while checking it.
type procInfo struct {
	scope         *scope
	timerHandlers map[string]source.Pos // timers with an `on timer` handler
	armed         map[string][]source.Pos
	events        map[string][]*Handler // handlers by event, in source order
}

type checker struct {
	file     *parser.File
	filename string
	alg      *Algorithm
	info     *Info
	errs     source.ErrorList
	nextID   int

	universe *scope
	global   *scope
	types    map[string]*Record // records and messages by name
	procs    map[string]*Process
	pinfo    map[*Process]*procInfo
	params   map[*Param]int   // declaration index
	sent     map[*Record]bool // message types some statement sends
	self, n  *Symbol

	paramSyms   []*Symbol // parallel to alg.Params
	groups      map[*Process]*Symbol
	recordDecls map[*Record]recordDecl
	depth       int // expression nesting

	ctx context

	consts map[parser.Expr]constant.Value // the values of constant expressions (constants.go)

	calls []funcCall // calls of functions and procedures, for finding recursion (funcs.go)

	imported map[string]bool // files of components, whose positions keep their file name
}

func newChecker(file *parser.File, filename string) *checker {
	info := &Info{
		Types:      map[parser.Expr]Type{},
		Uses:       map[*parser.Name]*Symbol{},
		Defs:       map[*parser.Ident]*Symbol{},
		Calls:      map[*parser.Call]*CallInfo{},
		Composites: map[*parser.Composite]*CompositeInfo{},
		Awaits:     map[*parser.AwaitStmt]*Await{},
	}
	c := &checker{
		file:     file,
		filename: filename,
		alg:      &Algorithm{File: filename, Syntax: file, Info: info},
		info:     info,
		types:    map[string]*Record{},
		procs:    map[string]*Process{},
		pinfo:    map[*Process]*procInfo{},
		params:   map[*Param]int{},
		sent:     map[*Record]bool{},

		groups:      map[*Process]*Symbol{},
		recordDecls: map[*Record]recordDecl{},
	}
	c.universe = newScope(nil)
	c.self = c.newSymbol(SymSelf, "self", TNode)
	c.n = c.newSymbol(SymN, "n", TInt)
	c.universe.insert(c.self, source.Pos{})
	c.universe.insert(c.n, source.Pos{})
	c.global = newScope(c.universe)
	return c
}

func (c *checker) newSymbol(kind SymbolKind, name string, t Type) *Symbol {
	c.nextID++
	return &Symbol{Kind: kind, Name: name, Type: t, ID: c.nextID}
}

// pos converts a syntax position, naming the file being checked.
func (c *checker) pos(n parser.Node) source.Pos {
	if isNil(n) {
		return source.Pos{File: c.filename}
	}
	p := n.Position()
	if c.filename != "" && !c.imported[p.File] {
		p.File = c.filename
	}
	return p
}

// epos is the position of the leftmost token of an expression, where a
// diagnostic about the whole expression belongs.
func (c *checker) epos(e parser.Expr) source.Pos {
	return c.pos(parser.Leftmost(e))
}

func (c *checker) errorf(pos source.Pos, format string, args ...any) {
	c.errs.Add(pos, format, args...)
}

// at formats a position as line:col for "previous declaration at" notes.
func at(p source.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// run checks the whole file.
func (c *checker) run() {
	if c.file == nil {
		c.errorf(source.Pos{File: c.filename}, "no file to check")
		return
	}
	if c.file.Name != nil {
		c.alg.Name = c.file.Name.Name
	}
	c.checkAlgorithmName()
	c.collect()
	if len(c.alg.Processes) == 0 {
		c.errorf(c.pos(c.file.Name), "algorithm %s declares no process type", c.alg.Name)
	}
	c.resolveRecords()
	c.resolveFuncs()
	c.checkParams()
	c.checkShared()
	c.checkFuncs()
	c.checkPlacements()
	for _, p := range c.alg.Processes {
		c.checkProcess(p)
	}
	c.checkProperties()
	c.checkRecursion()
	c.checkReachability()
	if len(c.errs) == 0 {
		c.checkSymmetry()
	}
}
