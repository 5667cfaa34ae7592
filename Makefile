# dsac — build, check and test. `make test` is what CI runs.
GO ?= go
DSAC := $(GO) run ./cmd/dsac

.PHONY: all build test vet generate fuzz bench clean

all: build

build:
	$(GO) build -o bin/dsac ./cmd/dsac

## test: formatting, vet, every test with -race (the staleness check of
## generated/ included); the long randomized parser and checker tests run
## in full without -race, which would make them ten times slower.
test: vet
	$(GO) test -race -short -count=1 ./...
	$(GO) test -count=1 -run 'TestRandomPrograms|TestMutations' ./parser ./spec

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## generate: regenerate generated/ from algorithms/.
generate:
	$(DSAC) gen algorithms/*.dsa -o generated

## fuzz: a short run of every fuzz target (FUZZTIME=1m for longer).
FUZZTIME ?= 15s
fuzz:
	$(GO) test ./parser -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./spec -run '^$$' -fuzz '^FuzzCheck$$' -fuzztime $(FUZZTIME)
	$(GO) test ./generated -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)

## bench: the benchmarks behind docs/BENCHMARKS.md.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./runtime/channel ./cmd/dsac ./generated

clean:
	rm -rf bin
