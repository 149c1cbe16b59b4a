import type { CompiledPattern, Conjunction, FieldCondition } from "../pattern/types.js";
import type { JsonPath, JsonPrimitive, JsonValue } from "../pattern/json.js";
import { leavesAt, matchConjunction } from "../pattern/match.js";
import { operandsOf } from "../pattern/source.js";

/** One element of a field's value list, tried against the event's values at that field. */
export interface OperatorResult {
  /** The matcher's operator name: `equals`, `prefix`, `anything-but`, `exists`... */
  readonly operator: string;
  /** The element as written in the pattern: `"Delete"`, `{"prefix": "Delete"}`, `{"exists": false}`. */
  readonly operand: JsonValue;
  readonly matched: boolean;
}

export interface FieldExplanation {
  /** Dotted path of the field in the event. */
  readonly field: string;
  /** Where the field's value list sits in the pattern source. */
  readonly at: JsonPath;
  /** Every value the event has at the field (arrays flattened); empty when absent. */
  readonly values: readonly JsonPrimitive[];
  readonly operators: readonly OperatorResult[];
  /** The record holds `{}` or `[]` here: no value for a pattern, yet not absent (the `emptied` view lists it). */
  readonly empty?: "{}" | "[]";
  /** Judged on its own: a value passes an operator, or there is none and `exists: false` allows that. */
  readonly ok: boolean;
}

export interface BranchExplanation {
  /** The matcher's own answer for this branch. */
  readonly matched: boolean;
  readonly fields: readonly FieldExplanation[];
  /** Set when array consistency or the order of `exists: false` decided, not the fields alone. */
  readonly note?: string;
}

export interface PatternExplanation {
  readonly matched: boolean;
  /** One per `$or` combination (a pattern without `$or` has one). */
  readonly branches: readonly BranchExplanation[];
}

function explainField(source: JsonValue, field: FieldCondition, event: unknown): FieldExplanation {
  const values = leavesAt(event, field.path).map((leaf) => leaf.value);
  const operands = operandsOf(source, field);
  const operators = field.matchers.map((m, i): OperatorResult => ({
    operator: m.kind === "absent" ? "exists" : m.operator,
    operand: operands[i] ?? null,
    matched: m.kind === "absent" ? values.length === 0 : values.some((v) => m.test(v)),
  }));
  const empty = values.length === 0 ? emptyAt(event, field.path) : undefined;
  return { field: field.order, at: field.at, values, operators, ok: operators.some((o) => o.matched), ...(empty === undefined ? {} : { empty }) };
}

/** `{}` or `[]` when the event holds an empty object or list at this path (objects only, own keys). */
function emptyAt(event: unknown, path: readonly string[]): "{}" | "[]" | undefined {
  let node: unknown = event;
  for (const key of path) {
    if (typeof node !== "object" || node === null || Array.isArray(node) || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (Array.isArray(node)) return node.length === 0 ? "[]" : undefined;
  return typeof node === "object" && node !== null && Object.keys(node).length === 0 ? "{}" : undefined;
}

const list = (fields: readonly FieldExplanation[]): string => fields.map((f) => f.field).join(", ");

/** Fields that each match alone but not together: their values come from different array elements. */
function consistencyNote(branch: Conjunction, fields: readonly FieldExplanation[], event: unknown): string {
  for (let a = 0; a < branch.length; a++) {
    for (let b = a + 1; b < branch.length; b++) {
      if (!matchConjunction([branch[a] as FieldCondition, branch[b] as FieldCondition], event)) {
        const [x, y] = [fields[a]?.field, fields[b]?.field];
        return `array consistency: ${x} and ${y} each have a matching value, but in different elements of the same array; EventBridge needs them in one element`;
      }
    }
  }
  return `array consistency: ${list(fields)} each have a matching value, but no single array element satisfies all of them together`;
}

function orderNote(fields: readonly FieldExplanation[]): string {
  const failed = fields.filter((f) => !f.ok);
  const earlier = fields.slice(0, fields.indexOf(failed[0] as FieldExplanation));
  const from = earlier.length > 0 ? ` the array element that ${list(earlier)} matched` : " the array elements matched so far";
  return `exists:false order: ${list(failed)} has values, but none in${from}; fields are tried in path order and exists:false only looks inside that element, so it holds`;
}

function explainBranch(source: JsonValue, branch: Conjunction, event: unknown): BranchExplanation {
  const fields = branch.map((field) => explainField(source, field, event));
  const matched = matchConjunction(branch, event);
  const alone = fields.every((f) => f.ok);
  if (matched === alone) return { matched, fields };
  return { matched, fields, note: matched ? orderNote(fields) : consistencyNote(branch, fields, event) };
}

/**
 * Why a compiled pattern does or does not match an event, field by field. The verdict of
 * every branch is the matcher's own (`matchConjunction`); fields are judged with the
 * compiled matchers' tests, so no operator is re-implemented here.
 */
export function explainPattern(pattern: CompiledPattern, event: unknown): PatternExplanation {
  const branches = pattern.branches.map((branch) => explainBranch(pattern.source, branch, event));
  return { matched: branches.some((b) => b.matched), branches };
}

/** The branch closest to matching: a matching one, else the one with most fields satisfied. */
export function closestBranch(explanation: PatternExplanation): BranchExplanation | undefined {
  let best: BranchExplanation | undefined;
  let bestScore = -1;
  for (const branch of explanation.branches) {
    const score = branch.matched ? Infinity : branch.fields.filter((f) => f.ok).length;
    if (score > bestScore) [best, bestScore] = [branch, score];
  }
  return best;
}
