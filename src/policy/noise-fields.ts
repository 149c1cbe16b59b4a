import { isJsonObject, type JsonPath } from "../pattern/json.js";
import { parseTemplate } from "../alert/template.js";
import { parseDuration, type DedupeOptions, type ThrottleOptions } from "./noise-options.js";
import { kindOf } from "../text/describe.js";
import { checkKeys } from "./closed-keys.js";
import { checkTemplatePaths } from "./template-paths.js";
import type { Reporter } from "./yaml-source.js";

function closedMapping(value: unknown, path: JsonPath, source: Reporter, keys: readonly string[], what: string): Record<string, unknown> | undefined {
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
  const map = closedMapping(value, path, source, ["key", "window"], "dedupe");
  if (map === undefined) return undefined;
  const key = template(map.key, [...path, "key"], source);
  const windowSeconds = duration(map.window, [...path, "window"], source);
  return key !== undefined && windowSeconds !== undefined ? { key, windowSeconds } : undefined;
}

export function checkThrottle(value: unknown, path: JsonPath, source: Reporter): ThrottleOptions | undefined {
  const map = closedMapping(value, path, source, ["limit", "window", "groupBy"], "throttle");
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
