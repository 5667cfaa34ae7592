#!/usr/bin/env bash
# Measures the commit rate of dsac's Raft (algorithms/raft.dsa, generated,
# on the channel backend) against etcd's raft library (go.etcd.io/raft/v3,
# the kit in ../shared/anchors/etcdraft: N RawNodes in one process, one
# Propose per entry, MemoryStorage, no disk), for 3- and 5-node clusters
# committing the same number of entries, in one run: etcd in its two modes
# (goroutine: a goroutine per node; loop: one goroutine steps them all) and
# dsac alternate, REPS times each. It prints, per cluster size, the median
# and range of each, and the ratio of dsac's median to each of etcd's.
#
#   scripts/raft/bench.sh                       # REPS=5 ENTRIES=200000 NS="3 5"
#   REPS=9 ENTRIES=100000 NS=3 scripts/raft/bench.sh
#
# What is measured on each side:
# - etcd: the kit's commits_per_s — entries over the time from the first
#   proposal (the leader is elected before the clock starts) until the
#   leader has applied them all, at most 4096 proposed and not applied.
# - dsac: `./raft -n N --param commands=ENTRIES --json` (the program
#   `dsac build` makes), and from its outputs, which carry the time since the
#   run started: the commands the last leader to be elected applied after
#   its elected(term) output, over the time from that output to its last
#   apply(index, cmd) output. The leader proposes each command as one log
#   entry, keeping at most `window` (4096) proposed and not committed, and
#   sends at most `batch` (256) entries per AppendEntries, one AppendEntries
#   in flight per follower (see the header of algorithms/raft.dsa). A run
#   also checks every property of the spec at its end, after the clock.
# A figure is only worth recording from a quiet machine (the script prints
# the load before and after) and when a rerun reproduces it.
set -euo pipefail
cd "$(dirname "$0")/../.."

REPS=${REPS:-5}
ENTRIES=${ENTRIES:-200000}
NS=${NS:-3 5}
KIT=${KIT:-../shared/anchors/etcdraft}
LIMIT=${LIMIT:-300}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p bin
(cd "$KIT" && go build -o "$OLDPWD/bin/etcdraft-bench" .)
go run ./cmd/dsac build algorithms/raft.dsa -o bin/raft

# etcd MODE N prints the kit's commits/s.
etcd() {
	timeout -k 5 "$LIMIT" bin/etcdraft-bench -mode "$1" -n "$2" -entries "$ENTRIES" |
		sed -n 's/.*commits_per_s=\([0-9.]*\).*/\1/p'
}

# dsac N prints the generated Raft's commits/s (see above).
dsac() {
	local out
	out=$(mktemp)
	# The program exits 1 if the run failed or a property was violated.
	timeout -k 5 "$LIMIT" bin/raft -n "$1" --param commands="$ENTRIES" --timeout "${LIMIT}s" --json >"$out" || {
		echo "dsac raft -n $1 failed" >&2
		head -c 2000 "$out" >&2
		rm -f "$out"
		return 1
	}
	jq -r '
		([.outputs[] | .process as $p | .events[] | select(.name == "elected") | {p: $p, t: .at_ns}] | max_by(.t)) as $e
		| [.outputs[] | select(.process == $e.p) | .events[] | select(.name == "apply" and .at_ns >= $e.t) | .at_ns] as $a
		| ($a | length) * 1e9 / (($a | max) - $e.t)' "$out"
	rm -f "$out"
}

# stats prints the median, the smallest and the largest of stdin.
stats() {
	sort -g | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		print m, v[1], v[NR]
	}'
}

echo "# $(date -u '+%F %H:%M') UTC, REPS=$REPS ENTRIES=$ENTRIES"
printf '%-6s %-16s %12s %25s\n' nodes impl "median/s" "range/s"
for n in $NS; do
	eg=() el=() dv=()
	for _ in $(seq "$REPS"); do
		eg+=("$(etcd goroutine "$n")")
		el+=("$(etcd loop "$n")")
		dv+=("$(dsac "$n")")
	done
	read -r egm eglo eghi < <(printf '%s\n' "${eg[@]}" | stats)
	read -r elm ello elhi < <(printf '%s\n' "${el[@]}" | stats)
	read -r dm dlo dhi < <(printf '%s\n' "${dv[@]}" | stats)
	awk -v n="$n" -v egm="$egm" -v eglo="$eglo" -v eghi="$eghi" -v elm="$elm" -v ello="$ello" -v elhi="$elhi" \
		-v dm="$dm" -v dlo="$dlo" -v dhi="$dhi" 'BEGIN {
		printf "%-6s %-16s %12.0f %12.0f..%-12.0f\n", n, "etcd goroutine", egm, eglo, eghi
		printf "%-6s %-16s %12.0f %12.0f..%-12.0f\n", n, "etcd loop", elm, ello, elhi
		printf "%-6s %-16s %12.0f %12.0f..%-12.0f\n", n, "dsac channel", dm, dlo, dhi
		printf "%-6s dsac/etcd (medians): %.2fx goroutine, %.2fx loop   goal >= 1x: %s\n", n, dm / egm, dm / elm,
			(dm >= egm && dm >= elm) ? "met" : "NOT met"
	}'
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p'), $(go version | cut -d' ' -f3), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- algorithms runtime codegen || echo '+changes')"
echo "load average before: $load_before; after: $load_after"
awk -v l="${load_before%% *}" 'BEGIN { if (l + 0 >= 0.5) print "WARNING: the load was " l " at the start (other work running): these figures are not for recording" }'
