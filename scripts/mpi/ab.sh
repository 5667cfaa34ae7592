#!/usr/bin/env bash
# Alternates two builds of the MPI test binary on the Go benchmarks, to
# measure one change: OLD (default bin/mpi.test.old, e.g. built from the
# previous commit) and NEW (default bin/mpi.test), R times each, and
# prints each side's values sorted. Build them first, e.g.
#
#   git stash; go test -tags mpi -c -o bin/mpi.test.old ./runtime/mpi; git stash pop
#   go test -tags mpi -c -o bin/mpi.test ./runtime/mpi
#   R=5 CASES="pp8 a4" scripts/mpi/ab.sh     # cases: pp8 pp64 a4 a8 paxos
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/mpi/common.sh

OLD=${OLD:-bin/mpi.test.old}
NEW=${NEW:-bin/mpi.test}
R=${R:-5}
export OMPI_MCA_osc=${OMPI_MCA_osc:-^rdma}

# one BINARY NP ENV... -- TEST prints the number of the RESULT line.
one() {
	local bin=$1 np=$2
	shift 2
	local env=()
	while [ "$1" != -- ]; do env+=(-x "$1"); shift; done
	shift
	# shellcheck disable=SC2086 # flags are word lists on purpose
	"$MPIRUN" $MPIFLAGS $BTL_SHM -x DSAC_MPI_BENCH=1 "${env[@]}" -np "$np" "$bin" -test.run "$1" |
		awk '/^RESULT/ { split($NF, kv, "="); print kv[2] }'
}

for c in ${CASES:-pp8 pp64 a4 a8 paxos}; do
	case $c in
	pp8) args=(2 BENCH_SIZES=8 -- '^TestBenchPingPong$') ;;
	pp64) args=(2 BENCH_SIZES=64 -- '^TestBenchPingPong$') ;;
	a4) args=(4 BENCH_ROUNDS=20000 -- '^TestBenchAllToAll$') ;;
	a8) args=(8 BENCH_ROUNDS=20000 -- '^TestBenchAllToAll$') ;;
	paxos) args=(5 BENCH_DECISIONS=500 -- '^TestBenchPaxosDecisions$') ;;
	*) echo "unknown case $c" >&2; exit 2 ;;
	esac
	o=() n=()
	for _ in $(seq "$R"); do
		o+=("$(one "$OLD" "${args[@]}")")
		n+=("$(one "$NEW" "${args[@]}")")
	done
	echo "$c old: $(printf '%s\n' "${o[@]}" | sort -g | tr '\n' ' ')"
	echo "$c new: $(printf '%s\n' "${n[@]}" | sort -g | tr '\n' ' ')"
done
