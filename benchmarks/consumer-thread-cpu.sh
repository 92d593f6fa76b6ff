#!/usr/bin/env bash
# Where one Pipeline.Sample consumer's CPU goes, thread by thread, on the in-memory bus and on a real redis-server,
# alternating in the same run: the conditions of `PIN=1 benchmarks/pipeline-throughput.sh` (backlog published first,
# strict mode, 10% invalid, the consumer on one CPU and redis-server on another, tier-1 code), and for the steady half
# each thread group's CPU per message, read from /proc/<pid>/task/<tid>/schedstat (nanoseconds on the CPU, user and
# kernel) every 50 ms. The window is as long as the steady half (the sample's own "steady throughput" line): of the
# last such stretch in which the thread-pool workers, where the consumer runs, kept at least 0.6 of a CPU busy, and
# those up to one steady half before it, the one in which they were busiest; `sampled`
# next to the sample's own `cpu` shows how well the window fits (they differ when a thread ended inside the window,
# whose time /proc no longer shows).
#
#   benchmarks/consumer-thread-cpu.sh [messages=400000] [rounds=3]
#
# Groups: pool (thread-pool workers: the consumer loop, validation, the bus's own code, and whatever the client
# library runs on the pool), redis-reader and redis-writer (StackExchange.Redis's dedicated threads, "SE.Redis Sync
# Reader/Writer"), sockets (the runtime's socket engine), jit (tiered compilation), other. Linux only; needs
# redis-server, python3, taskset and 2 usable CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-400000}
rounds=${2:-3}

source benchmarks/redis-loopback.sh
redis_loopback_init
dotnet build samples/Pipeline.Sample -c Release -v quiet -nologo >/dev/null
sample=samples/Pipeline.Sample/bin/Release/net10.0/Pipeline.Sample.dll
read -r cpu_a cpu_b < <(python3 -c 'import os; c = sorted(os.sched_getaffinity(0)); print(*c[:2])')
[ -n "${cpu_b:-}" ] || { echo "consumer-thread-cpu: needs 2 usable CPUs" >&2; exit 2; }
redis_loopback_start taskset -c "$cpu_b"

run() { # bus round -> one line of figures
  python3 - "$1" "$2" <<EOF
import collections, os, re, subprocess, sys, time
bus, round_ = sys.argv[1], sys.argv[2]
env = dict(os.environ, DOTNET_TC_CallCountingDelayMs='0')
log = open('$redis_dir/consumer.log', 'w')
p = subprocess.Popen(['taskset', '-c', '$cpu_a', 'dotnet', '$sample', '--bus', bus, '--redis', '127.0.0.1:$redis_port',
    '--namespace', f'threads{round_}{bus}', '--prefill', '--count', '$count', '--mode', 'strict', '--invalid-share', '0.1',
    '--port', '0', '--summary-interval', '1h'], stdout=log, stderr=subprocess.STDOUT, env=env)
names, series = {}, []
while p.poll() is None:
    snap = {}
    try:
        tids = os.listdir(f'/proc/{p.pid}/task')
    except OSError:
        break
    for tid in tids:
        try:
            names.setdefault(tid, open(f'/proc/{p.pid}/task/{tid}/comm').read().strip())
            snap[tid] = int(open(f'/proc/{p.pid}/task/{tid}/schedstat').read().split()[0])
        except OSError:
            pass  # the thread ended between the listing and the read
    series.append((time.monotonic(), snap))
    time.sleep(0.05)
log.close()
text = open('$redis_dir/consumer.log').read()
m = re.search(r'steady throughput (\d+) messages in ([0-9.]+) s = (\d+) msg/s.*?process CPU ([0-9.]+) us/msg', text)
if p.returncode != 0 or m is None:
    sys.exit(f'consumer-thread-cpu: the {bus} run failed (exit {p.returncode}):\n{text[-2000:]}')
n, seconds, rate, cpu = int(m.group(1)), float(m.group(2)), int(m.group(3)), float(m.group(4))
def group(name):
    if name.startswith('SE.Redis Sync R'): return 'redis-reader'
    if name.startswith('SE.Redis Sync W'): return 'redis-writer'
    if name.startswith('.NET TP Worker') or name.startswith('.NET Long Runni'): return 'pool'
    if name.startswith('.NET Sockets'): return 'sockets'
    if name.startswith('.NET Tiered Com'): return 'jit'
    return 'other'
def pool_cpu(i, j):  # CPU seconds the thread-pool workers (where the consumer runs) used between samples i and j
    (_, a), (_, b) = series[i], series[j]
    return sum(v - a[k] for k, v in b.items() if k in a and group(names[k]) == 'pool') / 1e9
# The steady half is the last stretch of its length in which the pool kept at least 0.6 of a CPU busy: the warm-up and
# the prefill come before it, the pauses between them last a second or more, and after it only the process's other
# threads are busy (a last garbage collection, shutting down).
def window(e):  # the first sample at least the steady half's length before sample e
    s_ = e
    while s_ > 0 and series[s_][0] > series[e][0] - seconds:
        s_ -= 1
    return s_
last = next((e for e in range(len(series) - 1, 0, -1)
             if series[e][0] - series[window(e)][0] >= 0.9 * seconds
             and pool_cpu(window(e), e) >= 0.6 * (series[e][0] - series[window(e)][0])), None)
if last is None:
    sys.exit(f'consumer-thread-cpu: no stretch as long as the steady half with the pool busy in the {bus} run')
# That window can overhang the steady half's end; of the windows ending up to one steady half earlier, take the one in
# which the pool was busiest.
end = max(range(window(last), last + 1), key=lambda e: pool_cpu(window(e), e))
start = window(end)
used = collections.Counter()
a, b = series[start][1], series[end][1]
for tid, v in b.items():
    used[group(names[tid])] += v - a.get(tid, 0)
us = {k: used[k] / n / 1e3 for k in ('pool', 'redis-reader', 'redis-writer', 'sockets', 'jit', 'other')}
print(f"{round_:<5} {bus:<6} {rate:>8} {cpu:>6.1f} {sum(us.values()):>8.1f} " + ' '.join(f'{v:>12.2f}' for v in us.values()))
EOF
}

echo "conditions: $count messages per run, strict mode, 10% invalid, one consumer, backlog published first, consumer on CPU $cpu_a, redis-server on CPU $cpu_b, DOTNET_TC_CallCountingDelayMs=0"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "software: $(dotnet --version | sed 's/^/dotnet /'), $(redis-server --version | cut -d' ' -f1-3)"
echo "steady half; msg/s and cpu (process CPU per message) are the sample's own; the rest is CPU per message (us) by thread group"
printf '%-5s %-6s %8s %6s %8s %12s %12s %12s %12s %12s %12s\n' round bus msg/s cpu sampled pool redis-reader redis-writer sockets jit other
for round in $(seq "$rounds"); do
  for bus in memory redis; do
    redis-cli -p "$redis_port" FLUSHALL >/dev/null
    run "$bus" "$round" | tee -a "$redis_dir/figures"
  done
done
python3 - "$redis_dir/figures" <<'SUMMARY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
columns = ['msg/s', 'cpu', 'sampled', 'pool', 'redis-reader', 'redis-writer', 'sockets', 'jit', 'other']
for bus in ('memory', 'redis'):
    mine = [r for r in rows if r[1] == bus]
    print(f'median {bus}: ' + ', '.join(f'{c} {statistics.median(float(r[2 + i]) for r in mine):g}' for i, c in enumerate(columns)))
ratios = [float(r[2]) / float(m[2]) for r, m in zip([r for r in rows if r[1] == 'redis'], [r for r in rows if r[1] == 'memory'])]
print(f'median redis/memory msg/s, steady: {statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f})')
SUMMARY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
