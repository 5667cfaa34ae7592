#!/usr/bin/env bash
# Runs the MPI backend's tests under real mpirun: over shared memory and
# over TCP on loopback, for several world sizes (beyond the cores too).
# Fails if a run fails or times out, or leaves a rank behind.
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
for transport in shm tcp; do
	btl=$BTL_SHM
	[ "$transport" = tcp ] && btl=$BTL_TCP
	for np in $NPS; do
		start=$(date +%s%N)
		rc=0
		# shellcheck disable=SC2086 # flags are word lists on purpose
		timeout -k 5 "$LIMIT" "$MPIRUN" $MPIFLAGS $btl -np "$np" "$bin" -test.run "$RUN" >"$log" 2>&1 || rc=$?
		took=$((($(date +%s%N) - start) / 1000000))ms
		case $rc in
		0) echo "ok    $transport np=$np ($took)" ;;
		124 | 137) echo "FAIL  $transport np=$np: timed out after ${LIMIT}s"; fail=1 ;;
		*) echo "FAIL  $transport np=$np: exit $rc"; fail=1 ;;
		esac
		if [ "$rc" -ne 0 ]; then
			grep -v '^=== RUN\|^--- PASS\|^PASS$' "$log" | head -40
		fi
		left=$(strays "$bin")
		if [ -n "$left" ]; then
			echo "FAIL  $transport np=$np: ranks left running: $left (killed)"
			# These are ranks of the job this script just started.
			kill -9 $left 2>/dev/null || true
			fail=1
		fi
	done
done
exit $fail
