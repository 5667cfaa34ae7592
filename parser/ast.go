package parser

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// The syntax tree. Declarations and statements are parsed by participle
// from the struct tags below; expressions are parsed by a hand-written
// precedence climber (expr.go) registered for the Expr and HeadExpr
// interfaces, because a grammar-shaped expression tree would be awkward for
// every later stage.
//
// Every node carries its position in Pos; participle fills it in.

// Node is implemented by every syntax tree node.
type Node interface {
	Position() source.Pos
}

// File is a whole .dsa file.
type File struct {
	Pos   lexer.Position
	Name  *Ident `parser:"'algorithm' @@"`
	Decls []Decl `parser:"@@*"`

	// Comments holds every comment of the file in source order; the
	// grammar skips them, the formatter puts them back.
	Comments []*Comment
}

// Comment is a // or /* */ comment.
type Comment struct {
	Pos  lexer.Position
	Text string
}

// Ident is a name.
type Ident struct {
	Pos  lexer.Position
	Name string `parser:"@Ident"`
}

// Decl is a top-level declaration.
type Decl interface {
	Node
	decl()
}

// ParamDecl is `param proposers int = 1`.
type ParamDecl struct {
	Pos     lexer.Position
	Name    *Ident    `parser:"'param' @@"`
	Type    *TypeExpr `parser:"@@"`
	Default Expr      `parser:"('=' @@)?"`
}

// SharedDecl is a shared primitive, one object for all processes:
// `shared counter epoch = 0`. Kind names the primitive; counter is the
// only one so far.
type SharedDecl struct {
	Pos  lexer.Position
	Kind *Ident `parser:"'shared' @@"`
	Name *Ident `parser:"@@"`
	Init Expr   `parser:"('=' @@)?"`
}

// TypeDecl is a record type: `type Entry { term int; cmd string }`.
type TypeDecl struct {
	Pos    lexer.Position
	Name   *Ident   `parser:"'type' @@"`
	Fields []*Field `parser:"'{' (@@ ';'?)* '}'"`
}

// MessageDecl is `message Promise { ballot int; value int }`.
type MessageDecl struct {
	Pos    lexer.Position
	Name   *Ident   `parser:"'message' @@"`
	Fields []*Field `parser:"'{' (@@ ';'?)* '}'"`
}

// Field is one field of a record or message.
type Field struct {
	Pos  lexer.Position
	Name *Ident    `parser:"@@"`
	Type *TypeExpr `parser:"@@"`
}

// TypeExpr is a type as written: `int`, `set<node>`, `map<int, list<Entry>>`,
// or a tuple type `(int, node)`, whose parts are in Args and Name nil.
// It parses itself (types.go), to bound its nesting.
type TypeExpr struct {
	Pos   lexer.Position
	Name  *Ident
	Args  []*TypeExpr
	Tuple bool
}

// ProcessDecl is `process Acceptor on others { ... }`.
type ProcessDecl struct {
	Pos       lexer.Position
	Name      *Ident     `parser:"'process' @@"`
	Placement *Placement `parser:"'on' @@"`
	Members   []Member   `parser:"'{' @@* '}'"`
}

// Placement says which ranks run a process type: `all`, `others` (every
// rank no other process type claims), or an expression: a single rank or an
// inclusive range `lo .. hi` (a *Range).
type Placement struct {
	Pos    lexer.Position
	All    bool     `parser:"( @'all'"`
	Others bool     `parser:"| @'others'"`
	Ranks  HeadExpr `parser:"| @@ )"`
}

// Member is a member of a process: a state variable or a handler.
type Member interface {
	Node
	member()
}

// VarDecl is a state variable: `var promised int = 0`. A durable one,
// `durable var promised int = 0`, keeps its value across a crash.
type VarDecl struct {
	Pos     lexer.Position
	Durable bool      `parser:"@'durable'?"`
	Name    *Ident    `parser:"'var' @@"`
	Type    *TypeExpr `parser:"@@"`
	Init    Expr      `parser:"('=' @@)?"`
}

// Handler is `on <event> [when guard] { body }`.
type Handler struct {
	Pos   lexer.Position
	Event *Event   `parser:"'on' @@"`
	Guard HeadExpr `parser:"('when' @@)?"`
	Body  *Block   `parser:"@@"`
}

// Event is what a handler reacts to: `start`, `recover` (the process comes
// back after a crash), `timer t`, or a message `Promise m from p` (the
// binding and the sender are optional).
type Event struct {
	Pos     lexer.Position
	Start   bool   `parser:"( @'start'"`
	Recover bool   `parser:"| @'recover'"`
	Timer   *Ident `parser:"| 'timer' @@"`
	Message *Ident `parser:"| @@"`
	// Component is set for an event of an imported component,
	// `fd.suspect(p)`; Message then holds the component's name.
	Component *ComponentEvent `parser:"  @@?"`
	Binding   *Ident          `parser:"  @@?"`
	From      *Ident          `parser:"  ('from' @@)? )"`
}

// PropertyDecl is `invariant name: expr` or `eventually name: expr`.
type PropertyDecl struct {
	Pos  lexer.Position
	Kind string `parser:"@('invariant' | 'eventually')"`
	Name *Ident `parser:"@@ ':'"`
	Expr Expr   `parser:"@@"`
}

// Block is `{ statements }`.
type Block struct {
	Pos   lexer.Position
	Stmts []Stmt         `parser:"'{' (@@ ';'?)*"`
	End   lexer.Position `parser:"'}'"`
}

// Stmt is a statement.
type Stmt interface {
	Node
	stmt()
}

// IfStmt is `if cond { } else if cond { } else { }`.
type IfStmt struct {
	Pos  lexer.Position
	Cond HeadExpr `parser:"'if' @@"`
	Then *Block   `parser:"@@"`
	Else *Else    `parser:"('else' @@)?"`
}

// Else is the else branch of an if: another if, or a block.
type Else struct {
	Pos   lexer.Position
	If    *IfStmt `parser:"  @@"`
	Block *Block  `parser:"| @@"`
}

// ForStmt is `for x in collection { }`, `for k, v in map { }` or
// `for i in lo .. hi { }`. Either variable may destructure a tuple,
// `for (ts, id) in queue { }` or `for k, (a, b) in m { }`: then Key
// (Value) is nil and KeyTuple (ValueTuple) names the parts.
type ForStmt struct {
	Pos        lexer.Position
	Key        *Ident        `parser:"'for' ( @@"`
	KeyTuple   *TuplePattern `parser:"| @@ )"`
	Value      *Ident        `parser:"( ',' ( @@"`
	ValueTuple *TuplePattern `parser:"| @@ ) )?"`
	Range      HeadExpr      `parser:"'in' @@"`
	Body       *Block        `parser:"@@"`
}

// TuplePattern names the parts of a tuple that a for loop or a quantifier
// binds: `(ts, id)`, a name or _ per part.
type TuplePattern struct {
	Pos   lexer.Position
	Parts []*Ident `parser:"'(' @@ ( ',' @@ )+ ')'"`
}

// LetStmt declares a local variable: `let x = e` or `let x int = e`; or,
// destructuring a tuple, one per part: `let (ts, id) = t` (then Name is nil).
type LetStmt struct {
	Pos   lexer.Position
	Name  *Ident    `parser:"'let' ( @@"`
	Parts []*Ident  `parser:"| '(' @@ ( ',' @@ )+ ')' )"`
	Type  *TypeExpr `parser:"@@?"`
	Value Expr      `parser:"'=' @@"`
}

// SendStmt is `send M{...} to p`.
type SendStmt struct {
	Pos lexer.Position
	Msg Expr `parser:"'send' @@"`
	To  Expr `parser:"'to' @@"`
}

// ReplyStmt is `reply M{...}`: a send to the sender of the message being
// handled.
type ReplyStmt struct {
	Pos lexer.Position
	Msg Expr `parser:"'reply' @@"`
}

// BroadcastStmt is `broadcast M{...} to Group|all|others|nodes`.
type BroadcastStmt struct {
	Pos    lexer.Position
	Msg    Expr `parser:"'broadcast' @@"`
	All    bool `parser:"'to' ( @'all'"`
	Others bool `parser:"| @'others'"`
	To     Expr `parser:"| @@ )"`
}

// OutputStmt is `output decide(value)`.
type OutputStmt struct {
	Pos  lexer.Position
	Name *Ident `parser:"'output' @@"`
	Args []Expr `parser:"'(' (@@ (',' @@)*)? ')'"`
}

// HaltStmt is `halt`.
type HaltStmt struct {
	Pos  lexer.Position
	Halt bool `parser:"@'halt'"`
}

// ReturnStmt is `return`: it ends the handler early. In a function it is
// `return e` (Value); it parses itself (funcs.go), as the value must start
// on the line of the return.
type ReturnStmt struct {
	Pos    lexer.Position
	Return bool
	Value  Expr
}

// TimerStmt arms a timer: `timer retry after 50ms` or `timer tick every 1s`.
type TimerStmt struct {
	Pos      lexer.Position
	Name     *Ident `parser:"'timer' @@"`
	Periodic bool   `parser:"( 'after' | @'every' )"`
	Delay    Expr   `parser:"@@"`
}

// CancelStmt is `cancel retry`.
type CancelStmt struct {
	Pos  lexer.Position
	Name *Ident `parser:"'cancel' @@"`
}

// AssignStmt is `lhs = rhs`, `lhs += rhs`, `lhs -= rhs`, or, without an
// operator, an expression statement (a call such as `s.add(x)`).
type AssignStmt struct {
	Pos lexer.Position
	LHS StmtExpr `parser:"@@"`
	Op  string   `parser:"( @('=' | '+=' | '-=')"`
	RHS Expr     `parser:"  @@ )?"`
}

// Expr is an expression.
type Expr interface {
	Node
	expr()
}

// HeadExpr is an expression in the head of a control construct (if, for,
// when, placement), where `Name {` opens the body rather than a composite
// literal; a composite literal there must be parenthesised, as in Go.
type HeadExpr interface {
	Expr
}

// StmtExpr is the expression a statement starts with (the left-hand side
// of an assignment, or a call): there a "{" is not the empty literal `{}`
// but a block out of place.
type StmtExpr interface {
	Expr
}

// IntLit is an integer literal; a duration literal (50ms, 2s) is an IntLit
// in milliseconds with its Unit kept for printing.
type IntLit struct {
	Pos   lexer.Position
	Value int64
	Text  string
	Unit  string // "", "ms" or "s"
}

// StringLit is a string literal; Value is unquoted.
type StringLit struct {
	Pos   lexer.Position
	Value string
	Text  string
}

// BoolLit is true or false.
type BoolLit struct {
	Pos   lexer.Position
	Value bool
}

// ListLit is `[a, b, c]`.
type ListLit struct {
	Pos   lexer.Position
	Elems []Expr
}

// Name is a use of a name in an expression.
type Name struct {
	Pos  lexer.Position
	Name string
}

// Paren is `(x)`; kept so the formatter reproduces the author's grouping.
type Paren struct {
	Pos lexer.Position
	X   Expr
}

// Unary is `not x` or `-x`.
type Unary struct {
	Pos lexer.Position
	Op  string
	X   Expr
}

// Binary is `x op y`, op one of: implies or and == != < <= > >= in + - * / %.
type Binary struct {
	Pos lexer.Position // of the operator
	Op  string
	X   Expr
	Y   Expr
}

// Range is the inclusive range `lo .. hi`.
type Range struct {
	Pos lexer.Position // of the ".."
	Lo  Expr
	Hi  Expr
}

// Selector is `x.name`.
type Selector struct {
	Pos  lexer.Position // of the name
	X    Expr
	Name *Ident
}

// Index is `x[i]`.
type Index struct {
	Pos   lexer.Position // of the "["
	X     Expr
	Index Expr
}

// Call is `f(args)` or `x.method(args)` (then Fun is a *Selector).
type Call struct {
	Pos  lexer.Position // of the "("
	Fun  Expr
	Args []Expr
}

// Composite constructs a message or record: `Promise{b, ab, av}` or
// `Promise{ballot: b, accepted_ballot: ab, accepted_value: av}`.
type Composite struct {
	Pos    lexer.Position
	Type   *Ident
	Fields []*FieldInit
	End    lexer.Position // of the "}"
}

// FieldInit is one field of a composite literal; Name is nil when the
// fields are given by position.
type FieldInit struct {
	Pos   lexer.Position
	Name  *Ident
	Value Expr
}

// Quantifier is `forall a, b in Group: body` or `exists x in coll: body`,
// or an aggregate (IsAggregate): `count p in Node: p.in_cs`, the number of
// bindings for which the body holds, or `sum p in Node: p.x`, the sum of
// the body over them.
type Quantifier struct {
	Pos  lexer.Position
	Kind string // "forall", "exists", "count" or "sum"
	Vars []*Ident
	// Tuples is nil unless a variable of a forall or exists destructures
	// a tuple, `forall (a, b) in s: …`: then Tuples has one entry per
	// variable, and for such a variable Tuples[i] names the parts and
	// Vars[i] is nil.
	Tuples []*TuplePattern
	Range  Expr // a collection, a group, or a *Range
	Body   Expr
}

func (*ImportDecl) decl()   {}
func (*ParamDecl) decl()    {}
func (*TypeDecl) decl()     {}
func (*SharedDecl) decl()   {}
func (*MessageDecl) decl()  {}
func (*ProcessDecl) decl()  {}
func (*PropertyDecl) decl() {}

func (*VarDecl) member() {}
func (*Handler) member() {}

func (*IfStmt) stmt()        {}
func (*ForStmt) stmt()       {}
func (*LetStmt) stmt()       {}
func (*SendStmt) stmt()      {}
func (*ReplyStmt) stmt()     {}
func (*BroadcastStmt) stmt() {}
func (*OutputStmt) stmt()    {}
func (*HaltStmt) stmt()      {}
func (*ReturnStmt) stmt()    {}
func (*TimerStmt) stmt()     {}
func (*CancelStmt) stmt()    {}
func (*AssignStmt) stmt()    {}

func (*IntLit) expr()     {}
func (*StringLit) expr()  {}
func (*BoolLit) expr()    {}
func (*ListLit) expr()    {}
func (*Name) expr()       {}
func (*Paren) expr()      {}
func (*Unary) expr()      {}
func (*Binary) expr()     {}
func (*Range) expr()      {}
func (*Selector) expr()   {}
func (*Index) expr()      {}
func (*Call) expr()       {}
func (*Composite) expr()  {}
func (*Quantifier) expr() {}
