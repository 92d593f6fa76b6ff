// ajv on the bench corpus: for each schema x payload (valid, invalid) x formats (off, on), the time of
// JSON.parse(payload text) + validate, in ns/op, in two modes: ajv's default (stops at the first error, like our
// Flag output) and allErrors (every error, like our List output). Prints JSON lines (--json) or a table.
// Timing: after a warm-up, each case runs in BATCHES (150) batches of about 2 ms; the fastest batch is reported. On a
// loaded shared machine a short batch is the one most likely to run undisturbed, and the minimum is the least
// disturbed figure; our side of compare.mjs (the benchmarks project's --validate-timer) uses the same method.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const here = dirname(fileURLToPath(import.meta.url));
const corpus = findCorpus(here);
const names = ["telemetry.FeedbackEvent", "md.BarBatch", "portfolio.AllocationRequest"];
const json = process.argv.includes("--json");
const batches = Number(process.env.BATCHES ?? 150);
const warmUpMs = Number(process.env.WARMUP_MS ?? 300);

function findCorpus(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "CoreRegistryClient.sln"))) return resolve(dir, "..", "shared", "bench-corpus");
    if (dirname(dir) === dir) throw new Error("No folder holding CoreRegistryClient.sln above " + start);
  }
}

function compile(schema, formats, allErrors) {
  const ajv = new Ajv2020({ strict: false, allErrors, validateFormats: formats });
  if (formats) addFormats(ajv);
  return ajv.compile(schema);
}

function measure(validate, text, expected) {
  if (validate(JSON.parse(text)) !== expected) throw new Error("ajv disagrees with the corpus about a payload");
  const run = (ops) => {
    const t = process.hrtime.bigint();
    let sink = 0;
    for (let i = 0; i < ops; i++) sink += validate(JSON.parse(text)) ? 1 : 0;
    if (sink < 0) throw new Error("unreachable");
    return Number(process.hrtime.bigint() - t);
  };
  // Warm up for WARMUP_MS, then size a batch to about 2 ms.
  const until = Date.now() + warmUpMs;
  while (Date.now() < until) run(100);
  let ops = 1;
  while (run(ops) < 2e6) ops *= 2;
  let best = Infinity;
  for (let b = 0; b < batches; b++) best = Math.min(best, run(ops) / ops);
  return best;
}

const rows = [];
for (const name of names) {
  const schema = JSON.parse(readFileSync(join(corpus, "schemas", name + ".json"), "utf8"));
  for (const valid of [true, false]) {
    const text = readFileSync(join(corpus, "payloads", `${name}.${valid ? "valid" : "invalid"}.json`), "utf8");
    for (const formats of [false, true]) {
      const first = measure(compile(schema, formats, false), text, valid);
      const all = measure(compile(schema, formats, true), text, valid);
      rows.push({ schema: name, payload: valid ? "valid" : "invalid", formats, ajvFirstNs: first, ajvAllErrorsNs: all });
    }
  }
}

if (json) {
  for (const row of rows) console.log(JSON.stringify(row));
} else {
  console.log(`ajv ${JSON.parse(readFileSync(join(here, "node_modules", "ajv", "package.json"), "utf8")).version}, node ${process.version}`);
  console.log("| schema | payload | formats | ajv (first error) ns/op | ajv allErrors ns/op |");
  console.log("|---|---|---|---:|---:|");
  for (const r of rows) console.log(`| ${r.schema} | ${r.payload} | ${r.formats ? "on" : "off"} | ${r.ajvFirstNs.toFixed(0)} | ${r.ajvAllErrorsNs.toFixed(0)} |`);
}
