import bundle from "../../generated/rules.json" with { type: "json" };
import { processEnv, type Env } from "../env.js";
import { formatDiagnostic, type Diagnostic } from "../policy/diagnostics.js";
import { deploymentFromEnv } from "../policy/deployment.js";
import { loadPolicySources, type PolicySource } from "../policy/load.js";
import { createPolicySet, type PolicySet } from "../policy/policy-set.js";
import { loadRoutingConfigText, type RoutingConfig } from "../routing/config.js";
import { declaredSilences } from "../silence/declared.js";
import type { Silence } from "../silence/types.js";

/**
 * The policies and routing config bundled into the Lambda artifact (generated/rules.json,
 * written by `npm run build` from rules/ and trailwatch.yml). Compiled once per container,
 * at module load; a broken bundle fails the cold start loudly instead of dropping alerts.
 */
function fail(what: string, diagnostics: readonly Diagnostic[]): never {
  const errors = diagnostics.filter((d) => d.level === "error");
  throw new Error(`bundled ${what} is invalid (run \`trailwatch validate\` before deploying):\n${errors.map(formatDiagnostic).join("\n")}`);
}

/** `env`: the function's environment, whose TRAILWATCH_* deployment values fill `${deployment.NAME}`. */
export function bundledPolicySet(env: Env = processEnv()): PolicySet {
  const { policies, diagnostics } = loadPolicySources(bundle.sources as PolicySource[], { tests: false, deployment: deploymentFromEnv(env) });
  if (diagnostics.some((d) => d.level === "error")) fail("policies", diagnostics);
  return createPolicySet(policies);
}

export function bundledRouting(env: Env): { routing: RoutingConfig; warnings: string[] } {
  if (bundle.config === null) throw new Error("no trailwatch.yml was bundled: create one at the repository root and run `npm run build`");
  const { config, diagnostics } = loadRoutingConfigText(bundle.config.text, bundle.config.display, env);
  if (config === undefined) fail("routing config", diagnostics);
  return { routing: config, warnings: diagnostics.map(formatDiagnostic) };
}

/**
 * rules/local/silences.yml as bundled. A broken file holds nothing (its problems are logged):
 * failing the cold start would drop every alert, holding a guess could hide one.
 */
export function bundledSilences(now: Date): { silences: Silence[]; problems: string[] } {
  const { silences, diagnostics } = declaredSilences(bundle.sources as PolicySource[], now);
  return { silences, problems: diagnostics.map(formatDiagnostic) };
}
