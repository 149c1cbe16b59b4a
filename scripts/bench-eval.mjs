#!/usr/bin/env node
// @ts-check
// Evaluations per second of the policy core (no I/O): records already parsed in memory,
// `createPolicySet(policies).evaluate(record)` in a loop, with the built-in pack and with
// 1000 policies, side by side in one run. Also the same without the eventName index, to
// show what the index buys. Not a test: `npm run bench:eval [-- --records N]`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadPolicies } from "../dist/src/policy/load.js";
import { createPolicySet } from "../dist/src/policy/policy-set.js";
import { writeVariantRules } from "./bench/policies.mjs";
import { createRecordFactory, createRng } from "./bench/records.mjs";

const { values } = parseArgs({ options: { records: { type: "string", default: "200000" } } });
const COUNT = Number(values.records);
if (!Number.isInteger(COUNT) || COUNT < 1) {
  console.error(`--records takes a whole number of records, not ${JSON.stringify(values.records)}`);
  process.exit(2);
}

/**
 * Records as CloudTrail writes them (bench/records.mjs builds them untyped).
 * @param {number} changeRate
 * @param {number} seed
 * @returns {CloudTrailRecord[]}
 */
function corpus(changeRate, seed) {
  const rng = createRng(seed);
  const make = createRecordFactory(rng, { changeRate });
  const start = Date.parse("2026-11-20T00:00:00Z");
  return /** @type {CloudTrailRecord[]} */ (/** @type {unknown} */ (Array.from({ length: COUNT }, (_, i) => make("111122223333", i % 3 === 0 ? "eu-west-1" : "us-east-1", new Date(start + i * 50).toISOString()))));
}

/** @param {string} dir */
function load(dir) {
  const { policies, diagnostics } = loadPolicies(dir, { tests: false });
  const errors = diagnostics.filter((d) => d.level === "error");
  if (errors.length > 0) throw new Error(`${dir}: ${errors.length} policy errors`);
  return policies;
}

/** @typedef {import("../src/policy/types.js").Policy} Policy */
/** @typedef {import("../src/record/cloudtrail.js").CloudTrailRecord} CloudTrailRecord */

/**
 * Evaluations per second: best of 3 passes over the corpus, after one warm-up pass.
 * @param {readonly CloudTrailRecord[]} records
 * @param {(record: CloudTrailRecord) => readonly unknown[]} evaluate
 */
function rate(records, evaluate) {
  let alerts = 0;
  for (const r of records) alerts += evaluate(r).length;
  let best = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    for (const r of records) evaluate(r);
    best = Math.min(best, performance.now() - t0);
  }
  return { perSecond: (records.length / best) * 1000, alerts };
}

/**
 * Every policy tried on every record: what evaluation costs without the eventName index.
 * @param {readonly Policy[]} policies
 */
function unindexed(policies) {
  /** @param {CloudTrailRecord} record */
  return (record) => policies.filter((p) => p.match.matches(record) && !p.unless.some((u) => u.matches(record)));
}

const tmp = mkdtempSync(path.join(tmpdir(), "trailwatch-bench-eval-"));
try {
  const pack = load("rules");
  writeVariantRules("rules", tmp, 1000);
  const thousand = load(tmp);
  /** @type {[string, CloudTrailRecord[]][]} */
  const corpora = [
    ["realistic mix (0.5% Incident Manager)", corpus(0.005, 7)],
    ["Incident Manager calls only", corpus(1, 8)],
  ];
  const rows = [];
  for (const [label, records] of corpora) {
    /** @type {[string, Policy[]][]} */
    const sets = [["pack", pack], ["1000 policies", thousand]];
    for (const [name, policies] of sets) {
      const indexed = rate(records, createPolicySet(policies).evaluate);
      const naive = rate(records, unindexed(policies));
      rows.push({ corpus: label, policies: `${name} (${policies.length})`, "evals/s": Math.round(indexed.perSecond).toLocaleString("en"), "without index": Math.round(naive.perSecond).toLocaleString("en"), alerts: indexed.alerts });
    }
  }
  console.log(`${COUNT.toLocaleString("en")} records per corpus, Node ${process.version}, best of 3 passes`);
  console.table(rows);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
