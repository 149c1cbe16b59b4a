import { gzipSync } from "node:zlib";

/**
 * Named generators for the inputs too big (1 MB strings, 10k-deep nesting, 10 MB YAML) or
 * too binary (gzip, invalid UTF-8) to commit. cases.json names them; they run at test time.
 */
export type Args = Readonly<Record<string, unknown>>;

/** A literal, or `prefix + repeat × times + suffix` so a megabyte value is one line of JSON. */
export type TextSpec = string | { readonly prefix?: string; readonly repeat: string; readonly times: number; readonly suffix?: string };

export const MEGABYTE = 1024 * 1024;

export function buildText(spec: TextSpec): string {
  if (typeof spec === "string") return spec;
  return `${spec.prefix ?? ""}${spec.repeat.repeat(spec.times)}${spec.suffix ?? ""}`;
}

function arg<T>(args: Args, key: string, type: "string" | "number" | "object"): T {
  const value = args[key];
  if (typeof value !== type || value === null) throw new Error(`generator argument "${key}" must be a ${type}, got ${JSON.stringify(value)}`);
  return value as T;
}

function textArg(args: Args, key: string): TextSpec {
  const value = args[key];
  if (typeof value === "string" || (typeof value === "object" && value !== null && "repeat" in value)) return value as TextSpec;
  throw new Error(`generator argument "${key}" must be a text spec, got ${JSON.stringify(value)}`);
}

function registry<T>(entries: readonly (readonly [string, T])[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [name, value] of entries) {
    if (map.has(name)) throw new Error(`generator "${name}" is registered twice`);
    map.set(name, value);
  }
  return map;
}

/** `depth` levels of `{"a": ...}` or `[...]` around `leaf`, built as text: JSON.stringify would overflow. */
export function nested(depth: number, kind: "object" | "array", leafJson: string): string {
  const [open, close] = kind === "object" ? ['{"a":', "}"] : ["[", "]"];
  return `${open.repeat(depth)}${leafJson}${close.repeat(depth)}`;
}

/**
 * The smallest nesting depth (at least 10,000) that overflows JSON.stringify on this thread.
 * The main thread's stack overflows near 10k levels, a worker thread's (Stryker runs vitest
 * in one) only deeper: "deep" cases use this depth, so they overflow wherever they run.
 */
export const OVERFLOW_DEPTH: number = (() => {
  for (let depth = 10_000; depth <= 10_240_000; depth *= 2) {
    try {
      JSON.stringify(JSON.parse(nested(depth, "array", "1")));
    } catch (error) {
      if (error instanceof RangeError) return depth;
      throw error;
    }
  }
  throw new Error("JSON.stringify did not overflow at 10M levels");
})();

/** A case's depth, raised to one that overflows the stack here (see OVERFLOW_DEPTH). */
export const deepAt = (depth: number): number => Math.max(depth, OVERFLOW_DEPTH);

type FieldGenerator = (args: Args) => Readonly<Record<string, string>>;

/** Each returns raw JSON text for dotted field paths of the hostile record. */
export const FIELD_GENERATORS: ReadonlyMap<string, FieldGenerator> = registry<FieldGenerator>([
  ["string", (a) => ({ [arg<string>(a, "path", "string")]: JSON.stringify(buildText(textArg(a, "text"))) })],
  ["deep", (a) => ({
    [arg<string>(a, "path", "string")]: nested(deepAt(arg<number>(a, "depth", "number")), a.kind === "array" ? "array" : "object", JSON.stringify(a.leaf ?? "leaf")),
  })],
  ["wide-array", (a) => ({ [arg<string>(a, "path", "string")]: `[${Array.from({ length: arg<number>(a, "count", "number") }, (_, i) => i).join(",")}]` })],
  ["big-key", (a) => ({ [arg<string>(a, "path", "string")]: `{${JSON.stringify(buildText(textArg(a, "key")))}:"v"}` })],
]);

type InputGenerator = (args: Args, expand: (text: string) => string) => Buffer;

function bytesOf(part: unknown, expand: (text: string) => string): Buffer {
  if (typeof part === "string") return Buffer.from(expand(part), "utf8");
  return Buffer.from(arg<string>(part as Args, "hex", "string"), "hex");
}

/** Whole `eval` inputs as bytes; `expand` fills in `{{valid}}` and `{{record}}`. */
export const INPUT_GENERATORS: ReadonlyMap<string, InputGenerator> = registry<InputGenerator>([
  ["gzip", (a, expand) => {
    const gz = gzipSync(expand(arg<string>(a, "text", "string")));
    const drop = typeof a.dropLast === "number" ? a.dropLast : 0;
    return gz.subarray(0, gz.length - drop);
  }],
  ["bytes", (a, expand) => Buffer.concat(arg<unknown[]>(a, "parts", "object").map((p) => bytesOf(p, expand)))],
]);

type PolicyGenerator = (args: Args) => string;

const POLICY_HEAD = "title: Hostile probe\nseverity: low\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n";

/** Policy YAML texts. */
export const POLICY_GENERATORS: ReadonlyMap<string, PolicyGenerator> = registry<PolicyGenerator>([
  ["big-yaml", (a) => {
    const head = `${POLICY_HEAD}description: "`;
    return `${head}${"x".repeat(Math.max(0, arg<number>(a, "bytes", "number") - head.length - 2))}"\n`;
  }],
  ["deep-yaml", (a) => {
    const depth = deepAt(arg<number>(a, "depth", "number"));
    const value = a.kind === "map" ? `${"{a: ".repeat(depth)}[x]${"}".repeat(depth)}` : `${"[".repeat(depth)}x${"]".repeat(depth)}`;
    return `${POLICY_HEAD}  requestParameters: ${value}\n`;
  }],
  ["many-stars", (a) => `${POLICY_HEAD}  eventName: [{ wildcard: ${JSON.stringify("*a".repeat(arg<number>(a, "stars", "number")))} }]\n`],
]);

export function lookupGenerator<T>(map: ReadonlyMap<string, T>, name: string): T {
  const found = map.get(name);
  if (found === undefined) throw new Error(`unknown generator "${name}"; known: ${[...map.keys()].join(", ")}`);
  return found;
}
