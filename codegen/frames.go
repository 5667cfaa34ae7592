package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// The messages' fast path on backends that carry bytes (runtime.FrameSender,
// runtime.WireHandler): a send encodes its message straight into the
// backend's frame, and a received payload is decoded into a local value
// that the handler takes by value, so neither allocates a message nor
// calls through the runtime.Message interface. Other backends get the
// ordinary Send, Broadcast and Handle.

// Methods of a message type that carry out sends of it (see genSends).
const (
	sendTo          = "sendTo"
	broadcastTo     = "broadcastTo"
	broadcastOthers = "broadcastOthers"
)

// send compiles a send of message e by method (sendTo, broadcastTo or
// broadcastOthers) with the given arguments after ctx, and notes the
// method for genSends.
func (c *fnCtx) send(e parser.Expr, method string, args ...jen.Code) jen.Code {
	rec, ok := c.typeOf(e).(*spec.Record)
	if !ok {
		return c.fail(e, "sending a value of type %s, not a message", c.typeOf(e))
	}
	if c.g.sends[rec] == nil {
		c.g.sends[rec] = map[string]bool{}
	}
	c.g.sends[rec][method] = true
	var m jen.Code
	if comp, ok := unparen(e).(*parser.Composite); ok {
		m = c.composite(comp)
	} else {
		m = jen.Parens(c.value(e))
	}
	return jen.Add(m).Dot(method).Call(append([]jen.Code{jen.Id("ctx")}, args...)...)
}

// genSends writes, for every message, the send methods the handlers use.
// Each takes the message by value: on a FrameSender it is encoded into
// the frame and never leaves the stack; otherwise a copy goes to the
// Context (new and a copy rather than &m, which would move m to the heap
// on every path).
func (g *generator) genSends() {
	for _, m := range g.alg.Messages {
		used := g.sends[m]
		if len(used) == 0 {
			continue
		}
		name := g.recordName[m]
		fs := jen.Id("fs")
		frame := g.encode(m, fs.Clone().Dot("BeginFrame").Call(jen.Lit(m.Kind)), jen.Id("m"))
		method := func(doc, method string, params []jen.Code, fast jen.Code, slow func(p jen.Code) jen.Code) {
			if !used[method] {
				return
			}
			g.f.Comment(doc)
			g.f.Func().Params(jen.Id("m").Id(name)).Id(method).Params(append([]jen.Code{jen.Id("ctx").Qual(rtPath, "Context")}, params...)...).Block(
				jen.If(jen.List(fs, jen.Id("ok")).Op(":=").Id("ctx").Assert(jen.Qual(rtPath, "FrameSender")), jen.Id("ok")).Block(fast, jen.Return()),
				jen.Id("p").Op(":=").New(jen.Id(name)),
				jen.Op("*").Id("p").Op("=").Id("m"),
				slow(jen.Id("p")),
			)
		}
		method("sendTo sends m to rank to (runtime.FrameSender: encoded into the frame).", sendTo,
			[]jen.Code{jen.Id("to").Int()},
			fs.Clone().Dot("SendFrame").Call(jen.Id("to"), frame),
			func(p jen.Code) jen.Code { return jen.Id("ctx").Dot("Send").Call(jen.Id("to"), p) })
		method("broadcastTo sends m to every rank in to (runtime.FrameSender: encoded once into the frame).", broadcastTo,
			[]jen.Code{jen.Id("to").Index().Int()},
			fs.Clone().Dot("BroadcastFrame").Call(jen.Id("to"), frame),
			func(p jen.Code) jen.Code { return jen.Id("ctx").Dot("Broadcast").Call(jen.Id("to"), p) })
		method("broadcastOthers sends m to every rank but this one (runtime.FrameSender: encoded once into the frame).", broadcastOthers,
			nil,
			fs.Clone().Dot("BroadcastOthersFrame").Call(frame),
			func(p jen.Code) jen.Code { return jen.Qual(rtPath, "BroadcastOthers").Call(jen.Id("ctx"), p) })
	}
}

// genHandleWire writes the HandleWire method of process p
// (runtime.WireHandler): Handle's dispatch for a payload decoded into a
// local value. Every kind is decoded, handled by p or not, so that a
// malformed payload is an error whichever process receives it, as with
// Descriptor.Decode.
func (g *generator) genHandleWire(p *spec.Process, byEvent map[string][]int) {
	name := g.procName[p]
	var cases []jen.Code
	for _, m := range g.alg.Messages {
		hs := byEvent["msg:"+m.Name]
		finish := jen.If(jen.Err().Op(":=").Id("d").Dot("Finish").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("decoding "+m.Name+": %w"), jen.Err())))
		if len(hs) == 0 {
			cases = append(cases, jen.Case(jen.Lit(m.Kind)).Block(jen.Id("_").Op("=").Add(g.decode(m, jen.Id("d"))), finish))
			continue
		}
		body := []jen.Code{jen.Id("m").Op(":=").Add(g.decode(m, jen.Id("d"))), finish}
		body = append(body, g.dispatchThen(p, hs, jen.Return(jen.Nil()), jen.Id("ctx"), jen.Int64().Call(jen.Id("from")), jen.Id("m"))...)
		cases = append(cases, jen.Case(jen.Lit(m.Kind)).Block(body...))
	}
	unknown := jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("unknown message kind %d"), jen.Id("kind")))
	// Without messages every kind is unknown; a switch with only a
	// default would leave the return after it unreachable (go vet).
	body := []jen.Code{unknown}
	if len(g.alg.Messages) > 0 {
		cases = append(cases, jen.Default().Block(unknown))
		// The backend may remember the strings it received (wire.StringsOwner).
		body = []jen.Code{jen.Id("d").Op(":=").Qual(wirePath, "DecoderFor").Call(jen.Id("ctx"), jen.Id("payload")),
			jen.Switch(jen.Id("kind")).Block(cases...), jen.Return(jen.Nil())}
	}
	g.f.Comment("HandleWire decodes a message of the given kind from payload into a local value and")
	g.f.Comment("handles it as Handle does, without allocating it (runtime.WireHandler).")
	g.f.Func().Params(jen.Id("st").Op("*").Id(name)).Id("HandleWire").Params(
		jen.Id("ctx").Qual(rtPath, "Context"), jen.Id("from").Int(), jen.Id("kind").Int(), jen.Id("payload").Index().Byte(),
	).Error().Block(body...)
	g.f.Var().Id("_").Qual(rtPath, "WireHandler").Op("=").Parens(jen.Op("*").Id(name)).Parens(jen.Nil())
}
