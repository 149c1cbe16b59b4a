import bundle from "../../generated/rules.json" with { type: "json" };
import { formatDiagnostic } from "../policy/diagnostics.js";
import { loadPolicySources, type PolicySource } from "../policy/load.js";
import { createPolicySet, type PolicySet } from "../policy/policy-set.js";

/**
 * The policies bundled into the Lambda artifact (generated/rules.json, written by
 * `npm run build` from rules/). Compiled once per container, at module load.
 */
export function bundledPolicySet(): PolicySet {
  const { policies, diagnostics } = loadPolicySources(bundle.sources as PolicySource[], { tests: false });
  const errors = diagnostics.filter((d) => d.level === "error");
  if (errors.length > 0) {
    throw new Error(`bundled policies are invalid (run \`trailwatch validate\` before deploying):\n${errors.map(formatDiagnostic).join("\n")}`);
  }
  return createPolicySet(policies);
}
