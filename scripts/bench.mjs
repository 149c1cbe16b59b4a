#!/usr/bin/env node
// @ts-check
// `npm run bench [-- --records N --im-share 0.5% --seed S --runs R --heavy-records N --no-build]`:
// a benchmark, not a test. Generates (or reuses) synthetic CloudTrail corpora under bench-data/,
// then measures side by side, the runs of every measurement interleaved so that a load spike
// hits them alike: (0) gunzip only, the physical floor; (1) plain Node gunzip + JSON.parse;
// (2) `trailwatch replay --json` with the pack; (3) the same with 1,000 policies; (4) zcat | jq;
// (5) peak RSS of (2); (6, 7) baseline and replay on an alert-heavy corpus; then the Lambda
// handler's cold path and bundle size. Prints one table and the goals, then what the deployed
// rules pass to the function over the corpus (`trailwatch patterns --stats`).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildBundle, measureColdStart, packagedZipBytes } from "./bench/cold.mjs";
import { ensureCorpus } from "./bench/corpus.mjs";
import { GNU_TIME, interleaved, measure } from "./bench/measure.mjs";
import { writeVariantRules } from "./bench/policies.mjs";
import { printReport } from "./bench/report.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    records: { type: "string", default: "1000000" },
    // A real organisation's trail holds far fewer Incident Manager calls than the call table's 3.8%.
    "im-share": { type: "string", default: "0.5%" },
    "heavy-records": { type: "string", default: "200000" },
    seed: { type: "string", default: "20261120" },
    runs: { type: "string", default: "3" },
    "no-build": { type: "boolean", default: false },
  },
});
const records = Number(values.records);
const runs = Number(values.runs);
/** @param {string} text */
const share = (text) => {
  const n = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!(n >= 0 && n <= 1)) throw new Error(`--im-share "${text}": give a share such as 0.5% or 0.005`);
  return n;
};
const imShare = share(values["im-share"]);
const heavyRecords = Number(values["heavy-records"]);
/** The alert-heavy corpus: 5,000-record files, half Incident Manager reads, 17% changes (~35k alerts per 200k records). */
const HEAVY = { perFile: 5000, mix: { imShare: 0.5, changeRate: 0.17 } };
/** @param {string} text */
const log = (text) => process.stderr.write(`bench: ${text}\n`);
const JQ_FILTER = '.Records[] | select(.eventSource=="ssm-contacts.amazonaws.com" and .eventName=="DeleteContactChannel")';

/** @param {string} dir */
function hasPolicies(dir) {
  try {
    return readdirSync(dir, { recursive: true }).some((f) => /\.ya?ml$/.test(String(f)));
  } catch {
    return false;
  }
}

/**
 * @template {{ stderr: string, code: number | null }} R
 * @param {string} label
 * @param {R} result
 * @param {number} [expected]
 * @returns {R}
 */
function checkRecords(label, result, expected = records) {
  const m = /records\s+([\d,]+) read/.exec(result.stderr);
  const read = m ? Number((m[1] ?? "").replaceAll(",", "")) : undefined;
  if (result.code !== 0 || read !== expected) throw new Error(`${label}: expected ${expected} records read, exit 0; got ${read}, exit ${result.code}\n${result.stderr}`);
  return result;
}

async function main() {
  process.chdir(repoRoot);
  const loadStart = os.loadavg();
  if (!values["no-build"]) {
    log("npm run build");
    execFileSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const corpus = await ensureCorpus({ root: path.join(repoRoot, "bench-data"), records, seed: Number(values.seed), mix: { imShare, changeRate: 0.0001 }, log });
  const heavy = heavyRecords > 0 ? await ensureCorpus({ root: path.join(repoRoot, "bench-data"), records: heavyRecords, seed: Number(values.seed), ...HEAVY, log }) : undefined;
  const logs = path.join(corpus.dir, "AWSLogs");
  const pack = hasPolicies("rules") ? "rules" : "test/fixtures/rules";
  if (pack !== "rules") log("rules/ has no policies yet: using test/fixtures/rules as the pack");
  const manyDir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-bench-rules-"));
  try {
    const packCount = writeVariantRules(pack, path.join(manyDir, "pack-only"), 0);
    const many = writeVariantRules(pack, path.join(manyDir, "many"), 1000);
    /**
     * @param {string} rules
     * @param {string} [dir]
     * @param {number} [expected]
     */
    const replay = (rules, dir = logs, expected = records) => async () => checkRecords(`replay ${dir}`, await measure(process.execPath, ["bin/trailwatch.js", "replay", "--json", "--rules", rules, dir]), expected);
    const hasJq = spawnSync("jq", ["--version"]).status === 0;
    if (!hasJq) log("(4) skipped: jq is not installed (apt-get install -y jq)");
    const jqScript = `find '${logs}' -name '*.json.gz' -print0 | sort -z | xargs -0 zcat | jq -c '${JQ_FILTER}'`;
    const heavyLogs = heavy === undefined ? undefined : path.join(heavy.dir, "AWSLogs");
    const m = await interleaved(runs, {
      floor: () => measure(process.execPath, ["scripts/bench/baseline.mjs", logs, "--gunzip-only"]),
      baseline: () => measure(process.execPath, ["scripts/bench/baseline.mjs", logs]),
      withPack: replay(pack),
      withMany: replay(path.join(manyDir, "many")),
      ...(hasJq ? { jq: () => measure("sh", ["-c", jqScript]) } : {}),
      ...(heavyLogs === undefined ? {} : {
        heavyBaseline: () => measure(process.execPath, ["scripts/bench/baseline.mjs", heavyLogs]),
        heavyPack: replay(pack, heavyLogs, heavyRecords),
      }),
    }, log);
    log("handler cold path and bundle");
    const bundle = buildBundle(repoRoot);
    let cold;
    try {
      cold = { dist: await measureColdStart(repoRoot, "dist/handlers/alert.js", 7), bundle: await measureColdStart(repoRoot, bundle.file, 7) };
    } finally {
      bundle.remove();
    }
    log("serverless package (offline): the alert function's zip");
    const zip = packagedZipBytes(repoRoot);
    log("deployed rules over the corpus (trailwatch patterns --stats)");
    const stats = execFileSync(process.execPath, ["bin/trailwatch.js", "patterns", "--rules", pack, "--stats", logs], { encoding: "utf8", maxBuffer: 16 << 20 });
    printReport({ records, imShare, corpus, heavy, heavyRecords, runs, pack, packCount, many, ...m, cold, bundle, zip, loadStart, loadEnd: os.loadavg(), gnuTime: GNU_TIME !== undefined });
    console.log(`\nWhat the deployed EventBridge rules pass to the function (trailwatch patterns --stats ${path.relative(repoRoot, logs)}):\n${stats.trimEnd().replace(/^/gm, "  ")}`);
  } finally {
    rmSync(manyDir, { recursive: true, force: true });
  }
}

if (!existsSync(path.join(repoRoot, "node_modules"))) throw new Error("run npm ci first");
await main();
