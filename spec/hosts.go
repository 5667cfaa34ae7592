package spec

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/parser"
)

// Hosts. A component runs in one process type of the importer, its host:
// the file's only one, or the one the import names,
//
//	import fd "failure_detector.dsa" in Server
//
// The component's one process type is placed on all; in a host placed on
// some ranks only, its view of the system is mapped onto the host's: its
// process type is the host (for q in Node, majority(Node), properties),
// `all` is the host's ranks and `others` those but its own, and n is the
// number of the host's processes. Ranks (self, senders, node values) stay
// the system's.

// hosts sets the host of every component; false after errors.
func (x *expansion) hosts() bool {
	var procs []*parser.ProcessDecl
	byName := map[string]*parser.ProcessDecl{}
	for _, d := range x.file.Decls {
		if p, ok := d.(*parser.ProcessDecl); ok && p != nil && p.Name != nil {
			procs = append(procs, p)
			byName[p.Name.Name] = p
		}
	}
	x.procs = procs
	ok := true
	for _, c := range x.comps {
		switch d := c.decl; {
		case d.In != nil && byName[d.In.Name] == nil:
			x.l.errorf(d.In, "no process type %s to run component %s%s", d.In.Name, c.alias, suggestion(d.In.Name, sortedKeys(byName)))
			ok = false
		case d.In != nil:
			c.host = byName[d.In.Name]
		case len(procs) == 1:
			c.host = procs[0]
		case len(procs) == 0:
			x.l.errorf(d, "component %s needs a process type of this file to run in", c.alias)
			ok = false
		default:
			x.l.errorf(d, "which process type runs component %s? import %s %s in %s (this file has %d)",
				c.alias, c.alias, d.Path.Text, procs[0].Name.Name, len(procs))
			ok = false
		}
	}
	return ok
}

// place maps the component's all, others and n onto its host, when the
// host is not placed on all.
func (x *expansion) place(c *component) {
	if c.host.Placement == nil || c.host.Placement.All {
		return
	}
	size := x.size(c.host)
	host := c.host.Name.Name
	n := func(e parser.Expr) parser.Expr {
		if name, ok := e.(*parser.Name); ok && name.Name == "n" {
			return &parser.Paren{Pos: name.Pos, X: clone(size)}
		}
		return nil
	}
	for _, d := range c.file.Decls {
		mapExprs(d, n)
	}
	forBlocks(c.proc, func(b *parser.Block) {
		for i, s := range b.Stmts {
			bc, ok := s.(*parser.BroadcastStmt)
			if !ok {
				continue
			}
			switch {
			case bc.All:
				bc.All, bc.To = false, &parser.Name{Pos: bc.Pos, Name: host}
			case bc.Others:
				b.Stmts[i] = toOthers(bc, c.alias, host)
			}
		}
	})
}

// toOthers is `broadcast m to others` within the host:
//
//	if true { let t = m; for q in Host { if q != self { send t to q } } }
//
// with names no .dsa file can write.
func toOthers(bc *parser.BroadcastStmt, alias, host string) parser.Stmt {
	pos := bc.Pos
	msg := &parser.Ident{Pos: pos, Name: alias + ".msg"}
	q := &parser.Ident{Pos: pos, Name: alias + ".to"}
	send := &parser.SendStmt{Pos: pos, Msg: &parser.Name{Pos: pos, Name: msg.Name}, To: &parser.Name{Pos: pos, Name: q.Name}}
	notSelf := &parser.Binary{Pos: pos, Op: "!=", X: &parser.Name{Pos: pos, Name: q.Name}, Y: &parser.Name{Pos: pos, Name: "self"}}
	loop := &parser.ForStmt{Pos: pos, Key: q, Range: &parser.Name{Pos: pos, Name: host},
		Body: block(pos, &parser.IfStmt{Pos: pos, Cond: notSelf, Then: block(pos, send)})}
	return &parser.IfStmt{Pos: pos, Cond: &parser.BoolLit{Pos: pos, Value: true},
		Then: block(pos, &parser.LetStmt{Pos: pos, Name: msg, Value: bc.Msg}, loop)}
}

func block(pos lexer.Position, stmts ...parser.Stmt) *parser.Block {
	return &parser.Block{Pos: pos, Stmts: stmts, End: pos}
}

// size is the number of processes of p, an expression over n and the
// importer's parameters.
func (x *expansion) size(p *parser.ProcessDecl) parser.Expr {
	pl := p.Placement
	pos := pl.Pos
	bin := func(op string, a, b parser.Expr) parser.Expr {
		switch b.(type) {
		case *parser.Name, *parser.IntLit, *parser.Paren:
		default:
			b = &parser.Paren{Pos: pos, X: b}
		}
		return &parser.Binary{Pos: pos, Op: op, X: a, Y: b}
	}
	switch {
	case pl.All:
		return &parser.Name{Pos: pos, Name: "n"}
	case pl.Others:
		var e parser.Expr = &parser.Name{Pos: pos, Name: "n"}
		for _, q := range x.procs {
			if q != p && q.Placement != nil && !q.Placement.Others {
				e = bin("-", e, x.size(q))
			}
		}
		return e
	}
	if r, ok := unparen(pl.Ranks).(*parser.Range); ok && r != nil {
		return bin("+", bin("-", clone(r.Hi), clone(r.Lo)), &parser.IntLit{Pos: pos, Value: 1, Text: "1"})
	}
	return &parser.IntLit{Pos: pos, Value: 1, Text: "1"}
}
