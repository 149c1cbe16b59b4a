#!/usr/bin/env node
// @ts-check
// `npm run bench:hunt [-- --records N --seed S --runs R]`: a benchmark, not a test.
// Side by side on the bench corpus (scripts/bench/corpus.mjs): `trailwatch replay --json` (the
// baseline: every record parsed and evaluated in Node, on both cores) and `trailwatch hunt
// --json` (DuckDB reads and prefilters, Node judges the candidates). Wall time, peak RSS, the
// candidates the query returned, and whether the two printed exactly the same alerts.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureCorpus } from "./bench/corpus.mjs";
import { interleaved, measure } from "./bench/measure.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    records: { type: "string", default: "200000" },
    seed: { type: "string", default: "20261120" },
    runs: { type: "string", default: "2" },
    "no-build": { type: "boolean", default: false },
  },
});
/** @param {string} text */
const log = (text) => process.stderr.write(`bench:hunt: ${text}\n`);

async function main() {
  process.chdir(repoRoot);
  if (!values["no-build"]) execFileSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  const records = Number(values.records);
  // The mix `npm run bench` uses by default (0.5% Incident Manager reads), so the two share one corpus.
  const corpus = await ensureCorpus({ root: path.join(repoRoot, "bench-data"), records, seed: Number(values.seed), mix: { imShare: 0.005, changeRate: 0.0001 }, log });
  const logs = path.join(corpus.dir, "AWSLogs");
  const scratch = mkdtempSync(path.join(os.tmpdir(), "trailwatch-bench-hunt-"));
  try {
    /**
     * @param {string} command
     * @param {string} out
     */
    const run = (command, out) => () => measure("sh", ["-c", `exec "${process.execPath}" bin/trailwatch.js ${command} --json '${logs}' > '${out}'`]);
    /** @param {string} file */
    const digest = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");
    /** @type {{ label: string, wall: number, rss: number, alerts: number, digest: string, summary: string }[]} */
    const rows = [];
    /** @type {[string, string][]} */
    const commands = [["replay (baseline, worker threads)", "replay"], ["replay --workers 0 (one thread)", "replay --workers 0"], ["hunt --engine duckdb", "hunt"]];
    for (const [label, command] of commands) {
      const out = path.join(scratch, `${rows.length}.jsonl`);
      log(`${label} x${values.runs}`);
      // `interleaved` with one measurement: its best of `runs`.
      const result = (await interleaved(Number(values.runs), { [label]: run(command, out) }))[label];
      if (result === undefined) throw new Error(`${label}: no run`);
      if (result.code !== 0) throw new Error(`${label} exited ${result.code}\n${result.stderr}`);
      const alerts = readFileSync(out, "utf8").split("\n").filter((l) => l !== "").length;
      rows.push({ label, wall: result.wall, rss: result.peakRssKb / 1024, alerts, digest: digest(out), summary: result.stderr });
    }
    const hunt = rows[rows.length - 1];
    const returned = /returned +([\d,]+)/.exec(hunt?.summary ?? "")?.[1] ?? "?";
    console.log(`corpus: ${records.toLocaleString("en-US")} records in ${corpus.files ?? "?"} gzipped files (${logs})`);
    console.log(`| command | wall (best of ${values.runs}) | peak RSS | alerts |`);
    console.log("|---|---|---|---|");
    for (const r of rows) console.log(`| ${r.label} | ${r.wall.toFixed(2)} s | ${r.rss.toFixed(0)} MB | ${r.alerts.toLocaleString("en-US")} |`);
    console.log(`hunt returned ${returned} candidate records to the exact engine`);
    const equal = rows.every((r) => r.digest === rows[0]?.digest);
    console.log(`results equal (byte for byte, sha256): ${equal ? "yes" : "NO"}`);
    if (!equal) process.exitCode = 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
