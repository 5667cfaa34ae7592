#!/usr/bin/env bash
# Runs the MPI backend's tests under real mpirun: over shared memory and
# over TCP on loopback, for several world sizes (beyond the cores too),
# then the program path (Run owning MPI, crash faults from the
# environment). Fails if a run fails or times out, or leaves a rank behind.
#
#   scripts/mpi/test.sh                 # sizes 1 2 3 5 8, both transports
#   NPS="3 8" RUN=TestRing scripts/mpi/test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/mpi/common.sh

scripts/mpi/install.sh
check_btl self vader tcp
go test -tags mpi -c -o bin/mpi.test ./runtime/mpi
bin=$PWD/bin/mpi.test

NPS=${NPS:-"1 2 3 5 8"}
RUN=${RUN:-.}
LIMIT=${LIMIT:-120}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
fail=0

# job LABEL NP BTL [mpirun args...] runs one job of the test binary, which
# must succeed. With WANT="RC:TEXT" set it must instead exit RC with TEXT
# in its output.
job() {
	local label=$1 np=$2 btl=$3
	shift 3
	local start rc=0 took left ok=0
	start=$(date +%s%N)
	# shellcheck disable=SC2086 # flags are word lists on purpose
	timeout -k 5 "$LIMIT" "$MPIRUN" $MPIFLAGS $btl -np "$np" "$@" >"$log" 2>&1 || rc=$?
	took=$((($(date +%s%N) - start) / 1000000))ms
	if [ -n "${WANT:-}" ]; then
		[ "$rc" = "${WANT%%:*}" ] && grep -q "${WANT#*:}" "$log" && ok=1
	else
		[ "$rc" = 0 ] && ok=1
	fi
	if [ "$ok" = 1 ]; then
		echo "ok    $label np=$np ($took)"
	elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "FAIL  $label np=$np: timed out after ${LIMIT}s"
	else
		echo "FAIL  $label np=$np: exit $rc${WANT:+, want $WANT}"
	fi
	if [ "$ok" = 0 ]; then
		fail=1
		grep -v '^=== RUN\|^--- PASS\|^PASS$' "$log" | head -40
	fi
	left=$(strays "$bin")
	if [ -n "$left" ]; then
		echo "FAIL  $label np=$np: ranks left running: $left (killed)"
		# These are ranks of the job this script just started.
		kill -9 $left 2>/dev/null || true
		fail=1
	fi
}

for transport in shm tcp; do
	btl=$BTL_SHM
	[ "$transport" = tcp ] && btl=$BTL_TCP
	for np in $NPS; do
		job "$transport" "$np" "$btl" "$bin" -test.run "$RUN"
	done
	job "$transport standalone" 3 "$btl" -x DSAC_MPI_STANDALONE=1 "$bin"
	job "$transport standalone crash 1#2" 3 "$btl" -x DSAC_MPI_STANDALONE=1 -x DSAC_MPI_CRASH=1#2 "$bin"
	WANT="3:rank 2 stopped making progress" job "$transport stuck handler, watchdog" 3 "$btl" -x DSAC_MPI_STANDALONE=stuck "$bin"
	if grep -q "rank [01] stopped\|not stuck" "$log"; then
		echo "FAIL  $transport stuck handler: a rank that was not stuck blamed itself"
		fail=1
	fi
done
exit $fail
