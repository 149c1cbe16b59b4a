import type { CompiledPattern, FieldCondition } from "../pattern/index.js";
import { fieldRejects } from "../pattern/match.js";
import { buildAlert } from "../alert/build.js";
import { viewsUsedBy, withViews } from "../record/views.js";
import type { Alert } from "../alert/types.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { Policy } from "./types.js";

/** Why a policy did or did not alert on one record. */
export type Verdict = "alert" | "no-match" | "suppressed";

/**
 * The policies, indexed by the exact `eventName` values their match requires, so a record
 * is tried only against the policies that could match it: 1000 policies cost about what
 * 40 do when they name their events.
 */
export interface PolicySet {
  readonly policies: readonly Policy[];
  /** The policy with this id (a Map lookup: alerts are routed and throttled by policy id). */
  policy(id: string): Policy | undefined;
  /** The policies that could match this record, in load order. */
  candidates(record: CloudTrailRecord): readonly Policy[];
  evaluate(record: CloudTrailRecord): Alert[];
  verdict(policy: Policy, record: CloudTrailRecord): Verdict;
}

/** The exact eventName strings a pattern requires, or undefined when it accepts others too. */
export function requiredEventNames(source: Record<string, unknown>): string[] | undefined {
  // A top-level eventName is ANDed with any top-level $or, so it holds for every branch.
  const names = source.eventName;
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) return undefined;
  return names as string[];
}

/** The derived views (`actor`, `emptied`: src/record/views.ts) the policies' patterns read. */
export function viewsUsedByPolicies(policies: readonly Policy[]): Set<string> {
  const names = new Set<string>();
  for (const p of policies) {
    viewsUsedBy(p.matchSource, names);
    for (const u of p.unless) viewsUsedBy(u.source, names);
  }
  return names;
}

/** A field condition as a key: the same path with the same values is the same condition. */
function conditionKey(field: FieldCondition, source: unknown): string {
  let node: unknown = source;
  for (const part of field.at) node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[part] : undefined;
  return `${field.order}\n${JSON.stringify(node)}`;
}

/**
 * For each `$or` branch of a policy's match, the field to try first: of the fields other
 * than eventName/eventSource (which the index and the record's service nearly always
 * satisfy), the condition the fewest policies share. Candidates for one record share their
 * eventName and often a condition (`userIdentity.type: Root`); what tells them apart is the
 * rarer one (a source range, an account). When each branch's screen rules a record out, the
 * policy cannot match and the whole pattern is not run.
 */
function screensOf(pattern: CompiledPattern, shared: ReadonlyMap<string, number>): (FieldCondition | undefined)[] {
  return pattern.branches.map((branch) => {
    let best: FieldCondition | undefined;
    let bestUses = Infinity;
    for (const f of branch) {
      if (f.path.length === 1 && (f.path[0] === "eventName" || f.path[0] === "eventSource")) continue;
      const uses = shared.get(conditionKey(f, pattern.source)) ?? 0;
      if (uses < bestUses) [best, bestUses] = [f, uses];
    }
    return best;
  });
}

/** How many policies hold each field condition (conditionKey). */
function sharedConditions(policies: readonly Policy[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const policy of policies) {
    const keys = new Set(policy.match.branches.flatMap((branch) => branch.map((f) => conditionKey(f, policy.match.source))));
    for (const key of keys) uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  return uses;
}

function screenedOut(screens: readonly (FieldCondition | undefined)[], subject: CloudTrailRecord): boolean {
  for (const screen of screens) if (screen === undefined || !fieldRejects(screen, subject)) return false;
  return true;
}

/**
 * What these policies' patterns are matched against: the record plus the derived views
 * (`actor`, `emptied`) some of them read. Built once per record; explain uses the same one.
 */
export function matchSubject(policies: readonly Policy[], record: CloudTrailRecord): CloudTrailRecord {
  return withViews(record, viewsUsedByPolicies(policies));
}

function suppressedBy(unless: readonly CompiledPattern[], record: CloudTrailRecord): boolean {
  for (const pattern of unless) if (pattern.matches(record)) return true;
  return false;
}

export function createPolicySet(policies: readonly Policy[]): PolicySet {
  const byName = new Map<string, Policy[]>();
  const unindexed: Policy[] = [];
  const order = new Map(policies.map((p, i) => [p, i]));
  for (const policy of policies) {
    const names = requiredEventNames(policy.matchSource);
    if (names === undefined) unindexed.push(policy);
    else for (const name of new Set(names)) byName.set(name, [...(byName.get(name) ?? []), policy]);
  }
  // What patterns are matched against: the record plus the views some policy asks for.
  const views = viewsUsedByPolicies(policies);
  const merged = new Map<string, Policy[]>();
  const candidates = (record: CloudTrailRecord): readonly Policy[] => {
    const name = typeof record.eventName === "string" ? record.eventName : undefined;
    const named = name === undefined ? undefined : byName.get(name);
    if (named === undefined) return unindexed;
    if (unindexed.length === 0) return named;
    let both = merged.get(name as string);
    if (both === undefined) {
      both = [...named, ...unindexed].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      merged.set(name as string, both);
    }
    return both;
  };
  const shared = sharedConditions(policies);
  const screens = new Map(policies.map((p) => [p, screensOf(p.match, shared)]));
  const judge = (policy: Policy, subject: CloudTrailRecord): Verdict => {
    if (screenedOut(screens.get(policy) ?? [], subject) || !policy.match.matches(subject)) return "no-match";
    return suppressedBy(policy.unless, subject) ? "suppressed" : "alert";
  };
  const byId = new Map(policies.map((p) => [p.id, p]));
  return {
    policies,
    policy: (id) => byId.get(id),
    candidates,
    verdict: (policy, record) => judge(policy, withViews(record, views)),
    evaluate(record) {
      const alerts: Alert[] = [];
      const subject = withViews(record, views);
      for (const policy of candidates(record)) {
        if (judge(policy, subject) === "alert") alerts.push(buildAlert(policy, record));
      }
      return alerts;
    },
  };
}
