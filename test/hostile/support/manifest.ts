import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../support/shared.js";
import { FIELD_GENERATORS, INPUT_GENERATORS, lookupGenerator, POLICY_GENERATORS, type Args, type TextSpec } from "./generators.js";

/**
 * test/fixtures/hostile/cases.json: every hostile case, its input and its expected outcome.
 * Event cases run through `eval` and the handler, policy cases through `validate`, wildcard
 * cases through the matcher, `eval` and the handler.
 */
export const HOSTILE_DIR = path.join(repoRoot, "test/fixtures/hostile");
export const RULES_DIR = path.join(repoRoot, "test/fixtures/rules");
/** Alerts one valid record (root deletes a channel from the internet) raises under RULES_DIR. */
export const VALID_ALERTS = 3;

export interface GeneratorRef {
  readonly generator: string;
  readonly args?: Args;
}

export interface EventExpect {
  /** Alerts the hostile part raises through `eval` and (unless `handler` says otherwise) the handler. */
  readonly alerts?: number;
  /** `eval` exit code (0 when omitted). */
  readonly exit?: number;
  /** One regex per line `eval` writes to stderr, in order; none when omitted. */
  readonly problems?: readonly string[];
  /** Policy id (or `*` for every policy) -> regex each of its hostile alerts' summary matches. */
  readonly summaries?: Readonly<Record<string, string>>;
  /** The handler drops the event (normal return, no delivery); the reason matches this regex. */
  readonly dropped?: string;
  /** The handler's outcome when it differs from `eval`'s (it sees one event, not a file). */
  readonly handler?: { readonly alerts?: number; readonly dropped?: string };
}

export interface EventCase {
  readonly name: string;
  readonly category: string;
  /** The hostile record: replaces the base record (root deletes a contact channel). */
  readonly record?: unknown;
  /** The hostile record as JSON text (duplicate keys, numbers JSON.parse would change). */
  readonly recordText?: string;
  /** Top-level fields set on (or, for `omit`, removed from) the base record. */
  readonly patch?: Readonly<Record<string, unknown>>;
  readonly omit?: readonly string[];
  /** Dotted field paths set to raw JSON text, e.g. `{"eventTime": "-0"}`. */
  readonly raw?: Readonly<Record<string, string>>;
  /** Field generators whose raw JSON joins `raw`. */
  readonly generate?: readonly GeneratorRef[];
  /** A whole input instead of a record; `{{valid}}` and `{{record}}` expand to records. */
  readonly input?: { readonly text?: string; readonly file?: string } & Partial<GeneratorRef>;
  /** false: the hostile record is already an EventBridge event; the handler gets it as is. */
  readonly envelope?: boolean;
  readonly expect: EventExpect;
  /** Known bugs outside this suite's files: that side runs as `it.fails` until fixed. */
  readonly bugs?: { readonly eval?: string; readonly handler?: string };
}

export interface PolicyCase {
  readonly name: string;
  readonly category: string;
  /** Where the file goes inside the temporary rules directory. */
  readonly path: string;
  readonly text?: string;
  /** Relative to test/fixtures/hostile. */
  readonly file?: string;
  readonly generator?: string;
  readonly args?: Args;
  readonly expect: { readonly exit: number; readonly output?: readonly string[]; readonly policies?: number };
}

export interface WildcardCase {
  readonly name: string;
  readonly category: string;
  readonly pattern: TextSpec;
  readonly text: TextSpec;
  readonly expect: { readonly match: boolean };
}

export interface Manifest {
  readonly events: readonly EventCase[];
  readonly policies: readonly PolicyCase[];
  readonly wildcards: readonly WildcardCase[];
}

const KEYS: Readonly<Record<keyof Manifest, readonly string[]>> = {
  events: ["name", "category", "record", "recordText", "patch", "omit", "raw", "generate", "input", "envelope", "expect", "bugs"],
  policies: ["name", "category", "path", "text", "file", "generator", "args", "expect"],
  wildcards: ["name", "category", "pattern", "text", "expect"],
};

const EXPECT_KEYS: Readonly<Record<keyof Manifest, readonly string[]>> = {
  events: ["alerts", "exit", "problems", "summaries", "dropped", "handler"],
  policies: ["exit", "output", "policies"],
  wildcards: ["match"],
};

/** A closed schema: a typo in cases.json fails loudly instead of silently testing nothing. */
function checkManifest(manifest: Manifest): void {
  const names = new Set<string>();
  for (const kind of Object.keys(KEYS) as (keyof Manifest)[]) {
    for (const c of manifest[kind]) {
      const unknown = Object.keys(c).filter((k) => !KEYS[kind].includes(k));
      unknown.push(...Object.keys(c.expect).filter((k) => !EXPECT_KEYS[kind].includes(k)).map((k) => `expect.${k}`));
      if (unknown.length > 0) throw new Error(`cases.json ${kind} "${c.name}": unknown key(s) ${unknown.join(", ")}`);
      if (names.has(c.name)) throw new Error(`cases.json: duplicate case name "${c.name}"`);
      names.add(c.name);
    }
  }
}

export function loadManifest(): Manifest {
  const manifest = JSON.parse(readFileSync(path.join(HOSTILE_DIR, "cases.json"), "utf8")) as Manifest;
  checkManifest(manifest);
  return manifest;
}

const BASE_RECORD = readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.json"), "utf8");
/** Root deletes a contact channel from a public address: a fresh copy each time. */
const baseRecord = (): Record<string, unknown> => JSON.parse(BASE_RECORD) as Record<string, unknown>;

/** The base record with its own eventID: the valid records every batch must still alert on. */
export function validRecordText(eventId: string): string {
  return JSON.stringify({ ...baseRecord(), eventID: eventId });
}

const EVENTBRIDGE_HEAD = '{"version":"0","id":"7d1f2e3c-hostile","detail-type":"AWS API Call via CloudTrail","source":"aws.ssm-contacts",'
  + '"account":"111122223333","time":"2026-11-20T10:15:42Z","region":"us-east-1","resources":[],"detail":';

/** An EventBridge "AWS API Call via CloudTrail" event around a record's JSON text. */
export function envelopeText(recordText: string): string {
  return `${EVENTBRIDGE_HEAD}${recordText}}`;
}

const placeholder = (field: string): string => `@@raw:${field}@@`;

/** Sets a dotted path, creating plain objects on the way; our own paths only, never `__proto__`. */
function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  if (parts.some((p) => p === "__proto__")) throw new Error(`raw path "${dotted}" may not go through __proto__`);
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    node[part] = typeof next === "object" && next !== null && !Array.isArray(next) ? { ...(next as object) } : {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1) as string] = value;
}

/** The hostile record's JSON text; built as text so 10k-deep values never pass through JSON.stringify. */
export function hostileRecordText(c: EventCase): string {
  if (c.recordText !== undefined) return c.recordText;
  const start = c.record !== undefined ? c.record : { ...baseRecord(), ...c.patch };
  const raw: Record<string, string> = { ...c.raw };
  for (const ref of c.generate ?? []) Object.assign(raw, lookupGenerator(FIELD_GENERATORS, ref.generator)(ref.args ?? {}));
  if (typeof start !== "object" || start === null || Array.isArray(start)) return JSON.stringify(start);
  const record = { ...(start as Record<string, unknown>) };
  for (const key of c.omit ?? []) delete record[key];
  for (const field of Object.keys(raw)) setPath(record, field, placeholder(field));
  let text = JSON.stringify(record);
  for (const [field, json] of Object.entries(raw)) text = text.replace(JSON.stringify(placeholder(field)), () => json);
  return text;
}

/** `{{valid}}` becomes a valid record with a fresh eventID (collected in `validIds`), `{{record}}` the base record. */
export function expandInput(text: string, validIds: string[]): string {
  return text.replace(/\{\{(valid|record)\}\}/g, (_m, which: string) => {
    if (which === "record") return JSON.stringify(baseRecord());
    const id = `valid-inline-${validIds.length + 1}`;
    validIds.push(id);
    return validRecordText(id);
  });
}

/** An `input` case's bytes, with the eventIDs of the valid records inside it. */
export function inputBytes(c: EventCase): { bytes: Buffer; validIds: string[] } {
  const validIds: string[] = [];
  const input = c.input ?? {};
  const expand = (text: string): string => expandInput(text, validIds);
  if (input.generator !== undefined) return { bytes: lookupGenerator(INPUT_GENERATORS, input.generator)(input.args ?? {}, expand), validIds };
  const text = input.file !== undefined ? readFileSync(path.join(HOSTILE_DIR, input.file), "utf8") : (input.text ?? "");
  return { bytes: Buffer.from(expand(text), "utf8"), validIds };
}

export function policyText(c: PolicyCase): string {
  if (c.generator !== undefined) return lookupGenerator(POLICY_GENERATORS, c.generator)(c.args ?? {});
  if (c.file !== undefined) return readFileSync(path.join(HOSTILE_DIR, c.file), "utf8");
  return c.text ?? "";
}
