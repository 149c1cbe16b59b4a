import { ruleStateOf, type RulePattern } from "./rule-patterns.js";

/** A rule as EventBridge describes it (DescribeRule + ListTargetsByRule). */
export interface DeployedRule {
  readonly name: string;
  readonly state: string;
  /** EventPattern as DescribeRule returns it (JSON text); undefined for schedule rules. */
  readonly eventPattern: string | undefined;
  readonly targets: readonly { readonly arn: string; readonly deadLetterArn: string | undefined }[];
}

export type DriftKind = "missing rule" | "changed rule" | "disabled rule" | "missing target" | "missing dead-letter queue";

export interface Drift {
  readonly kind: DriftKind;
  readonly rule: string | undefined;
  readonly message: string;
}

export interface VerifyResult {
  readonly ok: readonly string[];
  readonly drift: readonly Drift[];
}

/** JSON with sorted keys: EventBridge hands patterns back re-serialised. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const sourceOf = (pattern: unknown) => JSON.stringify((pattern as { source?: unknown[] } | undefined)?.source?.[0]);

/**
 * Compares the rules deployed under the stack's name prefix with the patterns `trailwatch
 * patterns` compiles: each expected pattern needs a rule with exactly that pattern, in the
 * expected state, targeting the alert function with a dead-letter queue.
 */
export function findDrift(expected: readonly RulePattern[], deployed: readonly DeployedRule[], functionName: string): VerifyResult {
  const ok: string[] = [];
  const drift: Drift[] = [];
  const withPattern = deployed.filter((r) => r.eventPattern !== undefined);
  const unused = new Set(withPattern);
  const matched: [RulePattern, DeployedRule][] = [];
  const missing: RulePattern[] = [];
  for (const pattern of expected) {
    const want = canonicalJson(pattern);
    const rule = [...unused].find((r) => canonicalJson(parsed(r.eventPattern)) === want);
    if (rule === undefined) missing.push(pattern);
    else {
      unused.delete(rule);
      matched.push([pattern, rule]);
    }
  }
  for (const pattern of missing) {
    const source = sourceOf(pattern);
    const changed = [...unused].find((r) => sourceOf(parsed(r.eventPattern)) === source);
    if (changed !== undefined) {
      unused.delete(changed);
      drift.push({ kind: "changed rule", rule: changed.name, message: `rule ${changed.name} (source ${source}) no longer has the pattern \`trailwatch patterns\` compiles: redeploy the stack` });
    } else {
      drift.push({ kind: "missing rule", rule: undefined, message: `no rule carries the pattern for source ${source}: events it should pass reach no policy; redeploy the stack` });
    }
  }
  for (const [pattern, rule] of matched) {
    const problems = ruleProblems(pattern, rule, functionName);
    drift.push(...problems);
    if (problems.length === 0) ok.push(rule.name);
  }
  return { ok, drift };
}

function ruleProblems(pattern: RulePattern, rule: DeployedRule, functionName: string): Drift[] {
  const out: Drift[] = [];
  const state = ruleStateOf(pattern);
  if (rule.state !== state) out.push({ kind: "disabled rule", rule: rule.name, message: `rule ${rule.name} is ${rule.state}, not ${state}: it passes ${rule.state === "DISABLED" ? "nothing" : "too little"}` });
  const target = rule.targets.find((t) => t.arn.endsWith(`:function:${functionName}`));
  if (target === undefined) {
    out.push({ kind: "missing target", rule: rule.name, message: `rule ${rule.name} does not target function ${functionName}: what it matches goes nowhere` });
  } else if (target.deadLetterArn === undefined || target.deadLetterArn === "") {
    out.push({ kind: "missing dead-letter queue", rule: rule.name, message: `rule ${rule.name}'s target has no dead-letter queue: events EventBridge cannot deliver are dropped silently` });
  }
  return out;
}
