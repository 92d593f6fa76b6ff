#!/usr/bin/env bash
# Fleet propagation with push: runs the fleet test (redis-server, loopback registry, 8 replica processes with index
# polling off) ROUNDS times and prints each round's per-replica propagation (publish request sent -> replica's first
# validation with the new version; 2 ms validation loop) and p50 / p99 / max over all rounds.
# Usage: benchmarks/fleet-propagation.sh [ROUNDS]   (default 5). Quote the machine load (uptime) with the figures.
# Not measured here yet: poll-only propagation and registry requests per replica per hour (see docs/fleet.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
dotnet build tests/CoreRegistryClient.Redis.Tests -c Release -m:1 >/dev/null
echo "load: $(uptime)"
all=()
for round in $(seq 1 "$rounds"); do
  line=$(dotnet test tests/CoreRegistryClient.Redis.Tests -c Release --no-build --filter "FullyQualifiedName~FleetPropagation" \
    --logger "console;verbosity=detailed" 2>&1 | grep -m1 "propagation (push" || true)
  echo "round $round: ${line:-FAILED}"
  [ -n "$line" ] && read -r -a values <<<"$(sed 's/.*all: //; s/,//g' <<<"$line")" && all+=("${values[@]}")
done
[ "${#all[@]}" -gt 0 ] || { echo "no round succeeded" >&2; exit 1; }
printf '%s\n' "${all[@]}" | sort -n | awk '{v[NR]=$1} END {
  i50=int((NR-1)*0.50)+1; i99=int((NR-1)*0.99)+1;
  printf "push, polling off: n=%d  p50 %d ms  p99 %d ms  max %d ms\n", NR, v[i50], v[i99], v[NR]}'
