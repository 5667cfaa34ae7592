#!/usr/bin/env bash
# The explorer's distinct states per second, a build of this tree against a
# build of BASE (a commit; default: the last one before issue 12's speed
# work of 2026-12-06), alternated in one run (base, new, base, new, ...), so
# the machine's drift falls on both sides. Paxos with two proposers at
# n = 3 (--max-timer-fires 5), n = 4 and n = 5 (--max-timer-fires 1),
# breadth-first on every core, liveness search excluded.
# SPEC (default algorithms/paxos.dsa) is built by both trees' dsac from this
# tree's file, so both sides explore the same model: use
# SPEC=bench/explore/paxos_classic.dsa to compare with figures taken before
# Paxos was rewritten with await.
# Usage: scripts/sim/explore-ab.sh   (BASE=93de9ee REPS=5 SPEC=...)
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${BASE:-93de9ee}
REPS=${REPS:-5}
SPEC=$(realpath "${SPEC:-algorithms/paxos.dsa}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dsac-exploreab.XXXXXX")
trap 'git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add -q --detach "$WORK/base" "$BASE"
(cd "$WORK/base" && go build -o "$WORK/dsac-base" ./cmd/dsac && "$WORK/dsac-base" build "$SPEC" -o "$WORK/paxos-base" >/dev/null)
go build -o "$WORK/dsac-new" ./cmd/dsac
"$WORK/dsac-new" build "$SPEC" -o "$WORK/paxos-new" >/dev/null
field() { sed -n "s/.*\"$1\": \([0-9.e+]*\).*/\1/p" | head -1; }
echo "# explore A/B: base $BASE vs $(git rev-parse --short HEAD) on ${SPEC#$PWD/}, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cpus, go $(go env GOVERSION)"
echo "# uptime before: $(uptime)"
for args in "-n 3 --max-timer-fires 5" "-n 4" "-n 5 --max-timer-fires 1"; do
  base=() new=()
  for _ in $(seq "$REPS"); do
    base+=("$("$WORK/paxos-base" explore $args --no-liveness --json | field states_per_s)")
    new+=("$("$WORK/paxos-new" explore $args --no-liveness --json | field states_per_s)")
  done
  states=$("$WORK/paxos-new" explore $args --no-liveness --json | field distinct_states)
  bps=$("$WORK/paxos-new" explore $args --no-liveness --json | field bytes_per_state)
  python3 - "$args" "$states" "$bps" "${base[*]}" "${new[*]}" <<'PY'
import sys, statistics as st
args, states, bps = sys.argv[1:4]
b = [float(x) for x in sys.argv[4].split()]
n = [float(x) for x in sys.argv[5].split()]
r = [y / x for x, y in zip(b, n)]
k = lambda v: f"{v/1000:.0f}k"
print(f"paxos explore {args}: {states} distinct states, {float(bps):.0f} B/state")
print(f"  base states/s: median {k(st.median(b))}, range {k(min(b))}-{k(max(b))}")
print(f"  new  states/s: median {k(st.median(n))}, range {k(min(n))}-{k(max(n))}")
print(f"  new/base, pair by pair: median {st.median(r):.2f}x, range {min(r):.2f}-{max(r):.2f}x")
PY
done
echo "# uptime after: $(uptime)"
