import type { Policy } from "../policy/types.js";
import { fieldNeedles } from "./prefilter.js";

/**
 * The prefilter the byte scanner (scan-bytes.ts) applies: like `prefilterFor`, but each
 * `$or` branch keeps only its conditions on top-level fields (`eventSource`, `eventName`,
 * `errorCode`...) whose values are all plain strings or prefixes. The scanner reads just
 * those fields' values from a record's top level, so it need not compare every string in
 * the record with every value the policies name. Dropping conditions only lets more records
 * through to `JSON.parse`, never fewer. Undefined when some branch has no such condition.
 */
export interface FieldPrefilter {
  /** The top-level keys whose values the scanner reads, by slot. */
  readonly keys: readonly string[];
  /**
   * Whether a record may match some policy, given its top-level values by slot. Values are
   * read on demand: most records are settled by the first one (their eventSource).
   */
  mayMatch(valueOf: (slot: number) => FieldValue): boolean;
}

/** A top-level value as the scanner saw it: a string without escapes, `OTHER` (anything else), or undefined (absent). */
export type FieldValue = string | typeof OTHER | undefined;
export const OTHER = 0;

interface FieldTest {
  readonly slot: number;
  readonly exact: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

type Branch = readonly FieldTest[];

function passes(test: FieldTest, value: FieldValue): boolean {
  // Not a plain string: an array holding the value would match, so the record is parsed.
  if (value === OTHER) return true;
  if (value === undefined) return false;
  return test.exact.has(value) || test.prefixes.some((p) => value.startsWith(p));
}

export function fieldPrefilterFor(policies: readonly Policy[]): FieldPrefilter | undefined {
  if (policies.length === 0) return undefined;
  const slots = new Map<string, number>();
  const branches: Branch[] = [];
  for (const policy of policies) {
    for (const conjunction of policy.match.branches) {
      const branch: FieldTest[] = [];
      for (const field of conjunction) {
        const key = field.path[0];
        if (field.path.length !== 1 || key === undefined) continue;
        const needles = fieldNeedles(field, policy.match.source);
        if (needles === undefined) continue;
        let slot = slots.get(key);
        if (slot === undefined) slots.set(key, (slot = slots.size));
        const exact = new Set(needles.filter((n) => n.startsWith("s:")).map((n) => n.slice(2)));
        branch.push({ slot, exact, prefixes: needles.filter((n) => n.startsWith("p:")).map((n) => n.slice(2)) });
      }
      if (branch.length === 0) return undefined;
      branches.push(branch);
    }
  }
  return indexed([...slots.keys()], branches);
}

/**
 * Branches looked up by the value of the key most of them test (eventSource, for the pack), so
 * a record of another service costs one Map lookup, not a pass over every branch.
 */
function indexed(keys: string[], branches: readonly Branch[]): FieldPrefilter {
  const uses = keys.map((_, slot) => branches.filter((b) => b.some((t) => t.slot === slot)).length);
  const primary = uses.indexOf(Math.max(...uses));
  const byValue = new Map<string, Branch[]>();
  const byPrefix: { prefix: string; branch: Branch }[] = [];
  const rest: Branch[] = [];
  for (const branch of branches) {
    const test = branch.find((t) => t.slot === primary);
    if (test === undefined) {
      rest.push(branch);
      continue;
    }
    for (const value of test.exact) byValue.set(value, [...(byValue.get(value) ?? []), branch]);
    for (const prefix of test.prefixes) byPrefix.push({ prefix, branch });
  }
  const all = (branch: Branch, valueOf: (slot: number) => FieldValue): boolean => branch.every((t) => passes(t, valueOf(t.slot)));
  return {
    keys,
    mayMatch(valueOf) {
      const value = valueOf(primary);
      if (value === OTHER) return true;
      if (value !== undefined) {
        for (const branch of byValue.get(value) ?? []) if (all(branch, valueOf)) return true;
        for (const { prefix, branch } of byPrefix) if (value.startsWith(prefix) && all(branch, valueOf)) return true;
      }
      for (const branch of rest) if (all(branch, valueOf)) return true;
      return false;
    },
  };
}
