import { parsePattern, type CompiledPattern } from "../pattern/index.js";
import type { FieldCondition } from "../pattern/types.js";
import type { JsonPath } from "../pattern/json.js";
import { kindOf } from "../text/describe.js";
import { didYouMean } from "../text/did-you-mean.js";
import { parseTemplate, type Template } from "../alert/template.js";
import { RECORD_VIEWS } from "../record/views.js";
import { keyPathOf } from "../pattern/source.js";
import type { Reporter } from "./yaml-source.js";
import { recordPathProblem } from "./record-paths.js";
import { checkTemplatePaths } from "./template-paths.js";

/** MITRE ATT&CK technique ids: validation and the JSON Schema share this. */
export const MITRE_ID = /^T\d{4}(\.\d{3})?$/;
/** Reference links: https only (they become Slack links). */
export const HTTPS_URL = /^https:\/\/\S+$/;
/** Destination config values (trailwatch.yml): validation and the routing JSON Schema share these. */
export const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** Group 1 is the topic's region. */
export const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
export const SLACK_CHANNEL = /^[#@]?[\w.-]+$/;
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
export const SLACK_GROUP_ID = /^S[A-Z0-9]{2,}$/;

/** Checks one value; reports problems on `source` at `path`; returns the value when usable. */
export type Checker = (value: unknown, path: JsonPath, source: Reporter) => unknown;

export function text(value: unknown, path: JsonPath, source: Reporter): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  source.error(path, typeof value === "string" ? "must not be empty" : `must be text, not ${kindOf(value)}`);
  return undefined;
}

/** Text matching `re`; `expected` names the form with an example, e.g. "an AWS region like us-east-1". */
export function matching(re: RegExp, expected: string): Checker {
  return (value, path, source) => {
    if (typeof value === "string" && re.test(value)) return value;
    source.error(path, `must be ${expected}, not ${typeof value === "string" ? JSON.stringify(value) : kindOf(value)}`);
    return undefined;
  };
}

export function oneOf(allowed: readonly string[]): Checker {
  return (value, path, source) => {
    if (typeof value === "string" && allowed.includes(value)) return value;
    source.error(path, `must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}${typeof value === "string" ? didYouMean(value, allowed) : ""}`);
    return undefined;
  };
}

export function strings(check: (item: string) => string | undefined): Checker {
  return (value, path, source) => {
    if (!Array.isArray(value)) {
      source.error(path, `must be a list, not ${kindOf(value)}`);
      return undefined;
    }
    const ok = value.every((item, i) => {
      const problem = typeof item === "string" ? check(item) : `must be text, not ${kindOf(item)}`;
      if (problem !== undefined) source.error([...path, i], problem);
      return problem === undefined;
    });
    return ok ? (value as string[]) : undefined;
  };
}

/** Where a field asks for something no record has: an unknown record or view key, or a view value outside its set. */
function neverHolds(field: FieldCondition): { at: JsonPath; message: string } | undefined {
  const problem = recordPathProblem(field.path);
  if (problem !== undefined) {
    const depth = RECORD_VIEWS.has(field.path[0] ?? "") && field.path.length > 1 ? 1 : 0;
    return { at: keyPathOf(field, depth), message: problem };
  }
  const [view, key] = field.path;
  const allowed = key === undefined ? undefined : RECORD_VIEWS.get(view ?? "")?.values?.[key];
  if (allowed === undefined || field.absent || allowed.some((v) => field.tests.some((test) => test(v)))) return undefined;
  return { at: field.at, message: `${view}.${key} is always one of ${allowed.join(", ")}, and no value here matches any of them, so this never matches` };
}

/** Any EventBridge pattern (routing matches alerts, not records, with this). */
export function pattern(value: unknown, path: JsonPath, source: Reporter): CompiledPattern | undefined {
  const parsed = parsePattern(value);
  for (const issue of parsed.issues) source.error([...path, ...issue.path], issue.message);
  return parsed.pattern;
}

/** A pattern over the CloudTrail record and its views: paths no record has are errors. */
export function recordPattern(value: unknown, path: JsonPath, source: Reporter): CompiledPattern | undefined {
  const parsed = parsePattern(value);
  for (const issue of parsed.issues) source.error([...path, ...issue.path], issue.message);
  const seen = new Set<string>();
  for (const field of parsed.pattern?.branches.flat() ?? []) {
    const found = neverHolds(field);
    // $or branches share fields: report each place once.
    if (found === undefined || seen.has(JSON.stringify(found.at))) continue;
    seen.add(JSON.stringify(found.at));
    source.error([...path, ...found.at], found.message);
  }
  return parsed.pattern;
}

export function patterns(value: unknown, path: JsonPath, source: Reporter): CompiledPattern[] | undefined {
  if (!Array.isArray(value)) {
    source.error(path, `must be a list of patterns (write "- field: [value]"), not ${kindOf(value)}`);
    return undefined;
  }
  const compiled = value.map((item, i) => recordPattern(item, [...path, i], source));
  return compiled.every((c) => c !== undefined) ? (compiled as CompiledPattern[]) : undefined;
}

export function template(value: unknown, path: JsonPath, source: Reporter): Template | undefined {
  const raw = text(value, path, source);
  if (raw === undefined) return undefined;
  const parsed = parseTemplate(raw);
  if (typeof parsed === "string") source.error(path, parsed);
  return typeof parsed === "string" || !checkTemplatePaths(parsed, path, source) ? undefined : parsed;
}

export function boolean(value: unknown, path: JsonPath, source: Reporter): boolean | undefined {
  if (typeof value === "boolean") return value;
  source.error(path, `must be true or false, not ${kindOf(value)}`);
  return undefined;
}
