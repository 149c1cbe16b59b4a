import type { CompiledPattern } from "../pattern/types.js";
import type { JsonPath } from "../pattern/json.js";
import type { DiagnosticLevel } from "../policy/diagnostics.js";
import type { Policy, WrittenPolicy } from "../policy/types.js";

/** A loaded policy with its file as written: positions for warnings, and keys the loader defaults. */
export interface LintedPolicy {
  readonly policy: Policy;
  readonly source: Pick<WrittenPolicy, "position">;
  /** The YAML mapping as written, before defaults (e.g. whether `outcome` was given). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Reports one finding, a warning unless said otherwise; `target` undefined means the rules
 * directory as a whole. Errors are kept for a policy that can never alert.
 */
export type Report = (target: LintedPolicy | undefined, path: JsonPath, message: string, level?: DiagnosticLevel) => void;

export interface LintOptions {
  /** Named in warnings about the whole set (rules per bus, wildcard rules). */
  readonly rulesDir: string;
  /** Targets each deployed EventBridge rule gets; Trailwatch deploys one (the alert function). */
  readonly targetsPerRule?: number;
  /** Reads a policy file again for positions, for a policy loaded without them (`written`); defaults to the file system. */
  readonly readText?: (file: string) => string | undefined;
}

/** One lint check: a name for docs and messages, and a run over the whole policy set. */
export interface LintCheck {
  readonly name: string;
  readonly summary: string;
  run(policies: readonly LintedPolicy[], report: Report, options: LintOptions): void;
}

/** A policy's patterns with the YAML path each sits at: `match`, then every `unless` entry. */
export function patternsOf(policy: Policy): { pattern: CompiledPattern; base: JsonPath }[] {
  return [{ pattern: policy.match, base: ["match"] }, ...policy.unless.map((pattern, i) => ({ pattern, base: ["unless", i] }))];
}
