#!/usr/bin/env bash
# StackExchange.Redis's own CPU per stream entry it reads, against the same bytes read as one string in the same run
# (CoreRegistryClient.Benchmarks --redis-read, Redis/StreamReadCost.cs): the client's share of the Redis consumer's CPU
# without a consumer around it. Run as PIN=1 runs the pipeline: the client on one CPU and redis-server on another, call
# counting for tier-1 code from the start (DOTNET_TC_CallCountingDelayMs=0, else one CPU delays it by a second or more),
# and idle thread-pool workers sleeping instead of spinning, as Pipeline.Sample ships (else the pool's column counts
# the spinning while each reply is awaited).
#
#   benchmarks/redis-client-read.sh [rounds=3]
#
# Linux only (per-thread CPU from /proc); needs redis-server, python3, taskset and 2 usable CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}

source benchmarks/redis-loopback.sh
redis_loopback_init
dotnet build benchmarks/CoreRegistryClient.Benchmarks -c Release -v quiet -nologo >/dev/null
redis_loopback_cpus
redis_loopback_start taskset -c "$cpu_b"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg); client on CPU $cpu_a, redis-server on CPU $cpu_b"
DOTNET_TC_CallCountingDelayMs=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 taskset -c "$cpu_a" dotnet benchmarks/CoreRegistryClient.Benchmarks/bin/Release/net10.0/CoreRegistryClient.Benchmarks.dll \
  --redis-read "127.0.0.1:$redis_port" "$rounds"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
