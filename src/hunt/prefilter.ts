import type { FieldCondition } from "../pattern/index.js";
import type { Policy } from "../policy/types.js";

/**
 * What a hunt query may narrow on: the record fields the documented Athena CloudTrail table
 * has as columns, plus scalar request parameters (a JSON string column there). Anything else
 * a policy says is left to the exact engine, which sees every candidate whole.
 */
export const PINNED_FIELDS: readonly (readonly string[])[] = [["eventSource"], ["eventName"], ["errorCode"], ["awsRegion"], ["userIdentity", "type"]];

/** Request parameter keys the query may name in a JSON path without quoting. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One alternative of a field test: the value equals a string, or the field has a value. */
export type Alternative = { readonly kind: "equals"; readonly value: string } | { readonly kind: "exists" };

/** A field must satisfy one of the alternatives. */
export interface FieldTest {
  readonly path: readonly string[];
  readonly alternatives: readonly Alternative[];
}

/** Every test must hold; no tests: every record is a candidate. */
export type Branch = readonly FieldTest[];

export interface Prefilter {
  /** The policies the query serves, in load order. */
  readonly policies: readonly string[];
  /** Any branch may hold; several policies' identical branches are kept once. */
  readonly branches: readonly Branch[];
  /** Policies with a branch the query cannot narrow: their presence makes every record a candidate. */
  readonly unscoped: readonly string[];
}

function isPinned(path: readonly string[]): boolean {
  if (path[0] === "requestParameters") return path.length > 1 && path.slice(1).every((key) => PLAIN_KEY.test(key));
  return PINNED_FIELDS.some((pinned) => pinned.length === path.length && pinned.every((key, i) => key === path[i]));
}

/**
 * The alternatives of one pattern field, or undefined when one of them has no SQL form that is
 * sure to keep every record the pattern matches (numbers, prefixes, anything-but, `exists: false`...).
 */
function alternativesOf(condition: FieldCondition): Alternative[] | undefined {
  if (condition.absent) return undefined;
  const alternatives: Alternative[] = [];
  for (const matcher of condition.matchers) {
    if (matcher.kind !== "test") return undefined;
    if (matcher.literal !== undefined && typeof matcher.literal.value === "string") alternatives.push({ kind: "equals", value: matcher.literal.value });
    else if (matcher.operator === "exists") alternatives.push({ kind: "exists" });
    else return undefined;
  }
  return alternatives.length === 0 ? undefined : alternatives;
}

function branchOf(conjunction: readonly FieldCondition[]): Branch {
  const tests: FieldTest[] = [];
  for (const condition of conjunction) {
    if (!isPinned(condition.path)) continue;
    const alternatives = alternativesOf(condition);
    if (alternatives !== undefined) tests.push({ path: condition.path, alternatives });
  }
  return tests.sort((a, b) => pathOrder(a.path) - pathOrder(b.path));
}

const keyOf = (test: FieldTest): string => JSON.stringify([test.path, test.alternatives]);

/**
 * Branches alike but for their eventName values become one branch with both lists: the pack's
 * policies share their eventSource list and differ in eventName, so the query stays short.
 */
function mergeByEventName(branches: readonly Branch[]): Branch[] {
  const merged = new Map<string, { rest: Branch; names: Map<string, Alternative> | undefined }>();
  for (const branch of branches) {
    const nameTest = branch.find((t) => t.path.length === 1 && t.path[0] === "eventName");
    const rest = branch.filter((t) => t !== nameTest);
    const key = JSON.stringify([rest.map(keyOf), nameTest === undefined]);
    const entry = merged.get(key) ?? { rest, names: nameTest === undefined ? undefined : new Map() };
    for (const alternative of nameTest?.alternatives ?? []) entry.names?.set(JSON.stringify(alternative), alternative);
    merged.set(key, entry);
  }
  return [...merged.values()].map(({ rest, names }) => {
    if (names === undefined) return rest;
    const nameTest: FieldTest = { path: ["eventName"], alternatives: [...names.values()] };
    return [...rest, nameTest].sort((a, b) => pathOrder(a.path) - pathOrder(b.path));
  });
}

function pathOrder(path: readonly string[]): number {
  const index = PINNED_FIELDS.findIndex((pinned) => pinned.join(".") === path.join("."));
  return index === -1 ? PINNED_FIELDS.length : index;
}

/** Every record `test` keeps, `wider` keeps too: same field, and each alternative of `test` is one of `wider`'s. */
function testImplies(test: FieldTest, wider: FieldTest): boolean {
  if (test.path.join(".") !== wider.path.join(".")) return false;
  if (wider.alternatives.some((a) => a.kind === "exists")) return true;
  const values = new Set(wider.alternatives.map((a) => (a.kind === "equals" ? a.value : undefined)));
  return test.alternatives.every((a) => a.kind === "equals" && values.has(a.value));
}

/** `narrow` keeps no record that `wide` does not: each of `wide`'s tests is implied by one of `narrow`'s. */
function branchImplies(narrow: Branch, wide: Branch): boolean {
  return wide.every((w) => narrow.some((n) => testImplies(n, w)));
}

/** Drops branches another branch already keeps every record of (the first of equal branches stays). */
function dropSubsumed(branches: readonly Branch[]): Branch[] {
  return branches.filter((b, i) => !branches.some((other, j) => j !== i && branchImplies(b, other) && (!branchImplies(other, b) || j < i)));
}

/** The query's WHERE clause as data: a superset of what the policies match, never a subset. */
export function buildPrefilter(policies: readonly Policy[]): Prefilter {
  const unscoped: string[] = [];
  const branches: Branch[] = [];
  for (const policy of policies) {
    const own = policy.match.branches.map(branchOf);
    if (own.length === 0 || own.some((b) => b.length === 0)) unscoped.push(policy.id);
    branches.push(...own);
  }
  return { policies: policies.map((p) => p.id), branches: unscoped.length > 0 ? [[]] : mergeByEventName(dropSubsumed(branches)), unscoped };
}

/** Whether the query narrows at all: false when some policy leaves every record a candidate. */
export function narrows(prefilter: Prefilter): boolean {
  return prefilter.unscoped.length === 0 && prefilter.policies.length > 0;
}
