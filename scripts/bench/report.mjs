// The benchmark's table and goals, printed to stdout.
import os from "node:os";

const int = (n) => Math.round(n).toLocaleString("en-US");
const secs = (s) => (s === undefined ? "-" : s.toFixed(2));
const mb = (kb) => (kb ? `${(kb / 1024).toFixed(0)} MB` : "-");
const ratio = (x) => `${x.toFixed(2)}x`;

function row(label, r, records, baselineRate) {
  if (r === undefined) return `${label.padEnd(46)} ${"skipped (no jq)".padStart(12)}`;
  const rate = records / r.wall;
  const runs = r.runs.map((w) => w.toFixed(1)).join("/");
  return `${label.padEnd(46)} ${secs(r.wall).padStart(7)} ${secs(r.cpu).padStart(7)} ${int(rate).padStart(10)} ${ratio(rate / baselineRate).padStart(8)} ${mb(r.peakRssKb).padStart(8)} ${String(r.lines).padStart(7)}   ${runs}`;
}

function goal(text, ok, value) {
  return `  ${ok === undefined ? "skip" : ok ? "MET " : "MISS"}  ${text.padEnd(38)} ${value}`;
}

export function printReport(r) {
  const { records } = r;
  const baseRate = records / r.baseline.wall;
  const packRate = records / r.withPack.wall;
  const lines = [
    `trailwatch bench: ${int(records)} records in ${int(r.corpus.files)} gzipped S3-layout files (${(r.corpus.bytes / 1e6).toFixed(1)} MB, seed ${r.corpus.seed}${r.corpus.reused ? ", reused" : ""})`,
    `node ${process.version}, ${os.availableParallelism()} cores, load average ${r.loadStart[0].toFixed(2)} at start, ${r.loadEnd[0].toFixed(2)} at end; best wall time of ${r.runs} run(s)`,
    "",
    `${"measurement".padEnd(46)} ${"wall s".padStart(7)} ${"CPU s".padStart(7)} ${"records/s".padStart(10)} ${"vs (1)".padStart(8)} ${"peak RSS".padStart(8)} ${"lines".padStart(7)}   runs (s)`,
    row("(1) baseline: gunzip + JSON.parse, 1 thread", r.baseline, records, baseRate),
    row(`(2) replay --json, pack (${r.packCount} policies)`, r.withPack, records, baseRate),
    row(`(3) replay --json, ${r.many} policies`, r.withMany, records, baseRate),
    row("(4) zcat | jq -c select(DeleteContactChannel)", r.jq, records, baseRate),
    `(5) peak RSS of (2): ${mb(r.withPack.peakRssKb)}${r.gnuTime ? " (GNU time %M)" : " (polled VmHWM)"}; "lines" = alerts printed (jq: records selected)`,
    "",
    "handler cold path (median of 7 fresh processes)",
    `  node -e 0                                     ${r.cold.dist.bareMs.toFixed(0).padStart(6)} ms`,
    `  dist/handlers/alert.js: import + 1st event    ${r.cold.dist.coldMs.toFixed(0).padStart(6)} ms  (+${(r.cold.dist.coldMs - r.cold.dist.bareMs).toFixed(0)} ms; import ${r.cold.dist.importMs.toFixed(0)} ms, first evaluation ${r.cold.dist.firstEvalMs.toFixed(1)} ms)`,
    `  esbuild bundle: import + 1st event            ${r.cold.bundle.coldMs.toFixed(0).padStart(6)} ms  (+${(r.cold.bundle.coldMs - r.cold.bundle.bareMs).toFixed(0)} ms; import ${r.cold.bundle.importMs.toFixed(0)} ms, first evaluation ${r.cold.bundle.firstEvalMs.toFixed(1)} ms)`,
    `  bundle size (esbuild --bundle --minify)       ${int(r.bundle.bytes)} bytes, ${int(r.bundle.gzipBytes)} gzipped`,
    "",
    "goals",
    goal("(2) >= 0.8x baseline throughput", packRate >= 0.8 * baseRate, ratio(packRate / baseRate)),
    goal("(2) >= 3x jq", r.jq === undefined ? undefined : r.jq.wall >= 3 * r.withPack.wall, r.jq === undefined ? "-" : ratio(r.jq.wall / r.withPack.wall)),
    goal("(3) time <= 1.5x time of (2)", r.withMany.wall <= 1.5 * r.withPack.wall, ratio(r.withMany.wall / r.withPack.wall)),
    goal("peak RSS of (2) < 250 MB", r.withPack.peakRssKb / 1024 < 250, mb(r.withPack.peakRssKb)),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
