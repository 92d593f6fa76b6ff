#!/usr/bin/env bash
# Messages per second through one Pipeline.Sample consumer, on the in-memory bus and on a real redis-server,
# in the same run and under the same conditions: a backlog of N FeedbackEvents (10% invalid) is published
# first (--prefill), then one consumer drains it with validation in strict mode (dead letters included).
# The figures are the sample's own "throughput" line: messages per second from first delivery to last completion,
# and the consumer process's CPU per message over the same stretch (all threads; much less sensitive to machine load
# than the rate). For the Redis bus, redis-server's time per message on the consume path is read from INFO
# commandstats (EVALSHA/EVAL of the completion script, XREADGROUP, XAUTOCLAIM, XPENDING), reset before each run.
#
#   benchmarks/pipeline-throughput.sh [messages=100000] [rounds=3]
#
# Needs redis-server (Debian package redis-server); starts its own on a free loopback port and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
rounds=${2:-3}

command -v redis-server >/dev/null || { echo "pipeline-throughput: redis-server not found (apt-get install redis-server)" >&2; exit 2; }
dotnet build samples/Pipeline.Sample -c Release -v quiet -nologo >/dev/null
sample=samples/Pipeline.Sample/bin/Release/net10.0/Pipeline.Sample.dll

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
workdir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$workdir" --daemonize no >"$workdir/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

run() { # bus round -> "msg/s cpu-us/msg"
  dotnet "$sample" --bus "$1" --redis "127.0.0.1:$port" --namespace "bench$2$1" --prefill --count "$count" \
    --mode strict --invalid-share 0.1 --port 0 --summary-interval 1h 2>&1 \
    | sed -n 's/^pipeline: throughput .* = \([0-9]*\) msg\/s.*process CPU \([0-9.]*\) us\/msg.*/\1 \2/p'
}

server_us() { # -> redis-server microseconds per message on the consume path since the last reset
  redis-cli -p "$port" INFO commandstats | tr -d '\r' \
    | sed -n 's/^cmdstat_\(evalsha\|eval\|xreadgroup\|xautoclaim\|xpending\):calls=[0-9]*,usec=\([0-9]*\),.*/\2/p' \
    | awk -v n="$count" '{ s += $1 } END { printf "%.1f", s / n }'
}

median() { sort -n | sed -n "$(( (rounds + 1) / 2 ))p"; }

echo "conditions: $count messages per run, strict mode, 10% invalid, one consumer (batch 256), backlog published first"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "software: dotnet $(dotnet --version), $(redis-server --version | cut -d' ' -f1-3), StackExchange.Redis 3.4.35, loopback"
echo "cpu = consumer process CPU per message; server = redis-server time per message (commandstats, consume path)"
printf '%-6s %12s %12s %7s %12s %12s %12s\n' round memory redis ratio 'cpu memory' 'cpu redis' 'server'
memories=(); redises=(); ratios=()
for round in $(seq "$rounds"); do
  read -r memory memory_cpu <<<"$(run memory "$round")"
  redis-cli -p "$port" CONFIG RESETSTAT >/dev/null
  read -r redis redis_cpu <<<"$(run redis "$round")"
  server=$(server_us)
  ratio=$(python3 -c "print(f'{$redis/$memory:.2f}')")
  memories+=("$memory"); redises+=("$redis"); ratios+=("$ratio")
  printf '%-6s %10s/s %10s/s %7s %6s us/msg %6s us/msg %6s us/msg\n' "$round" "$memory" "$redis" "$ratio" "$memory_cpu" "$redis_cpu" "$server"
done
range() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd- -; }
echo "median memory: $(printf '%s\n' "${memories[@]}" | median) msg/s (range $(range "${memories[@]}"))"
echo "median redis: $(printf '%s\n' "${redises[@]}" | median) msg/s (range $(range "${redises[@]}"))"
echo "median redis/memory: $(printf '%s\n' "${ratios[@]}" | median) (range $(range "${ratios[@]}"))"
