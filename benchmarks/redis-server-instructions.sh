#!/usr/bin/env bash
# redis-server's own work per message when one Pipeline.Sample consumer drains a backlog over the Redis bus, counted
# in instructions by callgrind. Instruction counts hardly move with machine load, unlike times, so two builds of the
# bus compare on a busy machine.
#
# A backlog of N FeedbackEvents (10% invalid) is made first on a plain redis-server by a --prefill run of the sample;
# its consumer group, dead letters and completion markers are then deleted and the data saved. The same data is
# loaded by a redis-server under callgrind, the counters are zeroed after loading, and one consumer (strict mode)
# drains the stream from the start, so the figures hold consuming only, no publishing. Per message:
#   total      = everything redis-server did in user space while the consumer ran (start-up commands and cron included)
#   script     = the completion step: the script (EVALSHA/EVAL) with the commands it calls (marker lookups and writes,
#                dead letters, XACK)
#   xreadgroup = XREADGROUP;  requests = reading and parsing requests (readQueryFromClient less the commands it runs)
# callgrind counts user-space instructions only: the kernel's socket work is not in these figures
# (pipeline-throughput.sh's redis-server CPU per message includes it).
#
#   benchmarks/redis-server-instructions.sh [messages=20000]
#   KEEP_CALLGRIND=file keeps callgrind's output there (for callgrind_annotate).
#
# Needs redis-server and valgrind (Debian packages redis-server, valgrind). About a minute for 20,000 messages.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}

for tool in redis-server redis-cli valgrind callgrind_annotate callgrind_control; do
  command -v "$tool" >/dev/null || { echo "redis-server-instructions: $tool not found (apt-get install redis-server valgrind)" >&2; exit 2; }
done
dotnet build samples/Pipeline.Sample -c Release -v quiet -nologo >/dev/null
sample=samples/Pipeline.Sample/bin/Release/net10.0/Pipeline.Sample.dll
ns=instructions
stream=$ns:telemetry.feedback

source benchmarks/redis-loopback.sh
redis_loopback_init
port=$redis_port
workdir=$redis_dir
consume() { # extra options... : one consumer run of the sample on $stream
  dotnet "$sample" --bus redis --redis "127.0.0.1:$port" --namespace "$ns" --count "$count" --mode strict \
    --invalid-share 0.1 --port 0 --summary-interval 1h "$@" >"$workdir/sample.log" 2>&1 || { cat "$workdir/sample.log" >&2; exit 1; }
}

# The backlog, made and consumed once natively; then everything but the stream itself is removed.
redis_loopback_start
consume --prefill
redis-cli -p "$port" XGROUP DESTROY "$stream" pipeline >/dev/null
redis-cli -p "$port" DEL "$stream.dlq" >/dev/null
redis-cli -p "$port" --scan --pattern "$stream:*" | while read -r key; do redis-cli -p "$port" DEL "$key" >/dev/null; done
redis-cli -p "$port" SAVE >/dev/null
redis_loopback_stop

# The same backlog drained under callgrind, counted from after loading.
redis_loopback_start valgrind --tool=callgrind --callgrind-out-file="$workdir/callgrind.out"
callgrind_control -z "$redis_pid" >/dev/null
consume
calls=$(redis-cli -p "$port" INFO commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([a-z]*\):calls=\([0-9]*\),.*/\1=\2/p' | paste -sd' ' -)
redis_loopback_stop

callgrind_annotate --inclusive=yes --threshold=100 "$workdir/callgrind.out" >"$workdir/annotate.txt"
if [ -n "${KEEP_CALLGRIND:-}" ]; then cp "$workdir/callgrind.out" "$KEEP_CALLGRIND"; fi
inclusive() { # function... -> summed inclusive instructions
  local sum=0 f n
  for f in "$@"; do
    n=$(sed -n "s/^ *\([0-9,]*\) .*[ :]$f \[.*/\1/p" "$workdir/annotate.txt" | head -1 | tr -d ,)
    sum=$((sum + ${n:-0}))
  done
  echo "$sum"
}
total=$(sed -n 's/^\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$workdir/annotate.txt" | tr -d ,)
script=$(inclusive evalShaCommand evalCommand)
xreadgroup=$(inclusive xreadCommand)
requests=$(( $(inclusive readQueryFromClient) - $(inclusive processCommand) ))
per() { python3 -c "print(f'{$1 / $count:,.0f}')"; }

echo "conditions: $count messages (a backlog published before, 10% invalid), one consumer, strict mode; redis-server under callgrind"
echo "software: $(redis-server --version | cut -d' ' -f1-3), $(valgrind --version), dotnet $(dotnet --version), StackExchange.Redis 3.4.35, loopback"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); commands: $calls"
printf '%-11s %14s\n' 'per message' instructions
for figure in total script xreadgroup requests; do
  printf '%-11s %14s\n' "$figure" "$(per "${!figure}")"
done
