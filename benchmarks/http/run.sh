#!/usr/bin/env bash
# HTTP validation load benchmark: Portfolio.Api on a real Kestrel (loopback), driven by wrk with realistic 1-2 KB
# bodies across the three endpoints, in off / warn / enforce in the same run. Rounds interleave the modes so a
# shared machine's drift hits all three alike; the table reports each mode's median round, the spread (min-max) and
# each round paired with off of the same round.
#
# Kestrel and wrk are pinned to different cores (SERVER_CPUS, default 0; CLIENT_CPUS, default 1): on 2 cores, left
# to the scheduler, they preempt each other and p99 is mostly scheduling noise. The server's CPU time per request
# (utime+stime from /proc/<pid>/stat over the measured window, divided by the requests) is the steadiest figure of
# what validation adds; throughput and p99 follow the scheduler. PIN=0 turns pinning off.
# Warm-up runs in WARM_CHUNK-second steps (default 5) until a step JIT-compiles at most JIT_SETTLED methods (default
# 20) or WARM_MAX seconds (default 40) have passed: tiering keeps compiling for 10-40 s under load, and a window that
# includes it charges the JIT's CPU to the mode with the most code to tier up (validation), which read as tens of
# microseconds per request. The methods JIT-compiled inside each measured window are reported (DOTNET_JitStdOutFile).
# Then, unless RATE=0, a fixed-rate phase in the same warm process: each connection waits connections x 1000 / RATE ms
# after a response (wrk's delay()), so all modes get the same offered load (default RATE=1000 requests/s, well under
# capacity) and p99 is the server's latency rather than queueing at saturation.
# APP=<path to Portfolio.Api.dll> runs another build (e.g. an older commit's, for a before/after comparison) instead
# of building this checkout's sample.
# Usage: [RATE=1000] benchmarks/http/run.sh [rounds=3] [seconds=15] [connections=8]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; seconds=${2:-15}; connections=${3:-8}
server_cpus=${SERVER_CPUS:-0}; client_cpus=${CLIENT_CPUS:-1}
warm_chunk=${WARM_CHUNK:-5}; warm_max=${WARM_MAX:-40}; jit_settled=${JIT_SETTLED:-20}; rate=${RATE:-1000}
delay_ms=0; [[ "$rate" != 0 ]] && delay_ms=$(( (connections * 1000 + rate - 1) / rate ))
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
server_pin=(); client_pin=()
if [[ "${PIN:-1}" != 0 ]] && command -v taskset >/dev/null; then
  server_pin=(taskset -c "$server_cpus"); client_pin=(taskset -c "$client_cpus")
fi
app=${APP:-samples/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll}
[[ -n "${APP:-}" ]] || dotnet build samples/Portfolio.Api -c Release -nologo -v q >/dev/null
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
port=5181
load_start=$(cut -d' ' -f1 /proc/loadavg)
# utime + stime of a process, in clock ticks (fields 14 and 15; the command name in field 2 has no spaces here).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Methods the server's JIT has compiled so far (one line each in its DOTNET_JitStdOutFile).
jitted() { [[ -f "$1" ]] && wc -l <"$1" || echo 0; }
bench() { "${client_pin[@]}" env DELAY_MS="$1" wrk -t1 -c"$connections" -d"$2s" -s benchmarks/http/portfolio.lua "http://127.0.0.1:$port"; }
for round in $(seq 1 "$rounds"); do
  for mode in off warn enforce; do
    jit="$raw/jit-$mode-$round.txt"
    # exec: the backgrounded pid is the server's own (taskset and dotnet replace the shell), so /proc/<pid>/stat is it.
    DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$jit" Logging__LogLevel__Default=Warning "${server_pin[@]}" dotnet "$app" --mode "$mode" --port "$port" >"$raw/server-$mode-$round.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
    warm=0
    while :; do   # warm-up (JIT, tiering) until the JIT has settled
      j0=$(jitted "$jit"); bench 0 "$warm_chunk" >/dev/null; warm=$((warm + warm_chunk))
      (( $(jitted "$jit") - j0 <= jit_settled || warm >= warm_max )) && break
    done
    before=$(cpu_ticks "$pid"); j0=$(jitted "$jit")
    line=$(bench 0 "$seconds" | grep '^RESULT')
    after=$(cpu_ticks "$pid"); j1=$(jitted "$jit")
    echo "$mode $round ${line#RESULT } cpu_ticks=$((after - before)) warm_s=$warm jitted=$((j1 - j0))" | tee -a "$raw/results"
    if [[ "$delay_ms" != 0 ]]; then
      line=$(bench "$delay_ms" "$seconds" | grep '^RESULT')
      echo "$mode $round ${line#RESULT }" | tee -a "$raw/results-rate"
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
python3 - "$raw/results" "$rounds" "$seconds" "$connections" "$load_start" "${#server_pin[@]}" "$server_cpus" "$client_cpus" "$raw/results-rate" "$rate" "$delay_ms" "$jit_settled" "$warm_chunk" "$warm_max" <<'PY'
import sys, statistics, os, subprocess
path, rounds, seconds, conns, load_start, pinned, server_cpus, client_cpus, rate_path, rate, delay_ms, jit_settled, warm_chunk, warm_max = sys.argv[1:15]
tick_us = 1e6 / os.sysconf("SC_CLK_TCK")
def load(file):
    table = {}
    for line in open(file):
        parts = line.split(); mode = parts[0]
        vals = {k: float(v) for k, v in (p.split("=") for p in parts[2:])}
        if "cpu_ticks" in vals: vals["cpu_us"] = vals["cpu_ticks"] * tick_us / vals["requests"]   # server CPU time per request
        table.setdefault(mode, []).append(vals)
    return table
rows = load(path)
def values(mode, key): return [r[key] for r in rows[mode]]
def med(mode, key): return statistics.median(values(mode, key))
def spread(mode, key, scale=1.0, fmt="{:,.0f}"):
    v = values(mode, key); return fmt.format(min(v) * scale) + "-" + fmt.format(max(v) * scale)
def paired(mode, key):
    # Each round's value against off in the same round, then the median: the machine's drift between rounds cancels.
    return statistics.median(r[key] / o[key] for r, o in zip(rows[mode], rows["off"]))
def paired_delta(mode, key):
    return statistics.median(r[key] - o[key] for r, o in zip(rows[mode], rows["off"]))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
load_end = open("/proc/loadavg").read().split()[0]
placement = (f"Kestrel pinned to CPU {server_cpus}, wrk to CPU {client_cpus} (taskset)" if pinned != "0"
             else "Kestrel and wrk on the same cores (not pinned)")
print(f"Conditions: {os.cpu_count()} cores ({cpu}); load average {load_start} at the start, {load_end} at the end; "
      f".NET SDK {dotnet}; Release; Kestrel on 127.0.0.1; {placement}; wrk -t1 -c{conns}, {seconds} s per round after the warm-up below; "
      f"{rounds} rounds, modes interleaved off/warn/enforce within each round (a fresh server per mode and round); valid bodies of 979-1983 B round-robin over the three endpoints.")
print(f"Warm-up: {warm_chunk} s steps until a step JIT-compiles <= {jit_settled} methods (at most {warm_max} s); used per mode "
      + ", ".join(f"{m} " + "/".join(f"{w:.0f}" for w in values(m, "warm_s")) + " s" for m in ("off", "warn", "enforce")) + ".")
print()
print("| mode | requests/s (median, min-max) | vs off (paired) | p50 (median) | p50 added (paired) | p99 (median, min-max) | p99 added (paired) "
      "| server CPU/request (median, min-max) | CPU added (paired) | non-2xx | methods JIT-compiled in the window (per round) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for mode in ("off", "warn", "enforce"):
    errors = int(sum(values(mode, "errors_status")))
    print(f"| {mode} | {med(mode, 'rps'):,.0f} ({spread(mode, 'rps')}) | {paired(mode, 'rps'):.2f} "
          f"| {med(mode, 'p50_us') / 1000:.3f} ms | {paired_delta(mode, 'p50_us') / 1000:+.3f} ms "
          f"| {med(mode, 'p99_us') / 1000:.3f} ms ({spread(mode, 'p99_us', 1e-3, '{:.3f}')}) | {paired_delta(mode, 'p99_us') / 1000:+.3f} ms "
          f"| {med(mode, 'cpu_us'):.1f} us ({spread(mode, 'cpu_us', 1, '{:.1f}')}) | {paired_delta(mode, 'cpu_us'):+.1f} us | {errors} "
          f"| {'/'.join(f'{j:.0f}' for j in values(mode, 'jitted'))} |")
unsettled = [f"{m} round {i + 1} ({r['jitted']:.0f} methods)" for m in ("off", "warn", "enforce")
             for i, r in enumerate(rows[m]) if r["jitted"] > 2 * int(jit_settled) * float(seconds) / float(warm_chunk)]
if unsettled:
    print()
    print("NOT SETTLED (the JIT was still compiling in the window, so its CPU and latency figures include JIT work; "
          "raise WARM_MAX): " + ", ".join(unsettled))
print()
print("Per round (requests/s, p50 us, p99 us, server CPU us/request):")
for mode in ("off", "warn", "enforce"):
    print(f"- {mode}: " + "; ".join(f"{r['rps']:,.0f} / {r['p50_us']:.0f} / {r['p99_us']:.0f} / {r['cpu_us']:.1f}" for r in rows[mode]))
if os.path.exists(rate_path):
    rows = load(rate_path)
    print()
    print(f"Fixed rate (same servers, after the saturation window): offered about {rate} requests/s ({conns} connections, "
          f"each waiting {delay_ms} ms after a response), {seconds} s per mode and round; p50/p99 added paired with off of the same round.")
    print()
    print("| mode | requests/s achieved (median) | p50 (median) | p50 added (paired) | p99 (median, min-max) | p99 added (paired) | non-2xx |")
    print("|---|---|---|---|---|---|---|")
    for mode in ("off", "warn", "enforce"):
        errors = int(sum(values(mode, "errors_status")))
        print(f"| {mode} | {med(mode, 'rps'):,.0f} | {med(mode, 'p50_us') / 1000:.3f} ms | {paired_delta(mode, 'p50_us') / 1000:+.3f} ms "
              f"| {med(mode, 'p99_us') / 1000:.3f} ms ({spread(mode, 'p99_us', 1e-3, '{:.3f}')}) | {paired_delta(mode, 'p99_us') / 1000:+.3f} ms | {errors} |")
    print()
    print("Fixed rate per round (requests/s, p50 us, p99 us):")
    for mode in ("off", "warn", "enforce"):
        print(f"- {mode}: " + "; ".join(f"{r['rps']:,.0f} / {r['p50_us']:.0f} / {r['p99_us']:.0f}" for r in rows[mode]))
PY
