// Same-run comparison of ajv and our engine on the bench corpus (validate: payload text to verdict, formats off and
// on). Runs our timer (the benchmarks project's --validate-timer) and bench.mjs alternately for ROUNDS rounds
// (default 2), keeps each side's fastest figure per case, and prints a markdown table: ratio = ajv ÷ ours, so 2.00
// means ours is twice as fast. Flag output is compared with ajv's default (stops at the first error), List output
// with ajv's allErrors. Needs `npm ci` here and `dotnet build -c Release benchmarks/CoreRegistryClient.Benchmarks`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dll = join(here, "..", "CoreRegistryClient.Benchmarks", "bin", "Release", "net10.0", "CoreRegistryClient.Benchmarks.dll");
const rounds = Number(process.env.ROUNDS ?? 2);
if (!existsSync(dll)) throw new Error("Build the benchmarks first: dotnet build -c Release benchmarks/CoreRegistryClient.Benchmarks");

function lines(command, args) {
  const run = spawnSync(command, args, { cwd: here, encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

const best = new Map();
const keep = (row) => {
  const key = `${row.schema}|${row.payload}|${row.formats}`;
  const seen = best.get(key) ?? {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "number") seen[k] = Math.min(seen[k] ?? Infinity, v);
    else seen[k] = v;
  }
  best.set(key, seen);
};

const load = [loadavg()[0]];
for (let r = 0; r < rounds; r++) {
  lines("dotnet", [dll, "--validate-timer"]).forEach(keep);
  lines(process.execPath, [join(here, "bench.mjs"), "--json"]).forEach(keep);
  load.push(loadavg()[0]);
}

const f = (x) => x.toFixed(0);
const q = (x) => x.toFixed(2);
console.log(`ajv vs ours, same run, ${rounds} interleaved rounds, fastest 2 ms batch per side; 1-minute load average ${load.map((l) => l.toFixed(1)).join(" -> ")}`);
console.log("");
console.log("| schema | payload | formats | ours Flag ns | ajv ns | ajv ÷ ours Flag | ours List ns | ajv allErrors ns | ajv ÷ ours List |");
console.log("|---|---|---|---:|---:|---:|---:|---:|---:|");
for (const r of best.values()) {
  console.log(`| ${r.schema} | ${r.payload} | ${r.formats ? "on" : "off"} | ${f(r.oursFlagNs)} | ${f(r.ajvFirstNs)} | ${q(r.ajvFirstNs / r.oursFlagNs)} | ${f(r.oursListNs)} | ${f(r.ajvAllErrorsNs)} | ${q(r.ajvAllErrorsNs / r.oursListNs)} |`);
}
