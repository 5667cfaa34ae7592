#!/usr/bin/env bash
# The simulator's figures against their anchors, measured in the same run:
#   - random simulation of Paxos: steps/s of `dsac sim` next to the Quint
#     simulator (../shared/anchors/quint kit: PaxosBounded, 3 acceptors, all
#     majorities, 30 steps a trace), alternating the two, REPS times;
#   - bug finding: the acceptor that compares with the ballot it accepted
#     instead of the one it promised (Quint's PaxosBuggy), runs and seconds to
#     the first violation;
#   - exhaustive exploration of Paxos with two proposers: distinct states/s
#     and bytes per state (no anchor runs here: Stateright and TLC publish
#     theirs; see docs/BENCHMARKS.md).
# Usage: scripts/sim/bench.sh   (REPS=3; QUINT_KIT=path of the anchor kit)
# Needs node and npm for Quint (installed by the kit on first use).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS=${REPS:-3}
KIT=${QUINT_KIT:-../shared/anchors/quint}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dsac-simbench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -r "$KIT" "$WORK/kit"

QUINT_VERSION=0.33.0
QUINT_DIR=${QUINT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quint-anchor/quint-$QUINT_VERSION}
CLI=$QUINT_DIR/node_modules/@informalsystems/quint/dist/src/cli.js
if [ ! -f "$CLI" ]; then
  echo "# installing Quint with the anchor kit (QUICK=1 run)" >&2
  (cd "$WORK/kit" && QUICK=1 QUINT_DIR="$QUINT_DIR" ./run.sh >/dev/null)
fi
export QUINT_PKG=$QUINT_DIR/node_modules/@informalsystems/quint
unset QUINT_RETRY_NONDET_SMALLER_THAN

go build -o "$WORK/dsac" ./cmd/dsac
"$WORK/dsac" build algorithms/paxos.dsa -o "$WORK/paxos" >/dev/null
"$WORK/dsac" build cmd/dsac/testdata/broken/paxos_accepted_ballot.dsa -o "$WORK/buggy" >/dev/null

now() { date +%s.%N; }
json() { sed -n "s/.*\"$1\": \([0-9.e+]*\).*/\1/p" "$2" | head -1; }

echo "# dsac simulator bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cpus, go $(go env GOVERSION), node $(node --version)"
echo "# uptime: $(uptime)"
SAMPLES=800 STEPS=30
for i in $(seq 1 "$REPS"); do
  # Quint: 800 traces of 30 steps (the kit's paxos-maj row).
  t0=$(now)
  node -r "$WORK/kit/quint-hook.js" "$CLI" run --backend typescript \
    --main PaxosBounded_val2_accept3_majority --init Init --step Next --invariant Agreement \
    --max-samples $SAMPLES --max-steps $STEPS --seed $i --verbosity 1 "$WORK/kit/PaxosBounded.qnt" >"$WORK/q.out" 2>&1 || true
  t1=$(now)
  qx=$(sed -n 's/.*quint-hook.* transitions=\([0-9]*\).*/\1/p' "$WORK/q.out" | tail -1)
  qsim=$(sed -n 's/.*quint-hook.* sim_ms=\([0-9.]*\).*/\1/p' "$WORK/q.out" | tail -1)
  qwall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  echo "quint-sim round=$i traces=$SAMPLES steps=${qx:-NA} wall_s=$qwall sim_ms=${qsim:-NA} steps_per_s_wall=$(awk -v x="${qx:-0}" -v w="$qwall" 'BEGIN{printf "%.0f", x/w}') steps_per_s_sim=$(awk -v x="${qx:-0}" -v w="${qsim:-0}" 'BEGIN{ if (w>0) printf "%.0f", x*1000/w; else print "NA"}')"
  # dsac: random walks of 30 steps, one worker and all workers.
  for par in 1 0; do
    t0=$(now)
    "$WORK/paxos" sim -n 5 --runs 20000 --max-steps $STEPS --no-eventually --seed $((i * 100000)) --parallel $par --json >"$WORK/d.json" || true
    t1=$(now)
    dwall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    steps=$(json steps "$WORK/d.json")
    echo "dsac-sim round=$i parallel=$([ $par = 0 ] && nproc || echo 1) runs=20000 steps=$steps wall_s=$dwall steps_per_s_wall=$(awk -v x="$steps" -v w="$dwall" 'BEGIN{printf "%.0f", x/w}') steps_per_s=$(json steps_per_s "$WORK/d.json")"
  done
done

# Bug finding: runs and time to the first violation, five seeds, Quint's
# PaxosBuggy (Phase2b ignores maxBal, majority quorums) then dsac's
# paxos_accepted_ballot (the acceptor compares with the ballot it accepted).
for seed in 1 1000000001 2000000001 3000000001 4000000001; do
  t0=$(now)
  node -r "$WORK/kit/quint-hook.js" "$CLI" run --backend typescript \
    --main PaxosBuggy_val2_accept3_majority --init Init --step Next --invariant Agreement \
    --max-samples 20000 --max-steps $STEPS --seed $seed --verbosity 1 "$WORK/kit/PaxosBuggy.qnt" >"$WORK/q.out" 2>&1 || true
  t1=$(now)
  qs=$(sed -n 's/.*quint-hook.* samples=\([0-9]*\).*/\1/p' "$WORK/q.out" | tail -1)
  qst=$(sed -n 's/.*quint-hook.* status=\([a-z]*\).*/\1/p' "$WORK/q.out" | tail -1)
  echo "quint-bug seed=$seed status=${qst:-NA} samples_to_violation=${qs:-NA} wall_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
  t0=$(now)
  "$WORK/buggy" sim -n 5 --runs 20000 --seed $seed --parallel 1 --no-shrink --replay-out "$WORK/b.replay" --json >"$WORK/b.json" || true
  t1=$(now)
  echo "dsac-bug seed=$seed runs_to_violation=$(json runs "$WORK/b.json") wall_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
done

# Exhaustive exploration: distinct states/s, bytes per state.
for args in "-n 3 --max-timer-fires 5" "-n 4" "-n 5 --max-timer-fires 1"; do
  for i in $(seq 1 "$REPS"); do
    "$WORK/paxos" explore $args --no-liveness --json >"$WORK/e.json"
    echo "dsac-explore args='$args' round=$i distinct=$(json distinct_states "$WORK/e.json") states_per_s=$(json states_per_s "$WORK/e.json" | cut -d. -f1) bytes_per_state=$(json bytes_per_state "$WORK/e.json" | cut -d. -f1) elapsed_ns=$(json elapsed_ns "$WORK/e.json")"
  done
done
echo "# uptime: $(uptime)"
