import { parsePattern, type CompiledPattern } from "../pattern/index.js";
import type { FieldCondition } from "../pattern/types.js";
import { isJsonObject, type JsonPath } from "../pattern/json.js";
import { kindOf } from "../text/describe.js";
import { didYouMean } from "../text/did-you-mean.js";
import { parseTemplate, type Template } from "../alert/template.js";
import { RECORD_VIEWS } from "../record/views.js";
import { keyPathOf } from "../pattern/source.js";
import { OUTCOMES, type FieldKind, type FieldSpec } from "./fields.js";
import { SEVERITIES } from "../record/severity.js";
import type { YamlSource } from "./yaml-source.js";
import { checkDedupe, checkThrottle } from "./noise-fields.js";
import { recordPathProblem } from "./record-paths.js";
import { checkTemplatePaths } from "./template-paths.js";

const MITRE_ID = /^T\d{4}(\.\d{3})?$/;

/** Checks one value; reports problems on `source` at `path`; returns the value when usable. */
export type Checker = (value: unknown, path: JsonPath, source: YamlSource) => unknown;

function text(value: unknown, path: JsonPath, source: YamlSource): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  source.error(path, typeof value === "string" ? "must not be empty" : `must be text, not ${kindOf(value)}`);
  return undefined;
}

function oneOf(allowed: readonly string[]): Checker {
  return (value, path, source) => {
    if (typeof value === "string" && allowed.includes(value)) return value;
    source.error(path, `must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}${typeof value === "string" ? didYouMean(value, allowed) : ""}`);
    return undefined;
  };
}

function strings(check: (item: string) => string | undefined): Checker {
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
export function pattern(value: unknown, path: JsonPath, source: YamlSource): CompiledPattern | undefined {
  const parsed = parsePattern(value);
  for (const issue of parsed.issues) source.error([...path, ...issue.path], issue.message);
  return parsed.pattern;
}

/** A pattern over the CloudTrail record and its views: paths no record has are errors. */
function recordPattern(value: unknown, path: JsonPath, source: YamlSource): CompiledPattern | undefined {
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

function patterns(value: unknown, path: JsonPath, source: YamlSource): CompiledPattern[] | undefined {
  if (!Array.isArray(value)) {
    source.error(path, `must be a list of patterns (write "- field: [value]"), not ${kindOf(value)}`);
    return undefined;
  }
  const compiled = value.map((item, i) => recordPattern(item, [...path, i], source));
  return compiled.every((c) => c !== undefined) ? (compiled as CompiledPattern[]) : undefined;
}

function template(value: unknown, path: JsonPath, source: YamlSource): Template | undefined {
  const raw = text(value, path, source);
  if (raw === undefined) return undefined;
  const parsed = parseTemplate(raw);
  if (typeof parsed === "string") source.error(path, parsed);
  return typeof parsed === "string" || !checkTemplatePaths(parsed, path, source) ? undefined : parsed;
}

export const CHECKERS: ReadonlyMap<FieldKind, Checker> = new Map<FieldKind, Checker>([
  ["id", text],
  ["text", text],
  ["severity", oneOf(SEVERITIES)],
  ["outcome", oneOf(OUTCOMES)],
  ["urls", strings((s) => (/^https:\/\/\S+$/.test(s) ? undefined : `"${s}" is not an https:// URL`))],
  ["mitre", strings((s) => (MITRE_ID.test(s) ? undefined : `"${s}" is not a MITRE ATT&CK technique id like T1562 or T1562.001`))],
  ["tags", strings((s) => (s.trim() === "" ? "tags must not be empty" : undefined))],
  ["pattern", recordPattern],
  ["patterns", patterns],
  ["template", template],
  ["tests", (value) => value],
  ["structure", (value) => value],
  ["dedupe", checkDedupe],
  ["throttle", checkThrottle],
  ["boolean", (value, path, source) => {
    if (typeof value === "boolean") return value;
    source.error(path, `must be true or false, not ${kindOf(value)}`);
    return undefined;
  }],
]);

/** Checks a mapping against a closed field list: unknown keys, missing keys, each value's kind. */
export function checkFields(doc: unknown, fields: readonly FieldSpec[], source: YamlSource, what: string): Map<string, unknown> | undefined {
  if (!isJsonObject(doc)) {
    source.error([], `a ${what} file must be a YAML mapping of keys (${fields.filter((f) => f.required).map((f) => f.key).join(", ")}, ...), not ${kindOf(doc)}`);
    return undefined;
  }
  const known = new Map(fields.map((f) => [f.key, f]));
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(doc)) {
    const spec = known.get(key);
    if (spec === undefined) {
      source.error([key], `unknown key "${key}"${didYouMean(key, known.keys())}; allowed: ${[...known.keys()].join(", ")}`);
      continue;
    }
    const checked = (CHECKERS.get(spec.kind) as Checker)(value, [key], source);
    if (checked !== undefined) values.set(key, checked);
  }
  for (const spec of fields) {
    if (spec.required && !Object.hasOwn(doc, spec.key)) source.error([], `missing required key "${spec.key}" (${spec.description})`);
  }
  return values;
}
