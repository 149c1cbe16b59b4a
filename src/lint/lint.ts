import { readFileSync } from "node:fs";
import { formatPath, isJsonObject } from "../pattern/json.js";
import { sortDiagnostics, type Diagnostic } from "../policy/diagnostics.js";
import type { Policy } from "../policy/types.js";
import { YamlSource } from "../policy/yaml-source.js";
import type { LintCheck, LintedPolicy, LintOptions, Report } from "./check.js";
import { lintChecks } from "./registry.js";

export type { LintOptions } from "./check.js";

function readFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Positions come from loading (`policy.written`); only a policy built without them is parsed again. */
function linted(policy: Policy, options: LintOptions): LintedPolicy {
  if (policy.written !== undefined) return { policy, source: policy.written, raw: policy.written.raw };
  const source = new YamlSource(policy.file, (options.readText ?? readFile)(policy.file) ?? "");
  return { policy, source, raw: isJsonObject(source.value) ? source.value : {} };
}

function reporter(check: LintCheck, options: LintOptions, out: Map<string, Diagnostic>): Report {
  return (target, path, message, level = "warning") => {
    const where = target === undefined ? { file: options.rulesDir, line: 1, column: 1 } : { file: target.policy.file, ...target.source.position(path) };
    const diagnostic: Diagnostic = { ...where, level, path: formatPath(path), message: `${message} [${check.name}]` };
    // $or branches share fields, so one problem can be found more than once.
    out.set(JSON.stringify(diagnostic), diagnostic);
  };
}

/**
 * Findings about policies that load without errors but are probably wrong: names the service
 * does not have, patterns that can never match, EventBridge limits, missing tests or
 * runbooks. Each is a `Diagnostic` at the offending key of the policy's YAML: a warning, or
 * an error where the policy can never alert (every eventName it requires is unknown).
 */
export function lintPolicies(policies: readonly Policy[], options: LintOptions, checks: Iterable<LintCheck> = lintChecks.values()): Diagnostic[] {
  const targets = policies.map((p) => linted(p, options));
  const out = new Map<string, Diagnostic>();
  for (const check of checks) check.run(targets, reporter(check, options, out), options);
  return sortDiagnostics([...out.values()]);
}
