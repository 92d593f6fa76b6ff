#!/usr/bin/env bash
# HTTP validation load benchmark: Portfolio.Api on a real Kestrel (loopback), driven by wrk with realistic 1-2 KB
# bodies across the three endpoints, in off / warn / enforce in the same run. Rounds interleave the modes so a
# shared machine's drift hits all three alike; the table reports each mode's median round and its ratio to off.
# Usage: benchmarks/http/run.sh [rounds=3] [seconds=15] [connections=8]   (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; seconds=${2:-15}; connections=${3:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build samples/Portfolio.Api -c Release -nologo -v q >/dev/null
app=samples/Portfolio.Api/bin/Release/net10.0/Portfolio.Api.dll
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
port=5181
for round in $(seq 1 "$rounds"); do
  for mode in off warn enforce; do
    Logging__LogLevel__Default=Warning dotnet "$app" --mode "$mode" --port "$port" >"$raw/server-$mode-$round.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
    wrk -t1 -c"$connections" -d5s -s benchmarks/http/portfolio.lua "http://127.0.0.1:$port" >/dev/null   # warm-up (JIT, tiering)
    wrk -t1 -c"$connections" -d"${seconds}s" -s benchmarks/http/portfolio.lua "http://127.0.0.1:$port" | grep '^RESULT' | sed "s/^RESULT/$mode $round/" | tee -a "$raw/results"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
python3 - "$raw/results" "$rounds" "$seconds" "$connections" <<'PY'
import sys, statistics, platform, os, subprocess
path, rounds, seconds, conns = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rows = {}
for line in open(path):
    parts = line.split(); mode = parts[0]
    vals = dict(p.split("=") for p in parts[2:])
    rows.setdefault(mode, []).append({k: float(v) for k, v in vals.items()})
def med(mode, key): return statistics.median(r[key] for r in rows[mode])
def paired(mode, key):
    # Each round's value against off in the same round, then the median: the machine's drift between rounds cancels.
    return statistics.median(r[key] / o[key] for r, o in zip(rows[mode], rows["off"]))
def paired_delta(mode, key):
    return statistics.median(r[key] - o[key] for r, o in zip(rows[mode], rows["off"]))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
load = open("/proc/loadavg").read().split()[0]
print(f"Conditions: {os.cpu_count()} cores ({cpu}), shared with other engineers' builds and tests (load average {load} at the end); "
      f".NET SDK {dotnet}; Release; Kestrel on 127.0.0.1, wrk on the same cores; wrk -t1 -c{conns}, {seconds} s per round after a 5 s warm-up; "
      f"{rounds} rounds, modes interleaved off/warn/enforce within each round; valid bodies of 979-1983 B round-robin over the three endpoints.")
print()
print("| mode | requests/s (median) | throughput vs off (paired) | p50 (median) | p50 added (paired) | p99 (median) | p99 added (paired) | non-2xx |")
print("|---|---|---|---|---|---|---|---|")
for mode in ("off", "warn", "enforce"):
    rps, p50, p99 = med(mode, "rps"), med(mode, "p50_us"), med(mode, "p99_us")
    errors = int(sum(r["errors_status"] for r in rows[mode]))
    print(f"| {mode} | {rps:,.0f} | {paired(mode, 'rps'):.2f} | {p50 / 1000:.3f} ms | {paired_delta(mode, 'p50_us') / 1000:+.3f} ms | "
          f"{p99 / 1000:.3f} ms | {paired_delta(mode, 'p99_us') / 1000:+.3f} ms | {errors} |")
print()
print("Per round (requests/s, p50 us, p99 us):")
for mode in ("off", "warn", "enforce"):
    print(f"- {mode}: " + "; ".join(f"{r['rps']:,.0f} / {r['p50_us']:.0f} / {r['p99_us']:.0f}" for r in rows[mode]))
PY
