/**
 * Alert text templates: literal text with `{{dotted.path}}` holes, e.g.
 * `{{userIdentity.arn}} deleted {{requestParameters.contactChannelId}}`. A hole is only
 * ever a path lookup (no expressions, no code), so a template cannot execute anything.
 */
export type TemplatePart = { readonly text: string } | { readonly path: readonly (string | number)[]; readonly source: string };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

const PATH = /^[A-Za-z_$@][\w$@-]*(?:\.[A-Za-z_$@][\w$@-]*|\[\d+\])*$/;
/** A rendered value longer than this is cut, so one huge field cannot swamp a message. */
export const MAX_VALUE_CHARS = 1000;

function parsePath(source: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const match of source.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
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
    const inner = rest.slice(open + 2, close).trim();
    if (!PATH.test(inner)) {
      return `"{{${inner}}}" is not a field path: write a dotted path such as {{requestParameters.contactId}}`;
    }
    parts.push({ path: parsePath(inner), source: inner });
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
 * renders visibly as `<missing:path>`, never as "undefined".
 */
export function renderTemplate(template: Template, record: unknown, roots: Readonly<Record<string, unknown>> = {}, options: RenderOptions = {}): string {
  let out = "";
  for (const part of template.parts) {
    if ("text" in part) {
      out += part.text;
      continue;
    }
    const [head] = part.path;
    const value = typeof head === "string" && Object.hasOwn(roots, head) ? lookup(roots, part.path) : lookup(record, part.path);
    const text = value === undefined || value === null ? `<missing:${part.source}>` : show(value);
    out += options.value ? options.value(text) : text;
  }
  return out;
}
