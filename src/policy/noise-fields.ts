import { isJsonObject, type JsonPath } from "../pattern/json.js";
import { parseTemplate } from "../alert/template.js";
import { DURATION, parseDuration, type DedupeOptions, type ThrottleOptions } from "./noise-options.js";
import { kindOf } from "../text/describe.js";
import { checkKeys } from "./closed-keys.js";
import { checkTemplatePaths } from "./template-paths.js";
import type { Reporter } from "./yaml-source.js";

/** One key inside `dedupe:` or `throttle:`: its name, whether it is required and its JSON Schema. */
interface InnerKey {
  readonly key: string;
  readonly required: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
}

const WINDOW: InnerKey = { key: "window", required: true, schema: { type: "string", pattern: DURATION.source } };

/** The keys of `dedupe:`: the closed-mapping check and the JSON Schema both read this list. */
export const DEDUPE_KEYS: readonly InnerKey[] = [{ key: "key", required: true, schema: { type: "string" } }, WINDOW];

/** The keys of `throttle:`: the closed-mapping check and the JSON Schema both read this list. */
export const THROTTLE_KEYS: readonly InnerKey[] = [
  { key: "limit", required: true, schema: { type: "integer", minimum: 1 } },
  WINDOW,
  { key: "groupBy", required: false, schema: { type: "string" } },
];

/** The JSON Schema of a `dedupe:`/`throttle:` mapping, from the same key list its check uses. */
export function innerKeysSchema(keys: readonly InnerKey[]): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    required: keys.filter((k) => k.required).map((k) => k.key),
    properties: Object.fromEntries(keys.map((k) => [k.key, k.schema])),
  };
}

function closedMapping(value: unknown, path: JsonPath, source: Reporter, inner: readonly InnerKey[], what: string): Record<string, unknown> | undefined {
  const keys = inner.map((k) => k.key);
  if (!isJsonObject(value)) {
    source.error(path, `${what} must be a mapping with ${keys.join(", ")}, not ${kindOf(value)}`);
    return undefined;
  }
  const specs = keys.map((key) => ({ key, required: false, description: key }));
  checkKeys(value, { specs, unknown: (key, hint, allowed) => `unknown ${what} key "${key}"${hint}; allowed: ${allowed}` }, (at, message) => source.error([...path, ...at], message));
  return value;
}

function template(value: unknown, path: JsonPath, source: Reporter): string | undefined {
  if (typeof value !== "string") {
    source.error(path, `must be a template such as "{{userIdentity.arn}}", not ${kindOf(value)}`);
    return undefined;
  }
  const parsed = parseTemplate(value);
  if (typeof parsed === "string") source.error(path, parsed);
  return typeof parsed === "string" || !checkTemplatePaths(parsed, path, source) ? undefined : value;
}

function duration(value: unknown, path: JsonPath, source: Reporter): number | undefined {
  const seconds = parseDuration(value);
  if (typeof seconds === "string") source.error(path, seconds);
  return typeof seconds === "string" ? undefined : seconds;
}

export function checkDedupe(value: unknown, path: JsonPath, source: Reporter): DedupeOptions | undefined {
  const map = closedMapping(value, path, source, DEDUPE_KEYS, "dedupe");
  if (map === undefined) return undefined;
  const key = template(map.key, [...path, "key"], source);
  const windowSeconds = duration(map.window, [...path, "window"], source);
  return key !== undefined && windowSeconds !== undefined ? { key, windowSeconds } : undefined;
}

export function checkThrottle(value: unknown, path: JsonPath, source: Reporter): ThrottleOptions | undefined {
  const map = closedMapping(value, path, source, THROTTLE_KEYS, "throttle");
  if (map === undefined) return undefined;
  const limit = map.limit;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    source.error([...path, "limit"], `limit must be a whole number of alerts, at least 1, not ${kindOf(limit)}`);
    return undefined;
  }
  const windowSeconds = duration(map.window, [...path, "window"], source);
  const groupBy = map.groupBy === undefined ? undefined : template(map.groupBy, [...path, "groupBy"], source);
  if (windowSeconds === undefined || (map.groupBy !== undefined && groupBy === undefined)) return undefined;
  return { limit, windowSeconds, groupBy };
}
