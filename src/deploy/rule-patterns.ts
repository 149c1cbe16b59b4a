import type { Policy } from "../policy/types.js";
import { serviceName } from "../record/service.js";
import { branchOf, coversCatalog, type Branch } from "./rule-branches.js";

/**
 * Compiles policies into the EventBridge event patterns deployed on the bus: one rule per
 * service (more when a pattern outgrows the size quota), whose pattern is the `$or` of what
 * each policy asks of that service's events (rule-branches.ts: eventName, errorCode,
 * awsRegion, userIdentity.type). The exact policy logic still runs in the handler; a rule
 * may let extra events through but never drops one a policy would alert on.
 *
 * Quotas (Amazon EventBridge User Guide, "Amazon EventBridge quotas", eb-quota.html):
 * 300 rules per event bus by default (adjustable), 5 targets per rule; an event pattern may
 * hold at most 2048 characters — larger patterns are split over several rules.
 */
export const MAX_PATTERN_CHARS = 2048;
export const MAX_RULES_PER_BUS = 300;
export const DETAIL_TYPE = "AWS API Call via CloudTrail";

/**
 * Events that do not come from CloudTrail, by the `eventSource` their record carries. PutEvents
 * refuses `aws.*` sources (NotAuthorizedForSourceException), so the drill has a source of its
 * own, sent by `trailwatch fire-drill --via eventbridge` and the scheduled heartbeat.
 */
export interface CustomSource {
  readonly eventSource: string;
  readonly source: string;
  readonly detailType: string;
}
export const DRILL_SOURCE: CustomSource = { eventSource: "trailwatch.fire-drill", source: "trailwatch.drill", detailType: "Trailwatch Fire Drill" };
const CUSTOM_SOURCES: ReadonlyMap<string, CustomSource> = new Map([[DRILL_SOURCE.eventSource, DRILL_SOURCE]]);

/**
 * Services whose rule is deployed twice. A rule cannot see its own DisableRule or DeleteRule
 * (it stops matching first), so the rule watching EventBridge rule changes has a twin: each
 * sees the other switched off. The function then runs twice per event; the decision ledger
 * (noise control, per eventID and policy) sends one alert.
 */
const TWINNED_SOURCES: ReadonlySet<string> = new Set(["aws.events"]);

export interface RulePattern {
  readonly source: unknown[];
  readonly "detail-type": string[];
  readonly detail?: Record<string, unknown>;
}

/**
 * The state each deployed rule must be in (scripts/serverless/event-rules.mjs says why
 * CloudTrail rules need this one; `trailwatch verify` checks it): CloudTrail patterns need
 * read-only management events delivered too, a custom source needs plain ENABLED.
 */
export const CLOUDTRAIL_RULE_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
export function ruleStateOf(pattern: RulePattern): string {
  return pattern["detail-type"].includes(DETAIL_TYPE) ? CLOUDTRAIL_RULE_STATE : "ENABLED";
}

/** `ssm-contacts.amazonaws.com` (or the pre-release `gamma-` spelling) → `aws.ssm-contacts`. */
export function eventBridgeSource(eventSource: string): string {
  return CUSTOM_SOURCES.get(eventSource)?.source ?? `aws.${serviceName(eventSource)}`;
}

/** CloudTrail writes `<service>.amazonaws.com`; anything else never arrives as "AWS API Call via CloudTrail". */
function isCloudTrailSource(eventSource: string): boolean {
  return /^[a-z0-9.-]+\.amazonaws\.com$/.test(eventSource);
}

function exactStrings(source: Record<string, unknown>, key: string): string[] | undefined {
  const values = source[key];
  // A top-level field is ANDed with any top-level $or, so it constrains every branch.
  if (!Array.isArray(values)) return undefined;
  return values.every((v) => typeof v === "string") ? (values as string[]) : undefined;
}

interface MergedBranch {
  readonly conditions: Readonly<Record<string, unknown>>;
  /** JSON text of each eventName value; undefined: any. */
  names: Map<string, unknown> | undefined;
}

interface Group {
  readonly eventSources: Set<string>;
  readonly branches: Map<string, MergedBranch>;
}

const keyOf = (value: unknown) => JSON.stringify(value);

function addBranch(group: Group, branch: Branch): void {
  const key = keyOf(branch.conditions);
  const merged = group.branches.get(key) ?? { conditions: branch.conditions, names: new Map<string, unknown>() };
  if (branch.names === undefined) merged.names = undefined;
  else if (merged.names !== undefined) for (const n of branch.names) merged.names.set(keyOf(n), n);
  group.branches.set(key, merged);
}

/** Whether every condition of `a` is also, identically, a condition of `b` (so `a` matches all `b` does, for the same names). */
function looser(a: MergedBranch, b: MergedBranch): boolean {
  return a !== b && Object.entries(a.conditions).every(([k, v]) => Object.hasOwn(b.conditions, k) && keyOf(b.conditions[k]) === keyOf(v));
}

/**
 * Simplifies a group's branches without changing what they match: a branch naming every
 * catalogued operation becomes "any eventName"; a name a looser branch already passes is
 * dropped from the stricter one (and a stricter branch under a looser "any eventName" one
 * goes entirely).
 */
function simplify(group: Group): MergedBranch[] {
  const sources = [...group.eventSources];
  const branches = [...group.branches.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, b]) => b);
  for (const b of branches) if (b.names !== undefined && coversCatalog(sources, [...b.names.values()])) b.names = undefined;
  const original = new Map(branches.map((b) => [b, b.names === undefined ? undefined : new Set(b.names.keys())]));
  const out: MergedBranch[] = [];
  for (const b of branches) {
    const loose = branches.filter((a) => looser(a, b));
    if (loose.some((a) => original.get(a) === undefined)) continue;
    if (b.names !== undefined) for (const a of loose) for (const k of original.get(a) ?? []) b.names.delete(k);
    if (b.names === undefined || b.names.size > 0) out.push(b);
  }
  return out;
}

function branchFields(branch: MergedBranch, names = branch.names === undefined ? undefined : [...branch.names.keys()].sort().map((k) => branch.names?.get(k))): Record<string, unknown> {
  return { ...(names === undefined ? {} : { eventName: names }), ...branch.conditions };
}

function render(base: RulePattern, eventSources: string[], branches: Record<string, unknown>[]): RulePattern {
  const [only] = branches;
  if (branches.length === 1 && only !== undefined) return { ...base, detail: { eventSource: eventSources, ...only } };
  return { ...base, detail: { eventSource: eventSources, $or: branches } };
}

/**
 * event-ruler (EventBridge's matcher) skips a `$or` branch that has the same fields as an
 * earlier one and shares a value in each: it then misses events only the later branch
 * matches (scripts/fuzz/known.mjs, "$or branch sharing a value"). Such branches go to
 * different rules.
 */
function collide(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const flat = (o: Record<string, unknown>, prefix = ""): Map<string, unknown[]> => {
    const out = new Map<string, unknown[]>();
    for (const [k, v] of Object.entries(o)) {
      if (Array.isArray(v)) out.set(prefix + k, v);
      else if (v !== null && typeof v === "object") for (const [p, w] of flat(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(p, w);
    }
    return out;
  };
  const fa = flat(a);
  const fb = flat(b);
  if (fa.size !== fb.size) return false;
  return [...fa].every(([path, values]) => fb.has(path) && values.some((v) => (fb.get(path) ?? []).some((w) => keyOf(v) === keyOf(w))));
}

/** Splits one branch's eventName list so that each pattern stays under the size quota. */
function chunkBranch(base: RulePattern, eventSources: string[], branch: MergedBranch): Record<string, unknown>[] {
  const names = [...(branch.names?.keys() ?? [])].sort().map((k) => branch.names?.get(k));
  const out: Record<string, unknown>[] = [];
  let current: unknown[] = [];
  const fits = (list: unknown[]) => keyOf(render(base, eventSources, [branchFields(branch, list)])).length <= MAX_PATTERN_CHARS;
  for (const name of names) {
    if (current.length > 0 && !fits([...current, name])) {
      out.push(branchFields(branch, current));
      current = [];
    }
    current.push(name);
  }
  if (current.length > 0) out.push(branchFields(branch, current));
  return out;
}

/** Packs branches into as few patterns as the size quota and event-ruler allow. */
function pack(base: RulePattern, eventSources: string[], branches: MergedBranch[]): RulePattern[] {
  const pieces = branches.flatMap((b) => {
    const fields = branchFields(b);
    return keyOf(render(base, eventSources, [fields])).length <= MAX_PATTERN_CHARS ? [fields] : chunkBranch(base, eventSources, b);
  });
  const rules: Record<string, unknown>[][] = [];
  for (const piece of pieces) {
    const home = rules.find((r) => !r.some((q) => collide(q, piece)) && keyOf(render(base, eventSources, [...r, piece])).length <= MAX_PATTERN_CHARS);
    if (home !== undefined) home.push(piece);
    else rules.push([piece]);
  }
  return rules.map((r) => render(base, eventSources, r));
}

export interface CompiledRules {
  readonly patterns: RulePattern[];
  /** Policies that name no eventSource: they force a rule that sees every CloudTrail API call. */
  readonly unscoped: string[];
  /** Policies naming an eventSource that reaches no rule (neither CloudTrail's nor a custom source). */
  readonly unreachable: string[];
}

export interface CompileOptions {
  /**
   * false: filter on eventSource and eventName only (the rules as they were before conditions
   * were compiled), for `patterns --stats` to show what the conditions save.
   */
  readonly conditions?: boolean;
}

export function compileRulePatterns(policies: readonly Policy[], options: CompileOptions = {}): CompiledRules {
  const groups = new Map<string, Group>();
  const custom = new Map<string, CustomSource>();
  const unscoped: string[] = [];
  const unreachable: string[] = [];
  for (const policy of policies) {
    const sources = exactStrings(policy.matchSource, "eventSource");
    if (sources === undefined) {
      unscoped.push(policy.id);
      continue;
    }
    for (const eventSource of sources) {
      const special = CUSTOM_SOURCES.get(eventSource);
      if (special !== undefined) custom.set(special.source, special);
      if (special !== undefined || !isCloudTrailSource(eventSource)) {
        if (special === undefined && !unreachable.includes(policy.id)) unreachable.push(policy.id);
        continue;
      }
      const branch = branchOf(policy, eventSource, options.conditions !== false);
      if (branch === undefined) continue;
      const key = eventBridgeSource(eventSource);
      const group = groups.get(key) ?? { eventSources: new Set<string>(), branches: new Map<string, MergedBranch>() };
      group.eventSources.add(eventSource);
      addBranch(group, branch);
      groups.set(key, group);
    }
  }
  const patterns: RulePattern[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key) as Group;
    const base: RulePattern = { source: [key], "detail-type": [DETAIL_TYPE] };
    const packed = pack(base, [...group.eventSources].sort(), simplify(group));
    patterns.push(...packed, ...(TWINNED_SOURCES.has(key) ? packed : []));
  }
  for (const c of [...custom.values()].sort((a, b) => (a.source < b.source ? -1 : 1))) {
    patterns.push({ source: [c.source], "detail-type": [c.detailType], detail: { eventSource: [c.eventSource] } });
  }
  if (unscoped.length > 0) patterns.push({ source: [{ prefix: "aws." }], "detail-type": [DETAIL_TYPE] });
  return { patterns, unscoped, unreachable };
}

/** The EventBridge envelope a record arrives in (for tests, `test-pattern` and `patterns --stats`). */
export function envelopeFor(record: Record<string, unknown>): Record<string, unknown> {
  const eventSource = typeof record.eventSource === "string" ? record.eventSource : "unknown.amazonaws.com";
  return {
    version: "0",
    id: "00000000-0000-0000-0000-000000000000",
    "detail-type": CUSTOM_SOURCES.get(eventSource)?.detailType ?? DETAIL_TYPE,
    source: eventBridgeSource(eventSource),
    account: record.recipientAccountId ?? "000000000000",
    time: record.eventTime ?? "1970-01-01T00:00:00Z",
    region: record.awsRegion ?? "us-east-1",
    resources: [],
    detail: record,
  };
}
