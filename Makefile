# dsac — build, check and test. `make test` is what CI runs.
GO ?= go
DSAC := $(GO) run ./cmd/dsac

.PHONY: all build test vet generate algorithms-doc fuzz bench bench-mpi clean mpi-install

all: build

build:
	$(GO) build -o bin/dsac ./cmd/dsac

## test: installs OpenMPI when it is missing (Debian packages, as root),
## then formatting, vet, every test with -race (the staleness check of
## generated/ and every algorithm under real mpirun included); the long
## randomized parser and checker tests run in full without -race, which
## would make them ten times slower, and so do the randomized tests that
## every spec the checker accepts generates Go that type-checks (40 s
## each); then the MPI backend's own tests under mpirun over shared
## memory and TCP. The simulator's searches
## (broken variants, Paxos and Raft explored) also run without -race.
test: mpi-install vet
	DSAC_REQUIRE_MPI=1 $(GO) test -race -short -count=1 -timeout 40m ./...
	$(GO) test -count=1 -run 'TestRandomPrograms|TestMutations' ./parser ./spec
	$(GO) test -count=1 -run '^(TestRandomSpecs|TestGeneratedSpecs)$$' ./codegen -random.time 40s -random.iters 20000
	$(GO) test -count=1 -timeout 40m -run 'TestSimulatorFindsBrokenVariants|TestCorrectAlgorithmsUnderFaults|Explored' ./cmd/dsac
	bash scripts/mpi/test.sh

mpi-install:
	sh scripts/mpi/install.sh

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags mpi ./runtime/... ./cmd/...

## generate: regenerate generated/ from algorithms/.
generate:
	$(DSAC) gen algorithms/*.dsa -o generated

## algorithms-doc: regenerate docs/ALGORITHMS.md from algorithms/ — sizes,
## properties, tolerated faults, and costs measured on sim, channel and,
## when mpirun is there, MPI.
algorithms-doc:
	$(DSAC) doc algorithms $$( (command -v mpirun.openmpi || command -v mpirun) >/dev/null && echo --mpi) > docs/ALGORITHMS.md.tmp
	mv docs/ALGORITHMS.md.tmp docs/ALGORITHMS.md

## fuzz: a short run of every fuzz target (FUZZTIME=1m for longer).
FUZZTIME ?= 15s
fuzz:
	$(GO) test ./parser -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x
	$(GO) test ./spec -run '^$$' -fuzz '^FuzzCheck$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x
	$(GO) test ./codegen -run '^$$' -fuzz '^FuzzGenerate$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x
	$(GO) test ./generated -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x
	$(GO) test ./runtime/sim -run '^$$' -fuzz '^FuzzReadSchedule$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x

## bench: the benchmarks behind docs/BENCHMARKS.md that need no MPI: the
## compiler (codegen), the channel backend, Paxos decisions and Raft
## commits per second (generated). The MPI figures are scripts/mpi/bench.sh
## (make bench-mpi); Raft against etcd's raft is scripts/raft/bench.sh.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./codegen ./runtime/channel ./generated

## bench-mpi: the MPI backend against raw C MPI, C and Go alternating.
bench-mpi: mpi-install
	bash scripts/mpi/bench.sh

clean:
	rm -rf bin
