// @ts-check
// Trailwatch's own TypeScript (src/), compiled in memory by esbuild, for the serverless.yml
// variable helpers in this folder (reached through variables.cjs).
//
// Why not import dist/: `npm ci` builds it once, so after an edit to src/ (or a pull)
// without `npm run build`, the EventBridge patterns would come from old code while
// serverless-esbuild bundles the handler from current src/. Compiling the same files here
// costs ~0.2 s per `serverless` run and cannot be stale.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { importSource, repoRoot } from "../lib/import-src.mjs";

export { repoRoot };

const rulesDir = path.join(repoRoot, "rules");
const bundleFile = path.join(repoRoot, "generated", "rules.json");

const ENTRY = `
export { checkRules } from "./src/cli/load-rules.js";
export { listPolicyFiles } from "./src/policy/policy-files.js";
export { formatDiagnostic } from "./src/policy/diagnostics.js";
export { withoutTests } from "./src/policy/load.js";
export { compileRulePatterns, MAX_RULES_PER_BUS, DETAIL_TYPE, DRILL_SOURCE } from "./src/deploy/rule-patterns.js";
export { heartbeatDetail } from "./src/deploy/drill.js";
export { deploymentFromEnv } from "./src/policy/deployment.js";
`;

/**
 * @typedef {object} Source
 * @property {typeof import("../../src/cli/load-rules.js").checkRules} checkRules
 * @property {typeof import("../../src/policy/policy-files.js").listPolicyFiles} listPolicyFiles
 * @property {typeof import("../../src/policy/diagnostics.js").formatDiagnostic} formatDiagnostic
 * @property {typeof import("../../src/policy/load.js").withoutTests} withoutTests
 * @property {typeof import("../../src/deploy/rule-patterns.js").compileRulePatterns} compileRulePatterns
 * @property {number} MAX_RULES_PER_BUS
 * @property {string} DETAIL_TYPE
 * @property {typeof import("../../src/deploy/rule-patterns.js").DRILL_SOURCE} DRILL_SOURCE
 * @property {typeof import("../../src/deploy/drill.js").heartbeatDetail} heartbeatDetail
 * @property {typeof import("../../src/policy/deployment.js").deploymentFromEnv} deploymentFromEnv
 */

/** @type {Promise<Source> | undefined} */
let trailwatch;
/**
 * The src/ modules the deployment needs, compiled once per process.
 * @returns {Promise<Source>}
 */
export function loadSource() {
  trailwatch ??= /** @type {Promise<Source>} */ (/** @type {unknown} */ (importSource(ENTRY)));
  return trailwatch;
}

const compiled = new Map();
/**
 * `compileRulePatterns(checkRules("rules").policies)` for the deployment's values
 * (`env`: the TRAILWATCH_* variables the function gets, src/policy/deployment.ts): exactly
 * what `trailwatch patterns` prints with that environment. Refuses what would deploy a
 * watcher that silently misses events: policy errors (including a policy that can never
 * alert), an empty pack, more rules than one bus holds.
 */
export function compiledRules(env = process.env) {
  const key = JSON.stringify(env === process.env ? {} : env);
  if (!compiled.has(key)) compiled.set(key, compile(env));
  return compiled.get(key);
}

/** @param {NodeJS.ProcessEnv} env */
async function compile(env) {
  const tw = await loadSource();
  const checked = tw.checkRules(rulesDir, tw.deploymentFromEnv(env));
  if ("problem" in checked) throw new Error(`${checked.problem}: there is nothing to deploy`);
  const { policies, diagnostics } = checked;
  const errors = diagnostics.filter((d) => d.level === "error");
  if (errors.length > 0) {
    throw new Error(`${errors.length} error(s) in rules/ (run \`trailwatch validate\`); not deploying patterns the policies disagree with:\n${errors.map(tw.formatDiagnostic).join("\n")}`);
  }
  if (policies.length === 0) throw new Error("rules/ holds no policies: the rules would match nothing, so there is nothing to deploy");
  const result = tw.compileRulePatterns(policies);
  if (result.patterns.length > tw.MAX_RULES_PER_BUS) {
    throw new Error(`${result.patterns.length} rules exceed the default quota of ${tw.MAX_RULES_PER_BUS} rules per event bus: merge policies or raise the quota first`);
  }
  if (result.unscoped.length > 0) {
    process.stderr.write(`trailwatch: warning: ${result.unscoped.join(", ")} name no exact eventSource; their rule receives every CloudTrail API call and invokes the function for each\n`);
  }
  if (result.unreachable.length > 0) {
    process.stderr.write(`trailwatch: warning: ${result.unreachable.join(", ")} name an eventSource that never arrives via CloudTrail; no rule is deployed for it\n`);
  }
  return result;
}

/**
 * The handler runs the policies bundled in generated/rules.json; the rules deploy patterns
 * compiled from rules/. Both must be the same pack: re-run the real bundler into a
 * temporary file and require byte equality (its format stays the bundler's business).
 * Checked once per process.
 */
let bundleChecked;
export function assertBundleFresh() {
  bundleChecked ??= (() => {
    try {
      checkBundle();
      return { ok: true };
    } catch (error) {
      return { ok: false, error };
    }
  })();
  if (!bundleChecked.ok) throw bundleChecked.error;
}

function checkBundle() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-bundle-"));
  try {
    const fresh = path.join(dir, "rules.json");
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "bundle-rules.mjs"), "rules", fresh], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
    let current;
    try {
      current = readFileSync(bundleFile, "utf8");
    } catch {
      throw new Error("generated/rules.json is missing: run `npm run build` before packaging");
    }
    if (current !== readFileSync(fresh, "utf8")) {
      throw new Error("generated/rules.json is older than rules/ or trailwatch.yml, so the function would run other policies than the EventBridge rules select: run `npm run build`, then retry");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
