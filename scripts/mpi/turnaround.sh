#!/usr/bin/env bash
# Where the time of a Go ping-pong hop goes, in cycle stamps
# (bench/mpi/stamps.h), next to C making the same MPI calls
# (bench/mpi/ringpong.c). It builds the MPI test binary with stamps in a
# copy of the C layer (go -overlay: the tree is not touched), then, REPS
# times: the Go ping-pong, ringpong without a delay, and ringpong with a
# delay equal to the Go turnaround just measured. Per run it prints the
# medians: the turnaround of rank 1 (message taken to reply sent) and the
# round trip of rank 0 (its send to the reply taken). Of a Go round trip,
# the turnaround is Go's own time; the rest, less ringpong's round trip
# at the same delay less that delay, is what Go's MPI calls cost beyond
# C's. Medians hold on a loaded machine, means do not (the stalls column
# is what the round trips over 4x the median added, per message).
#
#   scripts/mpi/turnaround.sh              # SIZE=8 ITERS=100000 REPS=3
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/mpi/common.sh

SIZE=${SIZE:-8}
ITERS=${ITERS:-100000}
REPS=${REPS:-3}
scripts/mpi/install.sh
check_btl self vader
mkdir -p bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The stamps go where a message is taken, before each send and into
# dsac_end's report; each hook must match exactly one line of cmpi.go.
src=$PWD/runtime/mpi/cmpi.go
awk -v stamps=bench/mpi/stamps.h '
	function hook(i, text) { n[i]++; sub(/^\t*/, "&" text) }
	$0 == "#include <mpi.h>" { print; while ((getline l < stamps) > 0) print l; n[0]++; next }
	index($0, "MPI_Send(out + off, len, MPI_BYTE, dest, DSAC_TAG, dsac_comm);") { hook(1, "stamp_send(); ") }
	index($0, "MPI_Isend(dsac_bufs[s], len,") { hook(2, "stamp_send(); ") }
	index($0, "meta[3*n] = count;") { hook(3, "stamp_taken(); ") }
	$0 == "static void dsac_end(void) {" { print; print "\tstamps_report(\"go\");"; n[4]++; next }
	{ print }
	END { for (i = 0; i <= 4; i++) if (n[i] != 1) { print "turnaround.sh: hook " i " matched " n[i] + 0 " lines of cmpi.go" > "/dev/stderr"; exit 1 } }
' "$src" >"$tmp/cmpi.go"
printf '{"Replace":{"%s":"%s"}}\n' "$src" "$tmp/cmpi.go" >"$tmp/overlay.json"
go test -tags mpi -overlay "$tmp/overlay.json" -c -o bin/mpi-stamps.test ./runtime/mpi
mpicc -O2 -o bin/ringpong bench/mpi/ringpong.c
export OMPI_MCA_osc=${OMPI_MCA_osc:-^rdma}

# run LABEL NP-ARGS... prints the job's RESULT and STAMPS lines, labelled.
run() {
	local label=$1
	shift
	# shellcheck disable=SC2086 # flags are word lists on purpose
	timeout -k 5 120 "$MPIRUN" $MPIFLAGS $BTL_SHM -np 2 "$@" 2>&1 |
		awk -v l="$label" '/^STAMPS|RESULT/ { sub(/.*RESULT/, "RESULT"); print l ": " $0 }'
}

# median WHO RANK WHAT reads STAMPS lines on stdin.
median() { awk -v r="rank $2 $3" 'index($0, r) { for (i = 1; i < NF; i++) if ($i == "median") print $(i + 1) }' | head -1; }

echo "# $(date -u '+%F %H:%M') UTC, SIZE=$SIZE ITERS=$ITERS; uptime:$(uptime)"
for _ in $(seq "$REPS"); do
	g=$(run go -x DSAC_MPI_BENCH=1 -x BENCH_SIZES="$SIZE" -x BENCH_ITERS="$ITERS" bin/mpi-stamps.test -test.run '^TestBenchPingPong$')
	ta=$(echo "$g" | median go 1 turnaround)
	c0=$(run "C, no delay" bin/ringpong "$SIZE" "$ITERS" 0)
	cd=$(run "C, delay $ta" bin/ringpong "$SIZE" "$ITERS" "$ta")
	printf '%s\n' "$g" "$c0" "$cd"
	ta0=$(echo "$g" | median go 0 turnaround)
	rt=$(echo "$g" | median go 0 roundtrip)
	crt=$(echo "$cd" | median ringpong 0 roundtrip)
	c0rt=$(echo "$c0" | median ringpong 0 roundtrip)
	# Rank 0's turnaround is longer than rank 1's: its handler makes a new
	# message where rank 1 echoes the one it got.
	awk -v ta="$ta" -v ta0="$ta0" -v rt="$rt" -v crt="$crt" -v c0="$c0rt" 'BEGIN {
		printf "=> Go round trip %d = rank 1 turnaround %d + %d; C, same calls, that delay: %d + %d; no delay: %d.\n", rt, ta, rt - ta, ta, crt - ta, c0
		printf "=> Go per hop beyond C (median, cycles): turnaround %d (ranks 0 and 1: %d, %d) + MPI calls %d = %d\n",
			(ta + ta0) / 2, ta0, ta, (rt - crt) / 2, (ta + ta0) / 2 + (rt - crt) / 2
	}'
done
echo "# uptime after:$(uptime)"
