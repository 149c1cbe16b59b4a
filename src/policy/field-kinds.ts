import { buildRegistry } from "../registry.js";
import { isJsonObject, type JsonPath } from "../pattern/json.js";
import { kindOf } from "../text/describe.js";
import { SEVERITIES } from "../record/severity.js";
import { AWS_REGION, boolean, HTTPS_URL, matching, MITRE_ID, oneOf, patterns, recordPattern, SLACK_CHANNEL, SLACK_GROUP_ID, SLACK_USER_ID, strings, template, text, TOPIC_ARN, type Checker } from "./check.js";
import { CONSOLE_STREAMS, OUTCOMES, type FieldKind, type FieldSpec } from "./fields.js";
import { checkKeys } from "./closed-keys.js";
import { checkDedupe, checkThrottle, DEDUPE_KEYS, innerKeysSchema, THROTTLE_KEYS } from "./noise-fields.js";
import type { Reporter, YamlSource } from "./yaml-source.js";

/**
 * One definition per kind of value a policy, tune-file or routing key holds: the check that
 * validation runs and the JSON Schema editors use (schema/policy.schema.json) sit side by side
 * and share their patterns, so the two cannot drift (as Cloud Custodian's schema.py does).
 */
export type Schema = Record<string, unknown>;

export interface FieldKindEntry {
  readonly kind: FieldKind;
  readonly schema: Schema;
  readonly check: Checker;
}

const strictly = (re: RegExp): string => re.source;
const structure: Checker = (value) => value;

/** A string kind: one regex for the check and the schema, and the form in words for the message. */
function textMatching(re: RegExp, expected: string): Omit<FieldKindEntry, "kind"> {
  return { schema: { type: "string", pattern: strictly(re) }, check: matching(re, expected) };
}

/** A list of Slack ids: names can be renamed, ids cannot, so only ids are accepted. */
function slackIds(re: RegExp, what: string, example: string): Omit<FieldKindEntry, "kind"> {
  return {
    schema: { type: "array", items: { type: "string", pattern: strictly(re) } },
    check: strings((s) => (re.test(s) ? undefined : `must be a Slack ${what} like ${example}, not ${JSON.stringify(s)} (names can be renamed; ids cannot)`)),
  };
}

const destinationName = strings((s) => (s.trim() === "" ? "a destination name must not be empty" : undefined));
const destinationNames: Checker = (value, path, source) => {
  if (Array.isArray(value) && value.length > 0) return destinationName(value, path, source);
  source.error(path, `must be a non-empty list of destination names, not ${Array.isArray(value) ? "an empty list" : kindOf(value)}`);
  return undefined;
};

/** A mapping; what it holds is checked where it is used (an embedded test's event is matched as a record). */
const mapping: Checker = (value, path, source) => {
  if (isJsonObject(value)) return value;
  source.error(path, `must be a CloudTrail record or an EventBridge envelope (a mapping), not ${kindOf(value)}`);
  return undefined;
};

// Every FieldKind must have an entry: the mapped type makes a missing one a compile error.
const ENTRIES: { readonly [K in FieldKind]: Omit<FieldKindEntry, "kind"> } = {
  id: { schema: { type: "string", pattern: "^[a-z0-9-]+(\\.[a-z0-9-]+)+$" }, check: text },
  text: { schema: { type: "string", minLength: 1 }, check: text },
  severity: { schema: { enum: [...SEVERITIES] }, check: oneOf(SEVERITIES) },
  outcome: { schema: { enum: [...OUTCOMES] }, check: oneOf(OUTCOMES) },
  urls: { schema: { type: "array", items: { type: "string", pattern: strictly(HTTPS_URL) } }, check: strings((s) => (HTTPS_URL.test(s) ? undefined : `"${s}" is not an https:// URL`)) },
  mitre: { schema: { type: "array", items: { type: "string", pattern: strictly(MITRE_ID) } }, check: strings((s) => (MITRE_ID.test(s) ? undefined : `"${s}" is not a MITRE ATT&CK technique id like T1562 or T1562.001`)) },
  tags: { schema: { type: "array", items: { type: "string" } }, check: strings((s) => (s.trim() === "" ? "tags must not be empty" : undefined)) },
  pattern: { schema: { $ref: "#/definitions/pattern" }, check: recordPattern },
  patterns: { schema: { type: "array", items: { $ref: "#/definitions/pattern" } }, check: patterns },
  template: { schema: { type: "string", minLength: 1 }, check: template },
  // Each item is TEST_FIELDS (definitions.test, built by fieldsSchema in json-schema.ts); src/policy/tests.ts checks them.
  tests: { schema: { type: "array", items: { $ref: "#/definitions/test" } }, check: structure },
  record: { schema: { type: "object" }, check: mapping },
  boolean: { schema: { type: "boolean" }, check: boolean },
  structure: { schema: {}, check: structure },
  dedupe: {
    schema: innerKeysSchema(DEDUPE_KEYS),
    check: checkDedupe,
  },
  throttle: {
    schema: innerKeysSchema(THROTTLE_KEYS),
    check: checkThrottle,
  },
  "topic-arn": textMatching(TOPIC_ARN, "an SNS topic ARN like arn:aws:sns:us-east-1:111122223333:alerts"),
  "aws-region": textMatching(AWS_REGION, "an AWS region like us-east-1"),
  "slack-channel": textMatching(SLACK_CHANNEL, "a Slack channel id like C0123ABCD or a #name"),
  "console-stream": { schema: { enum: [...CONSOLE_STREAMS] }, check: oneOf(CONSOLE_STREAMS) },
  "destination-names": { schema: { type: "array", minItems: 1, items: { type: "string", minLength: 1 } }, check: destinationNames },
  "slack-user-ids": slackIds(SLACK_USER_ID, "user id", "U0123ABCD"),
  "slack-group-ids": slackIds(SLACK_GROUP_ID, "user-group id", "S0123ABCD"),
};

export const FIELD_KINDS: ReadonlyMap<string, FieldKindEntry> = buildRegistry(
  "field kind",
  (Object.entries(ENTRIES) as [FieldKind, Omit<FieldKindEntry, "kind">][]).map(([kind, entry]) => ({ kind, ...entry })),
  (e) => e.kind,
);

export function entryOf(kind: FieldKind): FieldKindEntry {
  const entry = FIELD_KINDS.get(kind);
  if (entry === undefined) throw new Error(`field kind "${kind}" has no registry entry`);
  return entry;
}

/**
 * The JSON Schema of a mapping with these keys: each key's kind schema plus its description.
 * A "structure" key is checked by its caller, so the caller gives its schema in `structures`
 * (a nested mapping built from its own field list); one without is an error, never `{}`.
 * `value` may widen each kind's schema (trailwatch.yml: a `${VAR}` reference).
 */
export function fieldsSchema(fields: readonly FieldSpec[], structures: Readonly<Record<string, Schema>> = {}, value: (schema: Schema) => Schema = (schema) => schema): Schema {
  const schemaOf = (f: FieldSpec): Schema => {
    if (f.kind !== "structure") return value(entryOf(f.kind).schema);
    const nested = structures[f.key];
    if (nested === undefined) throw new Error(`key "${f.key}" is checked by its caller but has no schema`);
    return nested;
  };
  return {
    type: "object",
    additionalProperties: false,
    required: fields.filter((f) => f.required).map((f) => f.key),
    properties: Object.fromEntries(fields.map((f) => [f.key, { ...schemaOf(f), description: f.description }])),
  };
}

/** Checks one value of a key through its kind; reports on `source` at `path`; returns the value when usable. */
export function checkValue(spec: FieldSpec, value: unknown, path: JsonPath, source: Reporter): unknown {
  return entryOf(spec.kind).check(value, path, source);
}

/** Checks a mapping against a closed field list: unknown keys, missing keys, each value's kind. */
export function checkFields(doc: unknown, fields: readonly FieldSpec[], source: YamlSource, what: string): Map<string, unknown> | undefined {
  if (!isJsonObject(doc)) {
    source.error([], `a ${what} file must be a YAML mapping of keys (${fields.filter((f) => f.required).map((f) => f.key).join(", ")}, ...), not ${kindOf(doc)}`);
    return undefined;
  }
  const values = new Map<string, unknown>();
  checkKeys(doc, { specs: fields }, (path, message) => source.error(path, message), (spec, value) => {
    const checked = entryOf(spec.kind).check(value, [spec.key], source);
    if (checked !== undefined) values.set(spec.key, checked);
  });
  return values;
}
