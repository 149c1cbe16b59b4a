import type { Alternative, Branch, FieldTest, Prefilter } from "./prefilter.js";

/** How one SQL engine spells the parts of a hunt query that differ between engines. */
export interface FieldSyntax {
  /** The field as a string expression (NULL when absent). */
  value(path: readonly string[]): string;
  /** The field has a value. */
  exists(path: readonly string[]): string;
  /** A condition that keeps the record whatever the test says (a list where a value was expected), or undefined. */
  keep(path: readonly string[]): string | undefined;
}

/** A SQL string literal: quotes doubled, as Trino and DuckDB both read it. */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A double-quoted identifier; `"` doubled. */
export function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function fieldTest(test: FieldTest, syntax: FieldSyntax): string {
  const values = test.alternatives.filter((a): a is Extract<Alternative, { kind: "equals" }> => a.kind === "equals").map((a) => literal(a.value));
  const parts: string[] = [];
  if (test.alternatives.some((a) => a.kind === "exists")) parts.push(syntax.exists(test.path));
  else if (values.length === 1) parts.push(`${syntax.value(test.path)} = ${values[0] as string}`);
  else parts.push(`${syntax.value(test.path)} IN (${values.join(", ")})`);
  const keep = syntax.keep(test.path);
  if (keep !== undefined) parts.push(keep);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" OR ")})`;
}

function branchText(branch: Branch, syntax: FieldSyntax): string {
  if (branch.length === 0) return "TRUE";
  return branch.map((t) => fieldTest(t, syntax)).join("\n      AND ");
}

/** The WHERE condition for the policies: their branches ORed, each branch's field tests ANDed. */
export function prefilterCondition(prefilter: Prefilter, syntax: FieldSyntax): string {
  if (prefilter.branches.length === 0) return "FALSE";
  if (prefilter.branches.length === 1) return branchText(prefilter.branches[0] as Branch, syntax);
  return prefilter.branches.map((b) => `(${branchText(b, syntax)})`).join("\n    OR ");
}

/** The comment that heads every hunt query: what it is for and what it cannot decide. */
export function queryHeader(prefilter: Prefilter): string[] {
  const lines = [`-- trailwatch hunt: candidate CloudTrail records for ${prefilter.policies.length} ${prefilter.policies.length === 1 ? "policy" : "policies"}.`];
  lines.push("-- A superset of what the policies match: trailwatch's own engine decides on every row.");
  if (prefilter.unscoped.length > 0) lines.push(`-- Not narrowed: ${prefilter.unscoped.join(", ")} pin(s) none of eventSource, eventName, errorCode, awsRegion, userIdentity.type.`);
  return lines;
}
