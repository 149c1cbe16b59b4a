import { emptiedOf } from "./emptied.js";
import type { CloudTrailRecord } from "./cloudtrail.js";
import { buildRegistry } from "../registry.js";
import { actorOf } from "./actor.js";

/**
 * A value derived from the record and added to it under a top-level name, so patterns and
 * templates can use it like a CloudTrail field. A record's own key of that name is shadowed.
 */
export interface RecordView {
  readonly name: string;
  /** The view's keys when it is an object (a closed set: any other key is a policy error); undefined for a list. */
  readonly keys: readonly string[] | undefined;
  /** Closed value sets per key, where there is one: a pattern asking for another value never matches. */
  readonly values?: Readonly<Record<string, readonly (string | boolean)[]>>;
  readonly summary: string;
  of(record: CloudTrailRecord): unknown;
}

const actorView: RecordView = {
  name: "actor",
  keys: ["kind", "name", "arn", "account", "mfa", "console"],
  values: {
    kind: ["root", "user", "role", "federated", "sso", "service", "account", "unknown"],
    mfa: ["true", "false", "unknown"],
    console: [true, false],
  },
  summary: "who made the call, the same way for every userIdentity.type (docs/authoring.md)",
  of: actorOf,
};

const emptiedView: RecordView = {
  name: "emptied",
  keys: undefined,
  summary: "paths under requestParameters that the call set to {} or [] (EventBridge cannot see empty values)",
  of: emptiedOf,
};

/** Every derived view, by the top-level name patterns and templates use. */
export const RECORD_VIEWS: ReadonlyMap<string, RecordView> = buildRegistry("record view", [actorView, emptiedView], (v) => v.name);

/** Every view of a record, for templates. */
export function viewsOf(record: CloudTrailRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const view of RECORD_VIEWS.values()) out[view.name] = view.of(record);
  return out;
}

/** The views a pattern reads: its top-level keys, and those of a top-level `$or`'s branches. */
export function viewsUsedBy(source: Readonly<Record<string, unknown>>, into = new Set<string>()): Set<string> {
  for (const key of Object.keys(source)) if (RECORD_VIEWS.has(key)) into.add(key);
  const branches = source.$or;
  if (Array.isArray(branches)) {
    for (const b of branches) if (typeof b === "object" && b !== null && !Array.isArray(b)) viewsUsedBy(b as Record<string, unknown>, into);
  }
  return into;
}

/** The record with the named views added: what patterns are matched against. */
export function withViews(record: CloudTrailRecord, names: ReadonlySet<string>): CloudTrailRecord {
  if (names.size === 0) return record;
  const out: CloudTrailRecord = { ...record };
  for (const name of names) out[name] = RECORD_VIEWS.get(name)?.of(record);
  return out;
}
