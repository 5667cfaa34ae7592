package parser

import (
	"os"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/paxos.dsa")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("paxos.dsa", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	src, err := os.ReadFile("testdata/paxos.dsa")
	if err != nil {
		b.Fatal(err)
	}
	f, err := Parse("paxos.dsa", src)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Format(f)
	}
}
