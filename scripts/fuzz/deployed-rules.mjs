// @ts-check
// The deployed rules against aws/event-ruler (the matcher behind EventBridge), for
// `npm run fuzz:oracle`: the no-false-negative guarantee checked by the real engine, not
// only by ours. Over the pack's embedded test events (as EventBridge envelopes) and the
// read-heavy sample (test/fixtures/records/read-heavy.json):
//   - every event a policy alerts on matches some deployed pattern (event-ruler's answer);
//   - no successful Incident Manager read in an expected Region matches any;
//   - event-ruler and our matcher agree on every (pattern, event) pair.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A module of dist/, typed as its source in src/.
 * @param {string} root
 * @param {string} file
 * @returns {Promise<unknown>}
 */
const load = (root, file) => import(pathToFileURL(join(root, "dist", file)).href);

/** @typedef {import("../../src/record/cloudtrail.js").CloudTrailRecord} CloudTrailRecord */
/** @typedef {{ services: Record<string, { operations: { name: string, access: string }[] }> }} Operations */

/**
 * @param {string} root
 * @param {(lines: string[]) => { kind: string }[]} runOracle
 * @returns {Promise<{ summary: string, failures: string[] }>}
 */
export async function checkDeployedRules(root, runOracle) {
  const { compileRulePatterns, envelopeFor } = /** @type {typeof import("../../src/deploy/rule-patterns.js")} */ (await load(root, "src/deploy/rule-patterns.js"));
  const { loadPolicies } = /** @type {typeof import("../../src/policy/load.js")} */ (await load(root, "src/policy/load.js"));
  const { EXAMPLE_DEPLOYMENT } = /** @type {typeof import("../../src/policy/deployment.js")} */ (await load(root, "src/policy/deployment.js"));
  const { createPolicySet } = /** @type {typeof import("../../src/policy/policy-set.js")} */ (await load(root, "src/policy/policy-set.js"));
  const { recordOf } = /** @type {typeof import("../../src/input/formats.js")} */ (await load(root, "src/input/formats.js"));
  const { compilePattern } = /** @type {typeof import("../../src/pattern/index.js")} */ (await load(root, "src/pattern/index.js"));
  /** @type {Operations} */
  const operations = JSON.parse(readFileSync(join(root, "data", "operations.json"), "utf8"));
  const readNames = new Set(Object.values(operations.services).flatMap((s) => s.operations.filter((o) => o.access === "read-only").map((o) => o.name)));

  const { policies } = loadPolicies(join(root, "rules"), { tests: true, deployment: EXAMPLE_DEPLOYMENT });
  const set = createPolicySet(policies);
  const patterns = compileRulePatterns(policies).patterns;
  const compiled = patterns.map((p) => compilePattern(p));
  const events = [
    ...policies.flatMap((p) => p.tests.map((t) => ({ name: `${p.id} › ${t.name}`, record: /** @type {CloudTrailRecord} */ (recordOf(t.event)) }))),
    .../** @type {{ Records: CloudTrailRecord[] }} */ (JSON.parse(readFileSync(join(root, "test", "fixtures", "records", "read-heavy.json"), "utf8"))).Records.map((record, i) => ({ name: `read-heavy #${i}`, record })),
  ].map((e) => ({ ...e, alerts: set.evaluate(e.record).length > 0, envelope: envelopeFor(e.record) }));

  const lines = events.flatMap((e) => patterns.map((p) => `${JSON.stringify(p)}\t${JSON.stringify(e.envelope)}`));
  const answers = runOracle(lines);
  /** @type {string[]} */
  const failures = [];
  let k = 0;
  let disagreements = 0;
  for (const e of events) {
    let matched = false;
    for (const [i] of patterns.entries()) {
      const oracle = answers[k++]?.kind;
      const ours = String(compiled[i]?.matches(e.envelope));
      if (oracle !== ours) {
        disagreements++;
        if (disagreements <= 5) failures.push(`matchers disagree (event-ruler ${oracle}, ours ${ours}) on ${e.name}, pattern ${i}`);
      }
      if (oracle === "true") matched = true;
    }
    const r = e.record;
    const quietRead = readNames.has(r.eventName ?? "") && r.errorCode === undefined && EXAMPLE_DEPLOYMENT.expectedRegions.includes(r.awsRegion ?? "");
    if (e.alerts && !matched) failures.push(`false negative: ${e.name} alerts but event-ruler matches no deployed pattern`);
    if (quietRead && matched) failures.push(`successful read in an expected Region passes a deployed rule: ${e.name}`);
  }
  const summary = `deployed rules: ${patterns.length} pattern(s) x ${events.length} event(s) (${events.filter((e) => e.alerts).length} alerting) through event-ruler: ${failures.length === 0 ? "no false negative, no quiet read passed, matchers agree" : `${failures.length} problem(s)`}`;
  return { summary, failures };
}
