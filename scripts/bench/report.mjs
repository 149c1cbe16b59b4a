// @ts-check
// The benchmark's table and goals, printed to stdout.
import os from "node:os";

/** @typedef {Awaited<ReturnType<typeof import("./measure.mjs").measure>> & { runs: number[] }} Run */
/** @typedef {Awaited<ReturnType<typeof import("./corpus.mjs").ensureCorpus>>} Corpus */
/** @typedef {Awaited<ReturnType<typeof import("./cold.mjs").measureColdStart>>} Cold */
/**
 * What scripts/bench.mjs measured.
 * @typedef {object} BenchResults
 * @property {number} records
 * @property {number} imShare
 * @property {Corpus} corpus
 * @property {Corpus | undefined} heavy
 * @property {number} heavyRecords
 * @property {number} runs
 * @property {string} pack
 * @property {number} packCount
 * @property {number} many
 * @property {Run} floor
 * @property {Run} baseline
 * @property {Run} withPack
 * @property {Run} withMany
 * @property {Run} [jq]
 * @property {Run} [heavyBaseline]
 * @property {Run} [heavyPack]
 * @property {{ dist: Cold, bundle: Cold }} cold
 * @property {{ bytes: number, gzipBytes: number }} bundle
 * @property {{ bytes: number | undefined, why?: string }} zip
 * @property {number[]} loadStart
 * @property {number[]} loadEnd
 * @property {boolean} gnuTime
 */

/** @param {number} n */
const int = (n) => Math.round(n).toLocaleString("en-US");
/** @param {number | undefined} s */
const secs = (s) => (s === undefined ? "-" : s.toFixed(2));
/** @param {number | undefined} kb */
const mb = (kb) => (kb ? `${(kb / 1024).toFixed(0)} MB` : "-");
/** @param {number} x */
const ratio = (x) => `${x.toFixed(2)}x`;

/**
 * @param {string} label
 * @param {Run | undefined} r
 * @param {number} records
 * @param {number | undefined} baselineRate undefined when the corpus was skipped
 */
function row(label, r, records, baselineRate) {
  if (r === undefined) return `${label.padEnd(46)} ${"skipped (no jq)".padStart(12)}`;
  const rate = records / r.wall;
  const runs = r.runs.map((w) => w.toFixed(1)).join("/");
  return `${label.padEnd(46)} ${secs(r.wall).padStart(7)} ${secs(r.cpu).padStart(7)} ${int(rate).padStart(10)} ${ratio(rate / (baselineRate ?? Number.NaN)).padStart(8)} ${mb(r.peakRssKb).padStart(8)} ${String(r.lines).padStart(7)}   ${runs}`;
}

/**
 * @param {string} text
 * @param {boolean | undefined} ok
 * @param {string} value
 */
function goal(text, ok, value) {
  return `  ${ok === undefined ? "skip" : ok ? "MET " : "MISS"}  ${text.padEnd(38)} ${value}`;
}

/** @param {number} x */
const pct = (x) => `${(x * 100).toFixed(2).replace(/\.?0+$/, "")}%`;

/** @param {BenchResults} r */
export function printReport(r) {
  const { records } = r;
  const baseRate = records / r.baseline.wall;
  const { heavyBaseline, heavyPack } = r;
  const heavyRate = heavyBaseline === undefined ? undefined : r.heavyRecords / heavyBaseline.wall;
  const cold = r.cold.bundle;
  const lines = [
    `trailwatch bench: ${int(records)} records (${pct(r.imShare)} Incident Manager reads) in ${int(r.corpus.files)} gzipped S3-layout files (${(r.corpus.bytes / 1e6).toFixed(1)} MB, seed ${r.corpus.seed}${r.corpus.reused ? ", reused" : ""})`,
    r.heavy === undefined ? "alert-heavy corpus: skipped (--heavy-records 0)" : `alert-heavy corpus: ${int(r.heavyRecords)} records in ${int(r.heavy.files)} files of ${int(r.heavy.perFile)} (${pct(r.heavy.imShare)} Incident Manager reads, ${pct(r.heavy.changeRate)} changes; ${(r.heavy.bytes / 1e6).toFixed(1)} MB)`,
    `node ${process.version}, ${os.availableParallelism()} cores, load average ${(r.loadStart[0] ?? 0).toFixed(2)} at start, ${(r.loadEnd[0] ?? 0).toFixed(2)} at end; best wall time of ${r.runs} interleaved run(s)`,
    "",
    `${"measurement".padEnd(46)} ${"wall s".padStart(7)} ${"CPU s".padStart(7)} ${"records/s".padStart(10)} ${"vs (1)".padStart(8)} ${"peak RSS".padStart(8)} ${"lines".padStart(7)}   runs (s)`,
    row("(0) floor: gunzip only, 1 thread", r.floor, records, baseRate),
    row("(1) baseline: gunzip + JSON.parse, 1 thread", r.baseline, records, baseRate),
    row(`(2) replay --json, pack (${r.packCount} policies)`, r.withPack, records, baseRate),
    row(`(3) replay --json, ${r.many} policies`, r.withMany, records, baseRate),
    row("(4) zcat | jq -c select(DeleteContactChannel)", r.jq, records, baseRate),
    `(5) peak RSS of (2): ${mb(r.withPack.peakRssKb)}${r.gnuTime ? " (GNU time %M)" : " (polled VmHWM)"}; "lines" = alerts printed (jq: records selected)`,
    ...(r.heavy === undefined ? [] : [
      row("(6) alert-heavy: baseline, 1 thread", r.heavyBaseline, r.heavyRecords, heavyRate),
      row("(7) alert-heavy: replay --json, pack", r.heavyPack, r.heavyRecords, heavyRate),
    ]),
    "",
    "handler cold path (median of 7 fresh processes)",
    `  node -e 0                                     ${r.cold.dist.bareMs.toFixed(0).padStart(6)} ms`,
    `  dist/handlers/alert.js: import + 1st event    ${r.cold.dist.coldMs.toFixed(0).padStart(6)} ms  (+${(r.cold.dist.coldMs - r.cold.dist.bareMs).toFixed(0)} ms; import ${r.cold.dist.importMs.toFixed(0)} ms, first evaluation ${r.cold.dist.firstEvalMs.toFixed(1)} ms)`,
    `  esbuild bundle: import + 1st event            ${cold.coldMs.toFixed(0).padStart(6)} ms  (+${(cold.coldMs - cold.bareMs).toFixed(0)} ms; import ${cold.importMs.toFixed(0)} ms, first evaluation ${cold.firstEvalMs.toFixed(1)} ms)`,
    `  bundle size (as serverless.yml bundles it)    ${int(r.bundle.bytes)} bytes, ${int(r.bundle.gzipBytes)} gzipped`,
    `  deployed zip (serverless package: alert.zip)  ${r.zip.bytes === undefined ? `not measured: ${r.zip.why}` : `${int(r.zip.bytes)} bytes`}`,
    "",
    "goals (issue #15; evals/s: npm run bench:eval)",
    goal("(2) >= 3x baseline (1)", r.withPack.wall * 3 <= r.baseline.wall, ratio(r.baseline.wall / r.withPack.wall)),
    goal("(7) >= 1.5x baseline (6), alert-heavy", heavyPack === undefined || heavyBaseline === undefined ? undefined : heavyPack.wall * 1.5 <= heavyBaseline.wall, heavyPack === undefined || heavyBaseline === undefined ? "-" : ratio(heavyBaseline.wall / heavyPack.wall)),
    goal("(2) >= 10x jq (4)", r.jq === undefined ? undefined : r.jq.wall >= 10 * r.withPack.wall, r.jq === undefined ? "-" : ratio(r.jq.wall / r.withPack.wall)),
    goal("(3) time <= 1.2x time of (2)", r.withMany.wall <= 1.2 * r.withPack.wall, ratio(r.withMany.wall / r.withPack.wall)),
    goal("peak RSS of (2) < 250 MB", r.withPack.peakRssKb / 1024 < 250, mb(r.withPack.peakRssKb)),
    goal("bundle import + 1st event <= 2.5x node -e 0", cold.coldMs <= 2.5 * cold.bareMs, ratio(cold.coldMs / cold.bareMs)),
    goal("deployed zip (alert.zip) <= 400 KB", r.zip.bytes === undefined ? undefined : r.zip.bytes <= 400_000, r.zip.bytes === undefined ? "-" : `${int(r.zip.bytes / 1000)} KB`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
