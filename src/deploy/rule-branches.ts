import { isJsonObject } from "../pattern/json.js";
// The operation catalog itself, not src/lint/operations.ts: deploy sits below lint (imports point down).
import catalog from "../../data/operations.json" with { type: "json" };
import type { Policy } from "../policy/types.js";

/**
 * What one policy asks of the events of one service, reduced to what an EventBridge rule can
 * check cheaply and exactly: the eventName list and the conditions on `errorCode`,
 * `awsRegion` and `userIdentity.type`. Everything else (actor, `unless`, request
 * parameters) stays in the handler. A branch only ever drops conditions, so it matches a
 * superset of what the policy alerts on: no false negatives.
 *
 * `readOnly` is never compiled: AWS's own sample DeleteContactChannel record says
 * `"readOnly": true`, so a pattern trusting it would drop a destructive call.
 */
export interface Branch {
  /** undefined: any eventName of the service. */
  readonly names: readonly unknown[] | undefined;
  /** `{ errorCode?, awsRegion?, userIdentity?: { type } }`, each a list of pattern values. */
  readonly conditions: Readonly<Record<string, unknown>>;
}

/** Top-level fields compiled as they are written. */
const PLAIN_FIELDS = ["errorCode", "awsRegion"] as const;

const isList = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;

/**
 * `userIdentity.type` when the policy constrains it: written directly, or in every branch of
 * a `userIdentity.$or` (then the type is one of the branches' types).
 */
function identityTypes(source: Record<string, unknown>): unknown[] | undefined {
  const identity = source.userIdentity;
  if (!isJsonObject(identity)) return undefined;
  if (isList(identity.type)) return identity.type;
  const branches = identity.$or;
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const types: unknown[] = [];
  for (const branch of branches) {
    if (!isJsonObject(branch) || !isList(branch.type)) return undefined;
    for (const t of branch.type) if (!types.some((x) => JSON.stringify(x) === JSON.stringify(t))) types.push(t);
  }
  return types;
}

/** The conditions of a policy's match that a rule pattern carries (keys sorted: equal conditions compare equal). */
export function compiledConditions(source: Record<string, unknown>, withConditions = true): Record<string, unknown> {
  if (!withConditions) return {};
  const out: Record<string, unknown> = {};
  for (const field of PLAIN_FIELDS) if (isList(source[field])) out[field] = source[field];
  const types = identityTypes(source);
  if (types !== undefined) out.userIdentity = { type: types };
  return out;
}

const SERVICES: readonly { readonly eventSources: readonly string[]; readonly operations: ReadonlySet<string> }[] = Object.values(catalog.services).map((s) => ({
  eventSources: s.eventSources,
  operations: new Set(s.operations.map((o) => o.name)),
}));

/** The operations a catalogued service owns; undefined for services without a catalog (lambda, sns...). */
function catalogOf(eventSource: string): ReadonlySet<string> | undefined {
  return SERVICES.find((s) => s.eventSources.includes(eventSource))?.operations;
}

const CATALOGUED = new Set(SERVICES.flatMap((s) => [...s.operations]));

/**
 * The eventNames of `names` that can arrive from `eventSource`: a catalogued service keeps
 * its own operations, operator values and names no catalog knows (a new operation must not
 * be dropped); it loses the other catalogued service's operations.
 */
export function namesFor(eventSource: string, names: readonly unknown[]): unknown[] {
  const own = catalogOf(eventSource);
  if (own === undefined) return [...names];
  return names.filter((n) => typeof n !== "string" || own.has(n) || !CATALOGUED.has(n));
}

/** Whether `names` lists every catalogued operation of the service (so "any eventName" is the same filter, shorter). */
export function coversCatalog(eventSources: readonly string[], names: readonly unknown[]): boolean {
  const listed = new Set(names.filter((n): n is string => typeof n === "string"));
  const catalogs = eventSources.map(catalogOf);
  return catalogs.every((c) => c !== undefined && [...c].every((n) => listed.has(n)));
}

function eventNames(source: Record<string, unknown>): unknown[] | undefined {
  const values = source.eventName;
  if (!Array.isArray(values)) return undefined;
  return values.every((v) => typeof v === "string" || isJsonObject(v)) ? values : undefined;
}

/** The branch `policy` contributes to the rule of `eventSource`, or undefined when it names none of that service's operations. */
export function branchOf(policy: Policy, eventSource: string, withConditions = true): Branch | undefined {
  const names = eventNames(policy.matchSource);
  const conditions = compiledConditions(policy.matchSource, withConditions);
  if (names === undefined) return { names: undefined, conditions };
  const own = namesFor(eventSource, names);
  return own.length === 0 ? undefined : { names: own, conditions };
}
