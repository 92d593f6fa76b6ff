#!/usr/bin/env bash
# Fleet propagation and registry load, measured with real processes: redis-server, the loopback registry and 8 replica
# processes (tests/FleetReplica, validating every 2 ms) per run, via the fleet tests in tests/CoreRegistryClient.Redis.Tests.
#
#   benchmarks/fleet-propagation.sh push [ROUNDS]  push, index polling off: publish request sent (and, second row, the
#                                                   event's ts) -> each replica's first validation with the new version,
#                                                   plus each replica's breakdown
#   benchmarks/fleet-propagation.sh poll [ROUNDS]  poll only (2 s interval, no Redis), same measurement
#   benchmarks/fleet-propagation.sh load           registry requests per replica per hour, counted at the registry over
#                                                   a 20 s window per configuration, time scaled 1:60 (see FleetRegistryLoadTests)
# ROUNDS defaults to 3 (8 samples each). Each mode takes under 5 minutes on an idle 2-core machine. Quote the load
# average printed with the figures. p99 over 24 samples is the 23rd value; max is the 24th.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-push}"
rounds="${2:-3}"
dotnet build tests/CoreRegistryClient.Redis.Tests -c Release -m:1 >/dev/null
echo "load: $(uptime)"

run() { # $1: test filter; prints the test's detailed output
  dotnet test tests/CoreRegistryClient.Redis.Tests -c Release --no-build --filter "$1" --logger "console;verbosity=detailed" 2>&1
}

row() { # $1: label; stdin: one value (ms) a line
  sort -n | awk -v label="$1" '{v[NR]=$1} END {
    if (NR == 0) { printf "| %s | 0 | - | - | - |\n", label; exit }
    i50=int((NR-1)*0.50)+1; i99=int((NR-1)*0.99)+1;
    printf "| %s | %d | %d ms | %d ms | %d ms |\n", label, NR, v[i50], v[i99], v[NR]}'
}

propagation() { # $1: test name, $2: label
  local out line values=() event=()
  for round in $(seq 1 "$rounds"); do
    out=$(run "FullyQualifiedName~FleetPropagationTests.$1")
    line=$(grep -m1 "^ *propagation (" <<<"$out" || true)
    echo "round $round: ${line:-FAILED}"
    grep "^ *breakdown" <<<"$out" | sed "s/^ */  /" | sort -u || true
    [ -n "$line" ] && values+=($(sed 's/.*all: //; s/,//g' <<<"$line"))
    line=$(grep -m1 "^ *propagation from event ts" <<<"$out" || true)
    [ -n "$line" ] && event+=($(sed 's/.*all: //; s/,//g' <<<"$line"))
  done
  [ "${#values[@]}" -gt 0 ] || { echo "no round succeeded" >&2; exit 1; }
  echo "| mode | n | p50 | p99 | max |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${values[@]}" | row "$2, from publish request"
  [ "${#event[@]}" -eq 0 ] || printf '%s\n' "${event[@]}" | row "$2, from event ts"
}

case "$mode" in
  push) propagation All_eight_replicas_switch_to_a_published_version_with_polling_disabled "push, polling off" ;;
  poll) propagation All_eight_replicas_switch_by_polling_alone_without_redis "poll only, 2 s interval" ;;
  load)
    out=$(run "FullyQualifiedName~FleetRegistryLoadTests")
    echo "| configuration | /index per replica per hour | of which 200 (full body) | of which 304 | schema GETs per replica per hour | raw |"
    echo "|---|---|---|---|---|---|"
    grep "^ *load |" <<<"$out" | sed "s/^ *load //; s/$/ |/" | sort -u || { echo "FAILED"; grep -E "Failed|error" <<<"$out" | head; exit 1; }
    ;;
  *) echo "usage: $0 push|poll [ROUNDS] | load" >&2; exit 2 ;;
esac
echo "load after: $(uptime)"
