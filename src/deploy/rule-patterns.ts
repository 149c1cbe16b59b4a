import { isJsonObject } from "../pattern/json.js";
import type { Policy } from "../policy/types.js";
import { serviceName } from "../record/service.js";

/**
 * Compiles policies into the EventBridge event patterns deployed on the bus. Policies are
 * merged per service into one rule pattern that filters on `eventSource` and the union of
 * the policies' `eventName` values; the exact policy logic runs in the handler. Merging may
 * let extra events through but never drops one a policy would alert on.
 *
 * Quotas (Amazon EventBridge User Guide, "Amazon EventBridge quotas", eb-quota.html):
 * 300 rules per event bus by default (adjustable), 5 targets per rule, 30 rules with
 * wildcards per bus; an event pattern may hold at most 2048 characters — longer eventName
 * lists are split over several rules.
 */
export const MAX_PATTERN_CHARS = 2048;
export const MAX_RULES_PER_BUS = 300;
export const DETAIL_TYPE = "AWS API Call via CloudTrail";

export interface RulePattern {
  readonly source: unknown[];
  readonly "detail-type": string[];
  readonly detail?: { eventSource?: unknown[]; eventName?: unknown[] };
}

/** `ssm-contacts.amazonaws.com` (or the pre-release `gamma-` spelling) → `aws.ssm-contacts`. */
export function eventBridgeSource(eventSource: string): string {
  return `aws.${serviceName(eventSource)}`;
}

function exactStrings(source: Record<string, unknown>, key: string): string[] | undefined {
  const values = source[key];
  // A top-level field is ANDed with any top-level $or, so it constrains every branch.
  if (!Array.isArray(values)) return undefined;
  return values.every((v) => typeof v === "string") ? (values as string[]) : undefined;
}

function eventNameValues(source: Record<string, unknown>): unknown[] | undefined {
  const values = source.eventName;
  if (!Array.isArray(values)) return undefined;
  return values.every((v) => typeof v === "string" || isJsonObject(v)) ? values : undefined;
}

interface Group {
  eventSources: Set<string>;
  names: Map<string, unknown>;
  anyName: boolean;
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Splits an eventName list so that each pattern stays under the size quota. */
function chunkNames(base: RulePattern, eventSources: string[], names: unknown[]): RulePattern[] {
  const out: RulePattern[] = [];
  let current: unknown[] = [];
  const render = (list: unknown[]): RulePattern => ({ ...base, detail: { eventSource: eventSources, eventName: list } });
  for (const name of names) {
    if (current.length > 0 && JSON.stringify(render([...current, name])).length > MAX_PATTERN_CHARS) {
      out.push(render(current));
      current = [];
    }
    current.push(name);
  }
  if (current.length > 0) out.push(render(current));
  return out;
}

export interface CompiledRules {
  readonly patterns: RulePattern[];
  /** Policies that name no eventSource: they force a rule that sees every CloudTrail API call. */
  readonly unscoped: string[];
}

export function compileRulePatterns(policies: readonly Policy[]): CompiledRules {
  const groups = new Map<string, Group>();
  const unscoped: string[] = [];
  for (const policy of policies) {
    const sources = exactStrings(policy.matchSource, "eventSource");
    if (sources === undefined) {
      unscoped.push(policy.id);
      continue;
    }
    const names = eventNameValues(policy.matchSource);
    for (const eventSource of sources) {
      const key = eventBridgeSource(eventSource);
      const group = groups.get(key) ?? { eventSources: new Set<string>(), names: new Map<string, unknown>(), anyName: false };
      group.eventSources.add(eventSource);
      if (names === undefined) group.anyName = true;
      else for (const n of names) group.names.set(JSON.stringify(n), n);
      groups.set(key, group);
    }
  }
  const patterns: RulePattern[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key) as Group;
    const base: RulePattern = { source: [key], "detail-type": [DETAIL_TYPE] };
    const eventSources = uniqueSorted(group.eventSources);
    if (group.anyName) patterns.push({ ...base, detail: { eventSource: eventSources } });
    else patterns.push(...chunkNames(base, eventSources, [...group.names.keys()].sort().map((k) => group.names.get(k))));
  }
  if (unscoped.length > 0) patterns.push({ source: [{ prefix: "aws." }], "detail-type": [DETAIL_TYPE] });
  return { patterns, unscoped };
}

/** The EventBridge envelope a CloudTrail record arrives in (for tests and `test-pattern`). */
export function envelopeFor(record: Record<string, unknown>): Record<string, unknown> {
  const eventSource = typeof record.eventSource === "string" ? record.eventSource : "unknown.amazonaws.com";
  return {
    version: "0",
    id: "00000000-0000-0000-0000-000000000000",
    "detail-type": DETAIL_TYPE,
    source: eventBridgeSource(eventSource),
    account: record.recipientAccountId ?? "000000000000",
    time: record.eventTime ?? "1970-01-01T00:00:00Z",
    region: record.awsRegion ?? "us-east-1",
    resources: [],
    detail: record,
  };
}
