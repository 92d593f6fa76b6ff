#!/usr/bin/env bash
# Where one Pipeline.Sample consumer's CPU goes, thread by thread, on the in-memory bus and on a real redis-server,
# alternating in the same run. Conditions as `PIN=1 benchmarks/pipeline-throughput.sh`: backlog published first,
# strict mode, 10% invalid, the consumer on one CPU and redis-server (and this script's sampler) on another, tier-1 code.
# Every 50 ms the sampler reads each thread's time on the CPU (user and kernel, in nanoseconds) from
# /proc/<pid>/task/<tid>/schedstat; the figures are CPU per message in the steady half, by thread group.
#
# Window: as long as the steady half (the sample's own "steady throughput" line). Among the last windows in which the
# thread-pool workers (where the consumer runs) used at least 0.6 of a CPU, the one in which they used the most.
# `sampled` (all threads) should then match the sample's own `cpu`; a round where they differ by more than 0.5 us or 5 %
# is marked `off` and left out of the medians with its pair (a thread that ended inside the window takes its time
# with it, and a window can miss the steady half on a loaded machine).
#
#   benchmarks/consumer-thread-cpu.sh [messages=400000] [rounds=3]
#
# Groups: client = redis-reader + redis-writer + sockets; pool (thread-pool workers: the consumer loop, validation, the
# bus's own code, and what the client library runs on the pool); redis-reader and redis-writer (StackExchange.Redis's
# dedicated threads, "SE.Redis Sync Reader/Writer"); sockets (the runtime's socket engine thread); jit (tiered
# compilation); other. Linux only; needs redis-server, python3, taskset and 2 usable CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-400000}
rounds=${2:-3}

source benchmarks/redis-loopback.sh
redis_loopback_init
dotnet build samples/Pipeline.Sample -c Release -v quiet -nologo >/dev/null
sample=samples/Pipeline.Sample/bin/Release/net10.0/Pipeline.Sample.dll
redis_loopback_cpus
redis_loopback_start taskset -c "$cpu_b"

run() { # bus round -> one line of figures
  RUN_SAMPLE=$sample RUN_LOG=$redis_dir/consumer.log RUN_PORT=$redis_port RUN_COUNT=$count RUN_CPU=$cpu_a \
    taskset -c "$cpu_b" python3 - "$1" "$2" <<'EOF'
import collections, os, re, subprocess, sys, time
bus, round_ = sys.argv[1], sys.argv[2]
run = {k: os.environ[k] for k in ('RUN_SAMPLE', 'RUN_LOG', 'RUN_PORT', 'RUN_COUNT', 'RUN_CPU')}
env = {k: v for k, v in os.environ.items() if k not in run}
env['DOTNET_TC_CallCountingDelayMs'] = '0'
with open(run['RUN_LOG'], 'w') as log:
    p = subprocess.Popen(['taskset', '-c', run['RUN_CPU'], 'dotnet', run['RUN_SAMPLE'], '--bus', bus,
        '--redis', '127.0.0.1:' + run['RUN_PORT'], '--namespace', f'threads{round_}{bus}', '--prefill',
        '--count', run['RUN_COUNT'], '--mode', 'strict', '--invalid-share', '0.1', '--port', '0',
        '--summary-interval', '1h'], stdout=log, stderr=subprocess.STDOUT, env=env)
    names, series = {}, []
    while p.poll() is None:
        snap = {}
        try:
            tids = os.listdir(f'/proc/{p.pid}/task')
        except OSError:
            break
        for tid in tids:
            try:
                names[tid] = open(f'/proc/{p.pid}/task/{tid}/comm').read().strip()  # threads name themselves late
                snap[tid] = int(open(f'/proc/{p.pid}/task/{tid}/schedstat').read().split()[0])
            except OSError:
                pass  # the thread ended between the listing and the read
        series.append((time.monotonic(), snap))
        time.sleep(0.05)
    p.wait()
text = open(run['RUN_LOG']).read()
m = re.search(r'steady throughput (\d+) messages in ([0-9.]+) s = (\d+) msg/s.*?process CPU ([0-9.]+) us/msg', text)
if p.returncode != 0 or m is None:
    sys.exit(f'consumer-thread-cpu: the {bus} run failed (exit {p.returncode}):\n{text[-2000:]}')
n, seconds, rate, cpu = int(m.group(1)), float(m.group(2)), int(m.group(3)), float(m.group(4))
def group(name):  # Linux truncates thread names to 15 characters
    if name.startswith('SE.Redis Sync R'): return 'redis-reader'
    if name.startswith('SE.Redis Sync W'): return 'redis-writer'
    if name.startswith('.NET TP Worker') or name.startswith('.NET Long Runni'): return 'pool'
    if name.startswith('.NET Sockets'): return 'sockets'
    if name.startswith('.NET Tiered Com'): return 'jit'
    return 'other'
def pool_cpu(i, j):  # CPU seconds the thread-pool workers used between samples i and j
    (_, a), (_, b) = series[i], series[j]
    return sum(v - a[k] for k, v in b.items() if k in a and group(names[k]) == 'pool') / 1e9
window = [0] * len(series)  # window[e]: the first sample at least the steady half's length before sample e
for e in range(1, len(series)):
    s_ = window[e - 1]
    while series[s_ + 1][0] <= series[e][0] - seconds:
        s_ += 1
    window[e] = s_
# The warm-up and the prefill come before the steady half, with pauses of a second or more between them; after it only
# the process's other threads are busy (a last garbage collection, shutting down).
last = next((e for e in range(len(series) - 1, 0, -1)
             if (length := series[e][0] - series[window[e]][0]) >= 0.9 * seconds
             and pool_cpu(window[e], e) >= 0.6 * length), None)
if last is None:
    sys.exit(f'consumer-thread-cpu: no stretch as long as the steady half with the pool busy in the {bus} run')
# That window can overhang the steady half's end; of the windows ending up to one steady half earlier, take the one in
# which the pool was busiest.
end = max(range(window[last], last + 1), key=lambda e: pool_cpu(window[e], e))
start = window[end]
used = collections.Counter()
a, b = series[start][1], series[end][1]
for tid, v in b.items():
    used[group(names[tid])] += v - a.get(tid, 0)
us = {k: used[k] / n / 1e3 for k in ('pool', 'redis-reader', 'redis-writer', 'sockets', 'jit', 'other')}
sampled = sum(us.values())
client = us['redis-reader'] + us['redis-writer'] + us['sockets']
fit = 'ok' if abs(sampled - cpu) <= max(0.5, 0.05 * cpu) else 'off'
print(f"{round_:<5} {bus:<6} {rate:>8} {cpu:>6.1f} {sampled:>8.1f} {fit:>4} {client:>7.2f} " + ' '.join(f'{v:>12.2f}' for v in us.values()))
EOF
}

echo "conditions: $count messages per run, strict mode, 10% invalid, one consumer, backlog published first, consumer on CPU $cpu_a, redis-server on CPU $cpu_b, DOTNET_TC_CallCountingDelayMs=0"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "software: $(dotnet --version | sed 's/^/dotnet /'), $(redis-server --version | cut -d' ' -f1-3)"
echo "steady half; msg/s and cpu (process CPU per message) are the sample's own; the rest is CPU per message (us) by thread group"
printf '%-5s %-6s %8s %6s %8s %4s %7s %12s %12s %12s %12s %12s %12s\n' round bus msg/s cpu sampled fit client pool redis-reader redis-writer sockets jit other
for round in $(seq "$rounds"); do
  for bus in memory redis; do
    redis-cli -p "$redis_port" FLUSHALL >/dev/null
    run "$bus" "$round" | tee -a "$redis_dir/figures"
  done
done
python3 - "$redis_dir/figures" <<'SUMMARY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
rounds = {}
for r in rows:
    rounds.setdefault(r[0], {})[r[1]] = r
pairs = [(x['memory'], x['redis']) for x in rounds.values() if len(x) == 2 and x['memory'][5] == x['redis'][5] == 'ok']
left_out = len(rounds) - len(pairs)
print(f'rounds with both windows fitting: {len(pairs)} of {len(rounds)}' + (f' ({left_out} left out)' if left_out else ''))
if not pairs:
    sys.exit(0)
columns = {'msg/s': 2, 'cpu': 3, 'client': 6, 'pool': 7, 'redis-reader': 8, 'redis-writer': 9, 'sockets': 10, 'jit': 11, 'other': 12}
def spread(values):
    return f'{statistics.median(values):g} ({min(values):g} to {max(values):g})'
for i, bus in enumerate(('memory', 'redis')):
    print(f'median (range) {bus}: ' + ', '.join(f'{c} {spread([float(p[i][k]) for p in pairs])}' for c, k in columns.items()))
for c in ('cpu', 'pool'):
    k = columns[c]
    print(f'{c}, redis - memory in the same round: ' + spread([round(float(r[k]) - float(m[k]), 2) for m, r in pairs]) + ' us/msg')
print('msg/s, redis / memory in the same round: ' + spread([round(float(r[2]) / float(m[2]), 2) for m, r in pairs]))
SUMMARY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
