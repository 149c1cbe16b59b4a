import type { Conjunction, FieldCondition } from "../pattern/index.js";
import { ipToHex } from "../pattern/ip.js";
import type { JsonPath, JsonValue } from "../pattern/json.js";
import type { Policy } from "../policy/types.js";
import { RECORD_VIEWS } from "../record/views.js";

/**
 * What a record's bytes must contain for some policy to match it, derived from the compiled
 * policies. Each `$or` branch of each policy's `match` becomes one `Requirement`: for every
 * field whose values are all plain strings (exact, or `prefix`), one of them must appear in
 * the record as a whole JSON string (exact) or at the start of one (prefix). A record that
 * satisfies no requirement cannot match any policy, so replay skips it without `JSON.parse`.
 *
 * It is conservative: a value hidden behind a JSON escape (`\u0073`, `\/`) is handled by
 * the scanner (such records are always parsed), and a field it cannot read as bytes (numbers,
 * IP addresses, `anything-but`, `exists`, the derived views...) simply adds no
 * condition. When some branch has no such field at all, there is no prefilter.
 */
export interface Prefilter {
  readonly needles: readonly Needle[];
  /** Groups of needles: a field's values, at least one of which must appear. */
  readonly groups: number;
  readonly requirements: readonly Requirement[];
}

export interface Needle {
  readonly text: string;
  readonly prefix: boolean;
  /** The groups this value satisfies. */
  readonly groups: readonly number[];
}

export interface Requirement {
  /** Every group must be satisfied. */
  readonly groups: readonly number[];
  /** The group the scanner looks this requirement up by (the one shared by the fewest requirements). */
  readonly key: number;
}

function valueAt(source: JsonValue, path: JsonPath): JsonValue | undefined {
  let node: JsonValue | undefined = source;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, JsonValue>)[part];
  }
  return node;
}

/** Text the scanner compares byte for byte: printable ASCII without a quote or backslash, so the JSON form is the text itself. */
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

/** The values of one field as needles ("s:" exact, "p:" prefix), or undefined when one of them cannot be read as bytes. */
export function fieldNeedles(field: FieldCondition, source: JsonValue): string[] | undefined {
  // A derived view (`actor`, `emptied`: src/record/views.ts) is not in the record's bytes.
  if (field.absent || RECORD_VIEWS.has(field.path[0] ?? "")) return undefined;
  const values = valueAt(source, field.at);
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const needles: string[] = [];
  for (const value of values) {
    if (typeof value === "string") {
      // An exact string that is an IP address also matches other spellings of that address.
      if (!PLAIN.test(value) || ipToHex(value) !== undefined) return undefined;
      needles.push(`s:${value}`);
    } else if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && typeof value.prefix === "string") {
      if (!PLAIN.test(value.prefix)) return undefined;
      needles.push(`p:${value.prefix}`);
    } else return undefined;
  }
  return [...new Set(needles)].sort();
}

/** The needle sets one branch requires, or undefined when it requires none that bytes can show. */
function branchGroups(branch: Conjunction, source: JsonValue): string[][] | undefined {
  const groups = branch.flatMap((field) => {
    const needles = fieldNeedles(field, source);
    return needles === undefined ? [] : [needles];
  });
  return groups.length === 0 ? undefined : groups;
}

/** The prefilter for these policies, or undefined when some policy could match a record without any value bytes can show. */
export function prefilterFor(policies: readonly Policy[]): Prefilter | undefined {
  if (policies.length === 0) return undefined;
  const groupIds = new Map<string, number>();
  const groupNeedles: string[][] = [];
  const branches: number[][] = [];
  for (const policy of policies) {
    for (const branch of policy.match.branches) {
      const groups = branchGroups(branch, policy.match.source);
      if (groups === undefined) return undefined;
      branches.push([...new Set(groups.map((needles) => {
        const key = needles.join("\n");
        let id = groupIds.get(key);
        if (id === undefined) {
          id = groupNeedles.length;
          groupIds.set(key, id);
          groupNeedles.push(needles);
        }
        return id;
      }))]);
    }
  }
  const uses = new Array<number>(groupNeedles.length).fill(0);
  for (const groups of branches) for (const g of groups) uses[g] = (uses[g] ?? 0) + 1;
  const seen = new Set<string>();
  const requirements: Requirement[] = [];
  for (const groups of branches) {
    const sorted = [...groups].sort((a, b) => a - b);
    const id = sorted.join(",");
    if (seen.has(id)) continue;
    seen.add(id);
    const key = sorted.reduce((best, g) => ((uses[g] ?? 0) < (uses[best] ?? 0) ? g : best));
    requirements.push({ groups: sorted, key });
  }
  const byNeedle = new Map<string, number[]>();
  groupNeedles.forEach((needles, g) => {
    for (const n of needles) byNeedle.set(n, [...(byNeedle.get(n) ?? []), g]);
  });
  const needles = [...byNeedle].map(([n, groups]) => ({ text: n.slice(2), prefix: n.startsWith("p:"), groups }));
  return { needles, groups: groupNeedles.length, requirements };
}
