import { actorLabel, actorOf } from "../record/actor.js";
import { safeText } from "../text/sanitise.js";
import type { JsonPrimitive } from "../pattern/json.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { BranchExplanation, FieldExplanation, OperatorResult, PatternExplanation } from "./pattern.js";
import type { PolicyExplanation } from "./policy.js";
import { describeOperand } from "../pattern/source.js";

const mark = (ok: boolean): string => (ok ? "✓" : "✗");
/** Failed operators listed before the rest are summarised: a 36-name eventName list stays one line. */
const MAX_FAILED_SHOWN = 3;
const MAX_VALUES_SHOWN = 4;
const MAX_TEXT = 60;

function short(value: JsonPrimitive): string {
  const text = safeText(JSON.stringify(value));
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function valuesText(values: readonly JsonPrimitive[], empty?: string): string {
  // {} and [] are no value to a pattern, but the record does hold them: say so (emptied view).
  if (values.length === 0) return empty === undefined ? "absent" : `${empty} (empty: see emptied)`;
  if (values.length === 1) return short(values[0] as JsonPrimitive);
  const shown = values.slice(0, MAX_VALUES_SHOWN).map(short);
  return `[${shown.join(", ")}${values.length > shown.length ? `, … ${values.length - shown.length} more` : ""}]`;
}

function operand(o: OperatorResult): string {
  return `${mark(o.matched)} ${safeText(describeOperand(o.operand))}`;
}

/** Matched operators in full; failed ones up to a few, then a count (all of them are ✗). */
function operatorsText(operators: readonly OperatorResult[]): string {
  const matched = operators.filter((o) => o.matched);
  const failed = operators.filter((o) => !o.matched);
  if (matched.length > 0) {
    return matched.map(operand).join(", ") + (failed.length > 0 ? `  (${failed.length} other${failed.length > 1 ? "s" : ""} ✗)` : "");
  }
  const shown = failed.slice(0, MAX_FAILED_SHOWN).map(operand).join(", ");
  return failed.length > MAX_FAILED_SHOWN ? `${shown}, … +${failed.length - MAX_FAILED_SHOWN} more ✗` : shown;
}

/** Extra words for a field: e.g. errorCode conditions come from the policy's `outcome`. */
export type FieldAnnotator = (field: FieldExplanation) => string | undefined;

function fieldLines(branch: BranchExplanation, indent: string, annotate?: FieldAnnotator): string[] {
  const nameWidth = Math.max(...branch.fields.map((f) => f.field.length));
  const valueWidth = Math.min(MAX_TEXT, Math.max(...branch.fields.map((f) => valuesText(f.values, f.empty).length)));
  const lines = branch.fields.map((f) => {
    const extra = annotate?.(f);
    const head = `${indent}${mark(f.ok)} ${f.field.padEnd(nameWidth)}  ${valuesText(f.values, f.empty).padEnd(valueWidth)}  `;
    return `${head}${operatorsText(f.operators)}${extra ? `  ${extra}` : ""}`;
  });
  if (branch.note) lines.push(`${indent}note: ${branch.note}`);
  return lines;
}

/** A pattern's explanation: its fields, or each `$or` branch with its fields. */
export function patternLines(label: string, exp: PatternExplanation, indent: string, annotate?: FieldAnnotator, comment = ""): string[] {
  const head = `${indent}${label} ${mark(exp.matched)}${comment ? `  ${comment}` : ""}`;
  const [only] = exp.branches;
  if (exp.branches.length === 1 && only) return [head, ...fieldLines(only, `${indent}  `, annotate)];
  const winner = exp.branches.findIndex((b) => b.matched);
  const how = winner >= 0 ? `$or: branch ${winner + 1} of ${exp.branches.length} matched` : `$or: none of ${exp.branches.length} branches matched`;
  const lines = [`${head}${comment ? "; " : "  "}${how}`];
  exp.branches.forEach((branch, i) => {
    lines.push(`${indent}  branch ${i + 1} ${mark(branch.matched)}`, ...fieldLines(branch, `${indent}    `, annotate));
  });
  return lines;
}

const VERDICT_LABEL = { alert: "ALERT", suppressed: "SUPPRESSED", "no-match": "NO MATCH" } as const;

function firstFailed(exp: PatternExplanation): string {
  const fields = exp.branches.flatMap((b) => b.fields.filter((f) => !f.ok).map((f) => f.field));
  return fields[0] ?? "array consistency";
}

function unlessLines(exp: PolicyExplanation, annotate?: FieldAnnotator): string[] {
  if (exp.verdict === "no-match" || exp.unless.length === 0) return [];
  return exp.unless.flatMap((u, i) => {
    if (i === exp.suppressedBy) return patternLines(`unless[${i}]`, u, "    ", annotate, "this exception suppressed the alert");
    if (exp.suppressedBy !== undefined && i > exp.suppressedBy) return [];
    return [`    unless[${i}] ${mark(u.matched)}  does not apply: missed on ${firstFailed(u)}`];
  });
}

/** One block per policy: verdict, the match field by field, and which exception (if any) suppressed it. */
export function policyLines(exp: PolicyExplanation): string[] {
  const why = exp.verdict === "suppressed" ? ` — suppressed by unless[${exp.suppressedBy}]` : exp.verdict === "no-match" ? ` — missed on ${exp.missedOn}` : "";
  const annotate: FieldAnnotator = (f) => (f.field === "errorCode" && exp.errorCodeFromOutcome ? `(from outcome: ${exp.outcome})` : undefined);
  return [
    `  ${VERDICT_LABEL[exp.verdict].padEnd(10)}  ${exp.policy}  (${exp.severity}) ${safeText(exp.title)}${why}`,
    ...patternLines("match", exp.match, "    ", annotate),
    ...unlessLines(exp, annotate),
  ];
}

/** Which call, by whom: the first thing an on-call engineer needs to see. */
export function recordLines(record: CloudTrailRecord, origin: string): string[] {
  const actor = actorOf(record);
  const text = (v: unknown): string => (typeof v === "string" ? safeText(v) : "<missing>");
  return [
    `${origin}: ${text(record.eventName)} on ${text(record.eventSource)}  eventID ${text(record.eventID)}`,
    `  actor   ${safeText(actorLabel(actor))}${actor.arn ? ` (${safeText(actor.arn)})` : ""}  mfa=${actor.mfa}${actor.console ? "  console" : ""}`,
    `  error   ${typeof record.errorCode === "string" ? safeText(record.errorCode) : "none (successful call)"}`,
  ];
}

/** `31 policies did not match on eventName, 2 on eventSource (--all shows them)`. */
export function hiddenLine(hidden: ReadonlyMap<string, number>): string | undefined {
  const parts = [...hidden.entries()].map(([field, n], i) => (i === 0 ? `${n} ${n === 1 ? "policy" : "policies"} did not match on ${field}` : `${n} on ${field}`));
  return parts.length === 0 ? undefined : `  ${parts.join(", ")} (--all shows them)`;
}
