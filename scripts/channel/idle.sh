#!/usr/bin/env bash
# A hundred thousand idle processes on the channel backend (issue 13's
# target: under 1 GB and under 1 s), against the anchor bench/idle: the
# least a goroutine-per-process runtime spends on n processes that handle a
# start event and wait. The program is Paxos with no proposers, so its
# processes are acceptors that start and wait for messages that never come;
# the run ends quiescent, its properties checked over every process.
# farm-bench runs the two in turn (A B A B ...) and pairs them: wall time and
# peak memory of the whole process, start-up and the report included.
# Usage: scripts/channel/idle.sh   (N=100000 RUNS=7)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-100000}
RUNS=${RUNS:-7}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dsac-idle.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
go build -o "$WORK/dsac" ./cmd/dsac
"$WORK/dsac" build algorithms/paxos.dsa -o "$WORK/paxos" >/dev/null
go build -o "$WORK/idle" ./bench/idle
echo "# idle processes: n=$N, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cpus, go $(go env GOVERSION), commit $(git rev-parse --short HEAD)"
echo "# uptime before: $(uptime)"
# The program's report lists every process; it is thrown away by farm-bench.
farm-bench -n "$RUNS" --timeout 600 \
  --vs "$WORK/idle -n $N" \
  -- "$WORK/paxos" -n "$N" --param proposers=0 --timeout 60s
echo "# uptime after: $(uptime)"
