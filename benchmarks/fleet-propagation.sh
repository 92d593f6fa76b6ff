#!/usr/bin/env bash
# Fleet propagation and registry load, measured with real processes: redis-server, the loopback registry and 8 replica
# processes (tests/FleetReplica, validating every 2 ms) per run, via the fleet tests in tests/CoreRegistryClient.Redis.Tests.
#
#   benchmarks/fleet-propagation.sh push [ROUNDS]  push, index polling off: publish request sent -> each replica's first
#                                                   validation with the new version, plus each replica's breakdown
#   benchmarks/fleet-propagation.sh poll [ROUNDS]  poll only (2 s interval, no Redis), same measurement
#   benchmarks/fleet-propagation.sh load           registry requests per replica per hour, counted at the registry over
#                                                   a 20 s window per configuration, time scaled 1:60 (see FleetRegistryLoadTests)
# ROUNDS defaults to 3 (8 samples each). Each mode takes under 5 minutes on an idle 2-core machine. Quote the load
# average printed with the figures. p99 over 24 samples is the 24th value (the max); say so.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-push}"
rounds="${2:-3}"
dotnet build tests/CoreRegistryClient.Redis.Tests -c Release -m:1 >/dev/null
echo "load: $(uptime)"

run() { # $1: test filter; prints the test's detailed output
  dotnet test tests/CoreRegistryClient.Redis.Tests -c Release --no-build --filter "$1" --logger "console;verbosity=detailed" 2>&1
}

propagation() { # $1: test name, $2: label
  local all=() out line
  for round in $(seq 1 "$rounds"); do
    out=$(run "FullyQualifiedName~FleetPropagationTests.$1")
    line=$(grep -m1 "^ *propagation (" <<<"$out" || true)
    echo "round $round: ${line:-FAILED}"
    grep "^ *breakdown" <<<"$out" | sort -u | sed 's/^ */  /' || true
    [ -n "$line" ] && read -r -a values <<<"$(sed 's/.*all: //; s/,//g' <<<"$line")" && all+=("${values[@]}")
  done
  [ "${#all[@]}" -gt 0 ] || { echo "no round succeeded" >&2; exit 1; }
  echo "| mode | n | p50 | p99 | max |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${all[@]}" | sort -n | awk -v label="$2" '{v[NR]=$1} END {
    i50=int((NR-1)*0.50)+1; i99=int((NR-1)*0.99)+1;
    printf "| %s | %d | %d ms | %d ms | %d ms |\n", label, NR, v[i50], v[i99], v[NR]}'
}

case "$mode" in
  push) propagation All_eight_replicas_switch_to_a_published_version_with_polling_disabled "push, polling off" ;;
  poll) propagation All_eight_replicas_switch_by_polling_alone_without_redis "poll only, 2 s interval" ;;
  load)
    out=$(run "FullyQualifiedName~FleetRegistryLoadTests")
    echo "| configuration | /index per replica per hour | of which 200 (full body) | of which 304 | schema GETs per replica per hour | raw |"
    echo "|---|---|---|---|---|---|"
    grep "^ *load |" <<<"$out" | sort -u | sed 's/^ *load //; s/$/ |/' || { echo "FAILED"; grep -E "Failed|error" <<<"$out" | head; exit 1; }
    ;;
  *) echo "usage: $0 push|poll [ROUNDS] | load" >&2; exit 2 ;;
esac
echo "load after: $(uptime)"
