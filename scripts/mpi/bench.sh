#!/usr/bin/env bash
# Measures the Go MPI backend against raw C MPI on the same machine in the
# same run: one-way ping-pong latency (8 and 64 bytes, shared memory and
# TCP loopback), all-to-all message rate (4 and 8 ranks), the latency of
# a fetch-and-add on a shared counter in rank 0's window, and Paxos
# decisions per second at n = 5 next to the channel backend's. C and Go runs
# alternate, REPS times each; the table shows the best and the median, and
# the ratio of the bests (on a busy machine the best is the least noisy).
# It ends with the machine, the load before and after, and the ratios the
# targets are about (latency <= 2x C, all-to-all >= 50% of C), to paste
# whole: a figure is only worth recording from a quiet machine (load under
# 0.5 before it starts) and when a rerun reproduces it.
#
#   scripts/mpi/bench.sh               # REPS=5, every case
#   REPS=9 ITERS=200000 scripts/mpi/bench.sh
#   CASES="pp a2a" scripts/mpi/bench.sh   # only the targets' cases
#
# CASES (default "pp tcp a2a fa paxos"): pp ping-pong over shared memory,
# tcp over TCP loopback, a2a all-to-all, fa fetch_add, paxos decisions/s.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/mpi/common.sh

scripts/mpi/install.sh
check_btl self vader tcp
mkdir -p bin
mpicc -O2 -o bin/c-pingpong bench/mpi/pingpong.c
mpicc -O2 -o bin/c-alltoall bench/mpi/alltoall.c
mpicc -O2 -o bin/c-fetchadd bench/mpi/fetchadd.c
# As the Go backend does (runtime/mpi/cmpi.go): osc/rdma crashes here.
export OMPI_MCA_osc=${OMPI_MCA_osc:-^rdma}
go test -tags mpi -c -o bin/mpi.test ./runtime/mpi

REPS=${REPS:-5}
ITERS=${ITERS:-100000}         # ping-pong round trips over shared memory
TCP_ITERS=${TCP_ITERS:-20000}  # ... over TCP
ROUNDS=${ROUNDS:-20000}        # all-to-all rounds
DECISIONS=${DECISIONS:-2000}   # Paxos instances per MPI job
LIMIT=${LIMIT:-300}
CASES=${CASES:-pp tcp a2a fa paxos}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
summary=()

# want CASE reports whether CASES lists it.
want() { [[ " $CASES " == *" $1 "* ]]; }

# value runs one benchmark job and prints the number of its RESULT line.
value() {
	local np=$1 btl=$2
	shift 2
	local out
	# shellcheck disable=SC2086 # flags are word lists on purpose
	out=$(timeout -k 5 "$LIMIT" "$MPIRUN" $MPIFLAGS $btl -np "$np" "$@" 2>&1) || {
		echo "benchmark failed: $*" >&2
		echo "$out" | tail -20 >&2
		return 1
	}
	echo "$out" | awk '/^RESULT/ { split($NF, kv, "="); print kv[2] }'
}

# stats prints the best (min if $1 is min, else max) and median of stdin.
stats() {
	sort -g | awk -v best="$1" '{ v[NR] = $1 } END {
		b = (best == "min") ? v[1] : v[NR]
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print b, m
	}'
}

# compare NAME BEST UNIT NP BTL -- C-COMMAND -- GO-ENV...
# runs C and Go alternately, prints one table row and adds the Go/C ratios
# (of the bests and of the medians) to the summary.
compare() {
	local name=$1 best=$2 unit=$3 np=$4 btl=$5
	shift 5
	local c=() g=()
	while [ "$1" != -- ]; do c+=("$1"); shift; done
	shift
	g=("$@")
	local cv=() gv=()
	for _ in $(seq "$REPS"); do
		cv+=("$(value "$np" "$btl" "${c[@]}")")
		gv+=("$(value "$np" "$btl" -x DSAC_MPI_BENCH=1 "${g[@]}")")
	done
	read -r cb cm < <(printf '%s\n' "${cv[@]}" | stats "$best")
	read -r gb gm < <(printf '%s\n' "${gv[@]}" | stats "$best")
	summary+=("$(awk -v n="$name" -v cb="$cb" -v cm="$cm" -v gb="$gb" -v gm="$gm" -v best="$best" 'BEGIN {
		t = n ~ /^(pingpong shm|alltoall)/ # the cases the targets are about
		if (best == "min") printf "%-34s Go/C latency %.2fx (medians %.2fx)%s", n, gb / cb, gm / cm,
			t ? "   target <= 2x: " ((gb / cb <= 2) ? "met" : "NOT met") : ""
		else printf "%-34s Go/C msgs/s %3.0f%% (medians %3.0f%%)%s", n, 100 * gb / cb, 100 * gm / cm,
			t ? "  target >= 50%: " ((gb / cb >= 0.5) ? "met" : "NOT met") : ""
	}')")
	awk -v n="$name" -v u="$unit" -v cb="$cb" -v cm="$cm" -v gb="$gb" -v gm="$gm" -v best="$best" 'BEGIN {
		r = (best == "min") ? gb / cb : cb / gb
		f = (best == "min") ? "%12.3f" : "%12.0f"
		printf "%-34s %-8s " f " " f " " f " " f "   Go %.1fx %s\n", n, u, cb, cm, gb, gm, r,
			(best == "min") ? "slower" : "fewer msgs/s"
	}'
}

echo "# $(date -u '+%F %H:%M') UTC, REPS=$REPS, CASES=$CASES"
echo "# uptime before:$(uptime)"
printf '%-34s %-8s %12s %12s %12s %12s   %s\n' case unit "C best" "C median" "Go best" "Go median" "ratio (bests)"
if want pp; then
	for size in 8 64; do
		compare "pingpong shm ${size}B (np=2)" min us 2 "$BTL_SHM" \
			bin/c-pingpong "$size" "$ITERS" -- \
			-x BENCH_SIZES="$size" -x BENCH_ITERS="$ITERS" bin/mpi.test -test.run '^TestBenchPingPong$'
	done
fi
if want tcp; then
	compare "pingpong tcp 8B (np=2)" min us 2 "$BTL_TCP" \
		bin/c-pingpong 8 "$TCP_ITERS" -- \
		-x BENCH_SIZES=8 -x BENCH_ITERS="$TCP_ITERS" bin/mpi.test -test.run '^TestBenchPingPong$'
fi
if want a2a; then
	for np in 4 8; do
		compare "alltoall shm 8B (np=$np)" max msgs/s "$np" "$BTL_SHM" \
			bin/c-alltoall 8 "$ROUNDS" -- \
			-x BENCH_SIZE=8 -x BENCH_ROUNDS="$ROUNDS" bin/mpi.test -test.run '^TestBenchAllToAll$'
	done
fi
if want fa; then
	compare "fetch_add shm (np=2)" min us 2 "$BTL_SHM" \
		bin/c-fetchadd "$ITERS" -- \
		-x BENCH_ITERS="$ITERS" bin/mpi.test -test.run '^TestBenchFetchAdd$'
fi
if want paxos; then
	# Paxos: single-value instances at n = 5, proposers=1, each a whole run;
	# MPI (one job, DECISIONS runs) and the channel backend alternating.
	mv=() cv=()
	for _ in $(seq "$REPS"); do
		mv+=("$(value 5 "$BTL_SHM" -x DSAC_MPI_BENCH=1 -x BENCH_DECISIONS="$DECISIONS" bin/mpi.test -test.run '^TestBenchPaxosDecisions$')")
		cv+=("$(go test -run '^$' -bench '^BenchmarkPaxosDecisions$' ./generated | awk '/decisions\/s/ { for (i = 1; i < NF; i++) if ($(i+1) == "decisions/s") print $i }')")
	done
	read -r mb mm < <(printf '%s\n' "${mv[@]}" | stats max)
	read -r cb cm < <(printf '%s\n' "${cv[@]}" | stats max)
	awk -v cb="$cb" -v cm="$cm" -v mb="$mb" -v mm="$mm" 'BEGIN {
		printf "%-34s %-8s %12s %12s %12s %12s\n", "paxos decisions (n=5)", "", "chan best", "chan median", "MPI best", "MPI median"
		printf "%-34s %-8s %12.0f %12.0f %12.0f %12.0f   MPI %.1fx fewer\n", "paxos shm, proposers=1", "dec/s", cb, cm, mb, mm, cb / mb
	}'
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "## MPI vs C, $(date -u '+%F %H:%M') UTC: REPS=$REPS scripts/mpi/bench.sh (ITERS=$ITERS ROUNDS=$ROUNDS)"
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p'), $(uname -sr), OpenMPI $(ompi_info --parsable | awk -F: '/^ompi:version:full/ { print $NF }'), $(go version | cut -d' ' -f3), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- runtime bench scripts || echo '+changes')"
echo "load average before: $load_before; after: $load_after"
awk -v l="${load_before%% *}" 'BEGIN { if (l + 0 >= 0.5) print "WARNING: the load was " l " at the start (other work running): these figures are not for recording" }'
printf '%s\n' "${summary[@]}"
