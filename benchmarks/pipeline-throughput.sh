#!/usr/bin/env bash
# Messages per second through one Pipeline.Sample consumer, on the in-memory bus and on a real redis-server,
# in the same run and under the same conditions: a backlog of N FeedbackEvents (10% invalid) is published
# first (--prefill), then one consumer drains it with validation in strict mode (dead letters included).
# The figures are the sample's own "throughput" lines, for two stretches of each run: the whole run (first delivery to
# last completion) and its steady second half: the first half of the messages is a warm-up, after which the consumer
# pauses until the JIT compiler has settled (no method compiled for 1 s, at most 15 s; see Tiering below), so the steady half leaves out
# start-up (JIT compilation and tiering, connections, first schema load) the same way for both buses. Per stretch: messages per second, and the consumer process's CPU and allocated bytes per message (all threads;
# CPU is much less sensitive to machine load than the rate). For the Redis bus, redis-server's time per message on the
# consume path (whole run) is read from INFO commandstats (EVALSHA/EVAL of the completion script, XREADGROUP,
# XAUTOCLAIM, XPENDING), reset before each run, and so is its CPU time (user + system, /proc/<pid>/stat) from the end
# of publishing to the consumer's exit, which also counts the kernel's socket work.
#
#   benchmarks/pipeline-throughput.sh [messages=100000] [rounds=3]
#   PIN=1 benchmarks/pipeline-throughput.sh ...   the consumer on one CPU and redis-server on another, on both buses
#   TIERING=default benchmarks/pipeline-throughput.sh ...   the runtime's own tiering delay (see below)
#
# Tiering: the consumer runs with DOTNET_TC_CallCountingDelayMs=0 on both buses, so that the runtime starts counting
# calls for tier-1 promotion at once instead of after a quiet 100 ms (10 times that with one CPU: the runtime's
# single-processor multiplier). With the default delay on one CPU, perf maps showed most runs measuring tier-0 code in
# the steady half (the consumer's hot methods never promoted), and the occasional run promoting them inside it, 2-3
# times faster than its neighbours; a long-running service runs tier-1 code, so that is what the steady half compares.
#
# Unpinned, redis-server and the consumer share the machine's cores, so on a 2-core machine every microsecond
# redis-server spends is one the consumer cannot; the in-memory bus has no server. PIN=1 gives the consumer process
# one core on both buses and redis-server another, as in production where Redis runs on its own host: the ratio then
# compares what the two buses cost the consumer itself.
#
# Needs redis-server (Debian package redis-server); starts its own on a free loopback port and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
rounds=${2:-3}
case "${TIERING:-promote}" in
  promote) tiering=(DOTNET_TC_CallCountingDelayMs=0) ;;
  default) tiering=() ;;
  *) echo "pipeline-throughput: TIERING must be promote or default" >&2; exit 2 ;;
esac

source benchmarks/redis-loopback.sh
redis_loopback_init
dotnet build samples/Pipeline.Sample -c Release -v quiet -nologo >/dev/null
sample=samples/Pipeline.Sample/bin/Release/net10.0/Pipeline.Sample.dll

port=$redis_port
workdir=$redis_dir
# Empty arrays under set -u need bash 4.4 or later; the ${a[@]+...} form below works with older ones too.
pin_consumer=(); pin_server=()
case "${PIN:-0}" in
  0) ;;
  1)
    # Pinned, the consumer sees Environment.ProcessorCount = 1 on both buses, so the runtime sizes its GC and thread
    # pool for one core alike.
    redis_loopback_cpus
    pin_consumer=(taskset -c "$cpu_a"); pin_server=(taskset -c "$cpu_b")
    ;;
  *) echo "pipeline-throughput: PIN must be 0 or 1" >&2; exit 2 ;;
esac
redis_loopback_start ${pin_server[@]+"${pin_server[@]}"}

run() { # bus round -> "msg/s cpu-us/msg jit-methods B/msg" for the whole run, then the same for the steady half
  local output
  output=$(env ${tiering[@]+"${tiering[@]}"} ${pin_consumer[@]+"${pin_consumer[@]}"} dotnet "$sample" --bus "$1" --redis "127.0.0.1:$port" --namespace "bench$2$1" --prefill --count "$count" \
    --mode strict --invalid-share 0.1 --port 0 --summary-interval 1h 2>&1)
  figures() { sed -n "s/^pipeline: $1 .* = \([0-9]*\) msg\/s.*process CPU \([0-9.]*\) us\/msg, allocated \([0-9]*\) B\/msg, JIT-compiled \([0-9]*\) methods.*/\1 \2 \4 \3/p" <<<"$output"; }
  echo "$(figures throughput) $(figures 'steady throughput')"
}

server_us() { # -> redis-server microseconds per message on the consume path since the last reset
  redis-cli -p "$port" INFO commandstats | tr -d '\r' \
    | sed -n 's/^cmdstat_\(evalsha\|eval\|xreadgroup\|xautoclaim\|xpending\):calls=[0-9]*,usec=\([0-9]*\),.*/\2/p' \
    | awk -v n="$count" '{ s += $1 } END { printf "%.1f", s / n }'
}

ticks=$(getconf CLK_TCK)
server_cpu() { awk '{ print $14 + $15 }' "/proc/$redis_pid/stat"; } # redis-server user + system CPU, in clock ticks

run_redis() { # round -> run's figures, then redis-server CPU us/msg from the end of publishing to the consumer's exit
  local stream="bench${1}redis:telemetry.feedback" figures after filled
  rm -f "$workdir/filled"
  ( until xlen=$(redis-cli -p "$port" XLEN "$stream" 2>/dev/null) && [ "${xlen:-0}" -ge "$count" ] 2>/dev/null; do sleep 0.02; done; server_cpu >"$workdir/filled" ) &
  local watcher=$!
  figures=$(run redis "$1")
  after=$(server_cpu)
  for _ in $(seq 50); do [ -s "$workdir/filled" ] && break; sleep 0.1; done
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  filled=$(cat "$workdir/filled" 2>/dev/null || true)
  if [ -z "$filled" ]; then
    # The backlog was never seen complete (stream name, trimming, redis-cli failing): no honest CPU figure.
    echo "pipeline-throughput: round $1: the backlog was not seen in full; srv cpu is n/a" >&2
    echo "$figures n/a"
  else
    echo "$figures $(python3 -c "print(f'{($after - $filled) * 1e6 / $ticks / $count:.1f}')")"
  fi
}

median() { sort -n | sed -n "$(( (rounds + 1) / 2 ))p"; }

echo "conditions: $count messages per run, strict mode, 10% invalid, one consumer (batch 256, 2 reads in flight), backlog published first, $([ "${PIN:-0}" = 1 ] && echo "consumer pinned to CPU $cpu_a and redis-server to CPU $cpu_b (PIN=1)" || echo 'unpinned')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tiering: $([ ${#tiering[@]} -gt 0 ] && echo "${tiering[*]} (call counting from the start, TIERING=promote)" || echo "the runtime's default delay (TIERING=default)")"
echo "software: dotnet $(dotnet --version), $(redis-server --version | cut -d' ' -f1-3), StackExchange.Redis 3.4.35, loopback"
echo "whole = first delivery to last completion (less the warm-up pause); steady = second half, after a warm-up half and a pause until the JIT settled"
echo "cpu, alloc = consumer process CPU and allocated bytes per message (all threads); jit = methods JIT-compiled in the stretch"
echo "server = redis-server time per message in its consume commands (commandstats: script, XREADGROUP, reclaim; whole run); srv cpu = redis-server CPU per message (user + system, /proc) from the end of publishing to the consumer's exit"
printf '%-5s | %9s %9s %5s | %9s %9s %5s | %9s %9s | %9s %9s | %8s %8s\n' round memory redis ratio memory redis ratio 'cpu mem' 'cpu redis' 'B/msg mem' 'B/msg red' server 'srv cpu'
printf '%-5s | %25s | %25s | %19s | %19s | %17s\n' '' 'whole run (msg/s)' 'steady half (msg/s)' 'steady cpu (us/msg)' 'steady allocated' 'us/msg, consume'
memories=(); redises=(); ratios=(); steady_memories=(); steady_redises=(); steady_ratios=(); server_cpus=()
for round in $(seq "$rounds"); do
  read -r memory memory_cpu memory_jit memory_alloc steady_memory steady_memory_cpu steady_memory_jit steady_memory_alloc <<<"$(run memory "$round")"
  redis-cli -p "$port" CONFIG RESETSTAT >/dev/null
  read -r redis redis_cpu redis_jit redis_alloc steady_redis steady_redis_cpu steady_redis_jit steady_redis_alloc server_cpu_us <<<"$(run_redis "$round")"
  server=$(server_us)
  ratio=$(python3 -c "print(f'{$redis/$memory:.2f}')")
  steady_ratio=$(python3 -c "print(f'{$steady_redis/$steady_memory:.2f}')")
  memories+=("$memory"); redises+=("$redis"); ratios+=("$ratio"); server_cpus+=("$server_cpu_us")
  steady_memories+=("$steady_memory"); steady_redises+=("$steady_redis"); steady_ratios+=("$steady_ratio")
  printf '%-5s | %9s %9s %5s | %9s %9s %5s | %9s %9s | %9s %9s | %8s %8s\n' "$round" "$memory" "$redis" "$ratio" "$steady_memory" "$steady_redis" "$steady_ratio" \
    "$steady_memory_cpu" "$steady_redis_cpu" "$steady_memory_alloc" "$steady_redis_alloc" "$server" "$server_cpu_us"
  echo "      jit steady: memory $steady_memory_jit, redis $steady_redis_jit methods; whole run: cpu memory $memory_cpu, redis $redis_cpu us/msg; allocated memory $memory_alloc, redis $redis_alloc B/msg; jit memory $memory_jit, redis $redis_jit methods"
done
range() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd- -; }
summary() { echo "median $1: $(printf '%s\n' "${@:2}" | median) (range $(range "${@:2}"))"; }
summary 'memory msg/s, whole' "${memories[@]}"
summary 'redis msg/s, whole' "${redises[@]}"
summary 'redis/memory, whole' "${ratios[@]}"
summary 'memory msg/s, steady' "${steady_memories[@]}"
summary 'redis msg/s, steady' "${steady_redises[@]}"
summary 'redis/memory, steady' "${steady_ratios[@]}"
summary 'redis-server CPU us/msg, consume' "${server_cpus[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
