import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isJsonObject } from "../pattern/json.js";
import { parseDuration } from "../policy/noise-options.js";
import { kindOf } from "../text/describe.js";
import type { Diagnostic } from "../policy/diagnostics.js";
import { SILENCES_FILE, type PolicySource } from "../policy/load.js";
import { YamlSource } from "../policy/yaml-source.js";
import { viewPattern } from "../routing/config.js";
import { checkKeys } from "../policy/closed-keys.js";
import { MAX_SILENCE_SECONDS, type Silence } from "./types.js";


const KEYS = ["id", "match", "start", "end", "reason", "by", "holdCritical", "max"] as const;
export const SILENCE_ID = /^[A-Za-z0-9][\w.-]{0,63}$/;

type At = (string | number)[];

/** An ISO-8601 instant with a zone (`2026-11-20T16:00:00Z`): a zone-less time means something different per reader. */
export function parseInstant(value: unknown): Date | string {
  if (typeof value !== "string") return `must be an ISO-8601 time like 2026-11-20T16:00:00Z, not ${kindOf(value)}`;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(Date.parse(value))) {
    return `must be an ISO-8601 time with a zone, like 2026-11-20T16:00:00Z, not ${JSON.stringify(value)}`;
  }
  return new Date(value);
}

/** The longest a silence may last: 7 days unless `max` says more. */
export function checkSpan(start: Date, end: Date, max: number | undefined): string | undefined {
  if (end.getTime() <= start.getTime()) return `end ${end.toISOString()} is not after start ${start.toISOString()}`;
  const limit = max ?? MAX_SILENCE_SECONDS;
  const seconds = (end.getTime() - start.getTime()) / 1000;
  if (seconds > limit) return `lasts ${(seconds / 86400).toFixed(1)}d, longer than ${limit / 86400}d${max === undefined ? ": shorten it, or allow more with max: 14d" : ""}`;
  return undefined;
}

function text(entry: Record<string, unknown>, key: string, at: At, source: YamlSource): string | undefined {
  const value = entry[key];
  if (value === undefined) return void source.error(at, `missing required key "${key}"`);
  if (typeof value === "string" && value.trim() !== "") return value;
  return void source.error([...at, key], `${key} must be non-empty text, not ${kindOf(value)}`);
}

function instant(entry: Record<string, unknown>, key: "start" | "end", at: At, source: YamlSource): Date | undefined {
  if (entry[key] === undefined) {
    const why = key === "end" ? "a silence without an end would hold alerts forever" : "say when it starts";
    return void source.error(at, `missing required key "${key}": ${why}`);
  }
  const parsed = parseInstant(entry[key]);
  if (typeof parsed === "string") return void source.error([...at, key], `${key} ${parsed}`);
  return parsed;
}

function parseEntry(entry: unknown, at: At, source: YamlSource, now: Date, seen: Set<string>): Silence | undefined {
  if (!isJsonObject(entry)) return void source.error(at, `a silence is a mapping with id, match, start, end, reason and by, not ${kindOf(entry)}`);
  // Missing keys are reported by each key's own check below, with why it is needed.
  checkKeys(entry, { specs: KEYS.map((key) => ({ key, required: false, description: key })) }, (path, message) => source.error([...at, ...path], message));
  const id = text(entry, "id", at, source);
  if (id !== undefined && !SILENCE_ID.test(id)) source.error([...at, "id"], `id must be letters, digits, ".", "_" or "-" (at most 64), not ${JSON.stringify(id)}`);
  if (id !== undefined && seen.has(id)) source.error([...at, "id"], `duplicate silence id "${id}"`);
  if (id !== undefined) seen.add(id);
  const match = entry.match === undefined ? void source.error(at, `missing required key "match" (a pattern over the alert, e.g. { policy: [ssm-contacts.contact-deleted] })`) : viewPattern(entry.match, [...at, "match"], source, "silences");
  const [start, end] = [instant(entry, "start", at, source), instant(entry, "end", at, source)];
  const [reason, by] = [text(entry, "reason", at, source), text(entry, "by", at, source)];
  const max = entry.max === undefined ? undefined : parseDuration(entry.max, 365 * 86400);
  if (typeof max === "string") source.error([...at, "max"], max);
  if (entry.holdCritical !== undefined && typeof entry.holdCritical !== "boolean") source.error([...at, "holdCritical"], "holdCritical must be true or false");
  if (start === undefined || end === undefined) return undefined;
  const span = checkSpan(start, end, typeof max === "number" ? max : undefined);
  if (span !== undefined) source.error([...at, "end"], span);
  if (end.getTime() <= now.getTime()) source.warn([...at, "end"], `silence "${id ?? "?"}" ended at ${end.toISOString()}: it holds nothing; remove it`);
  if (id === undefined || match === undefined || reason === undefined || by === undefined || span !== undefined) return undefined;
  return { id, match, start: start.toISOString(), end: end.toISOString(), reason, creator: by, holdCritical: entry.holdCritical === true, origin: "code" };
}

/** Parses `silences.yml`; every problem is a positioned diagnostic (an ended silence is a warning). */
export function loadSilencesText(text: string, file: string, now: Date): { silences: Silence[]; diagnostics: Diagnostic[] } {
  const source = new YamlSource(file, text);
  const doc = source.value;
  if (doc === undefined || doc === null) return { silences: [], diagnostics: source.diagnostics };
  if (!isJsonObject(doc) || !Array.isArray(doc.silences)) {
    source.error(isJsonObject(doc) && doc.silences !== undefined ? ["silences"] : [], "a silences file is a mapping with one key, silences: a list of silences");
    return { silences: [], diagnostics: source.diagnostics };
  }
  for (const key of Object.keys(doc)) if (key !== "silences") source.error([key], `unknown key "${key}"; a silences file has only silences:`);
  const seen = new Set<string>();
  const silences = doc.silences.map((entry, i) => parseEntry(entry, ["silences", i], source, now, seen)).filter((s): s is Silence => s !== undefined);
  const failed = source.diagnostics.some((d) => d.level === "error");
  // One broken silence voids the file: holding half of what someone declared is worse than a loud error.
  return { silences: failed ? [] : silences, diagnostics: source.diagnostics };
}

export interface DeclaredSilences {
  readonly silences: Silence[];
  readonly diagnostics: Diagnostic[];
}

/** `silences.yml` among bundled or listed rule sources (absent = none declared). */
export function declaredSilences(sources: readonly PolicySource[], now: Date): DeclaredSilences {
  const file = sources.find((s) => s.relative === SILENCES_FILE);
  return file === undefined ? { silences: [], diagnostics: [] } : loadSilencesText(file.text, file.display, now);
}

/** `<rulesDir>/local/silences.yml` from disk. */
export function loadSilencesFile(rulesDir: string, now: Date): DeclaredSilences {
  const file = path.join(rulesDir, SILENCES_FILE);
  if (!existsSync(file)) return { silences: [], diagnostics: [] };
  return loadSilencesText(readFileSync(file, "utf8"), path.relative(process.cwd(), file) || file, now);
}
