/**
 * Alert text templates: literal text with `{{dotted.path}}` holes, e.g.
 * `{{userIdentity.arn}} deleted {{requestParameters.contactChannelId}}`. A hole is only
 * ever a path lookup (no expressions, no code), so a template cannot execute anything.
 * A hole may name fallbacks, tried in order when a value is absent (missing, null, or text
 * that is empty or only whitespace, which would show as nothing at all):
 * `{{requestParameters.contactId | requestParameters.contactChannelId | "not given"}}`.
 */
export type TemplatePath = readonly (string | number)[];
/** A fallback: another path, or quoted text shown as written. */
export type Fallback = { readonly path: TemplatePath; readonly source: string } | { readonly literal: string };
export type TemplatePart =
  | { readonly text: string }
  | { readonly path: TemplatePath; readonly source: string; readonly fallbacks: readonly Fallback[] };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

const PATH = /^[A-Za-z_$@][\w$@-]*(?:\.[A-Za-z_$@][\w$@-]*|\[\d+\])*$/;
/** A rendered value longer than this is cut, so one huge field cannot swamp a message. */
export const MAX_VALUE_CHARS = 1000;

/** `"none"` or `'none'`: no quotes or braces inside, so the text can never open a hole. */
const LITERAL = /^(?:"([^"{}]*)"|'([^'{}]*)')$/;

function parsePath(source: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of source.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

function parseHole(inner: string): TemplatePart | string {
  const [first = "", ...rest] = inner.split("|").map((s) => s.trim());
  if (!PATH.test(first)) {
    return `"{{${inner}}}" is not a field path: write a dotted path such as {{requestParameters.contactId}}, optionally with fallbacks: {{a.b | c.d | "none"}}`;
  }
  const fallbacks: Fallback[] = [];
  for (const [i, alt] of rest.entries()) {
    const literal = LITERAL.exec(alt);
    if (literal !== null && i === rest.length - 1) fallbacks.push({ literal: literal[1] ?? literal[2] ?? "" });
    else if (literal !== null) return `"{{${inner}}}": the quoted fallback ${alt} must come last (nothing after it is ever used)`;
    else if (PATH.test(alt)) fallbacks.push({ path: parsePath(alt), source: alt });
    else return `"{{${inner}}}": fallback ${JSON.stringify(alt)} is neither a field path nor quoted text like "none"`;
  }
  return { path: parsePath(first), source: first, fallbacks };
}

/** Every path a template reads, fallbacks included, with the text written for it. */
export function templatePaths(template: Template): { path: TemplatePath; source: string }[] {
  return template.parts.flatMap((part) => ("text" in part ? [] : [part, ...part.fallbacks.filter((f): f is Exclude<Fallback, { literal: string }> => "path" in f)]))
    .map((p) => ({ path: p.path, source: p.source }));
}

/** Parses a template; returns a message saying what is wrong when it is malformed. */
export function parseTemplate(source: string): Template | string {
  const parts: TemplatePart[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf("{{");
    const strayClose = rest.indexOf("}}");
    if (strayClose >= 0 && (open < 0 || strayClose < open)) return `"}}" without a matching "{{"`;
    if (open < 0) {
      parts.push({ text: rest });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const close = rest.indexOf("}}", open + 2);
    if (close < 0) return `"{{" is never closed with "}}"`;
    const hole = parseHole(rest.slice(open + 2, close).trim());
    if (typeof hole === "string") return hole;
    parts.push(hole);
    rest = rest.slice(close + 2);
  }
  return { source, parts };
}

/** Follows a path through own properties only (never the prototype chain). */
export function lookup(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** Shown for a value too deeply nested to serialise (JSON.parse accepts depths JSON.stringify cannot). */
export const TOO_DEEP = "[value nested too deeply to show]";

function serialise(value: unknown): string {
  // String(): JSON.stringify writes an out-of-range number (`1e400` parses to Infinity) as "null".
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (cause) {
    // JSON.stringify recurses: a 10,000-deep field overflows the stack, and one field must not sink the alert.
    if (cause instanceof RangeError) return TOO_DEEP;
    throw cause;
  }
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : serialise(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…[truncated]` : text;
}

export interface RenderOptions {
  /** Applied to each looked-up value (never to the template's own text), e.g. to keep it on one line. */
  readonly value?: (text: string) => string;
}

/**
 * Renders against named roots (`actor`, ...) first, then the record. A missing value
 * (absent or null) takes the hole's first fallback that has one; with none, it renders
 * visibly as `<missing:path>`, never as "undefined".
 */
export function renderTemplate(template: Template, record: unknown, roots: Readonly<Record<string, unknown>> = {}, options: RenderOptions = {}): string {
  let out = "";
  for (const part of template.parts) {
    if ("text" in part) {
      out += part.text;
      continue;
    }
    const text = holeText(part, record, roots);
    out += options.value ? options.value(text) : text;
  }
  return out;
}

function valueAt(path: TemplatePath, record: unknown, roots: Readonly<Record<string, unknown>>): unknown {
  const [head] = path;
  const value = typeof head === "string" && Object.hasOwn(roots, head) ? lookup(roots, path) : lookup(record, path);
  return value === null ? undefined : value;
}

/** A value a reader would not see: absent, or text of nothing but whitespace. */
const blank = (value: unknown): boolean => value === undefined || (typeof value === "string" && value.trim() === "");

function holeText(part: Exclude<TemplatePart, { text: string }>, record: unknown, roots: Readonly<Record<string, unknown>>): string {
  const first = valueAt(part.path, record, roots);
  if (!blank(first)) return show(first);
  for (const fallback of part.fallbacks) {
    if ("literal" in fallback) return fallback.literal;
    const value = valueAt(fallback.path, record, roots);
    if (!blank(value)) return show(value);
  }
  // No fallback applies: blank text stays as it was (the policy asked for no substitute).
  return first === undefined ? `<missing:${part.source}>` : show(first);
}
