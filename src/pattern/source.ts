import type { FieldCondition } from "./types.js";
import { isJsonObject, type JsonPath, type JsonValue } from "./json.js";

/** The value at `path` inside a pattern source (object keys and array indexes), if any. */
export function valueAt(root: JsonValue, path: JsonPath): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const part of path) {
    if (typeof part === "number") node = Array.isArray(node) ? node[part] : undefined;
    else node = isJsonObject(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * The elements of a field's value list as written, one per matcher: the compiler turns
 * each element of a valid pattern into exactly one matcher, in order.
 */
export function operandsOf(source: JsonValue, field: FieldCondition): JsonValue[] {
  const list = valueAt(source, field.at);
  const elements = Array.isArray(list) ? list : [];
  return field.matchers.map((m, i) => elements[i] ?? (m.kind === "absent" ? { exists: false } : m.operator));
}

/** `"Delete"`, `prefix "Delete"`, `exists false`, `anything-but {"prefix":"Get"}`: an operand as people read it. */
export function describeOperand(operand: JsonValue): string {
  if (!isJsonObject(operand)) return JSON.stringify(operand);
  const [name, value] = Object.entries(operand)[0] ?? ["?", null];
  return `${name} ${JSON.stringify(value)}`;
}

/**
 * Where the key `path[depth]` of a field sits in the source: `at` interleaves the field's
 * keys with `$or` and branch indexes, so walk both together.
 */
export function keyPathOf(field: FieldCondition, depth: number): JsonPath {
  let seen = -1;
  for (let i = 0; i < field.at.length; i++) {
    const part = field.at[i];
    const isOr = part === "$or" || (typeof part === "number" && field.at[i - 1] === "$or");
    if (!isOr && part === field.path[seen + 1]) seen++;
    if (seen === depth) return field.at.slice(0, i + 1);
  }
  return field.at;
}
