/**
 * A small JSON Schema (draft-07) checker for the keywords Trailwatch's generated schemas use,
 * so a test can ask "would an editor accept this file?" without a validator dependency.
 * Unknown keywords throw: a schema that grows a keyword must grow this too, never pass quietly.
 */
type Node = Record<string, unknown>;

const KNOWN = new Set(["$schema", "$id", "title", "description", "definitions", "type", "enum", "const", "pattern", "not", "minLength", "minItems", "maxItems", "minProperties", "maxProperties", "minimum", "properties", "required", "additionalProperties", "items", "anyOf", "oneOf", "$ref"]);

function typeOk(type: string, value: unknown): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  if (type === "null") return value === null;
  return typeof value === type;
}

export function acceptsJson(root: Node, value: unknown, node: Node = root): boolean {
  for (const key of Object.keys(node)) if (!KNOWN.has(key)) throw new Error(`schema keyword "${key}" is not handled`);
  const ref = node.$ref;
  if (typeof ref === "string") return acceptsJson(root, value, (root.definitions as Record<string, Node>)[ref.replace("#/definitions/", "")] ?? {});
  const types = node.type === undefined ? undefined : ([] as string[]).concat(node.type as string | string[]);
  if (types && !types.some((t) => typeOk(t, value))) return false;
  if (node.enum && !(node.enum as unknown[]).includes(value)) return false;
  if ("const" in node && node.const !== value) return false;
  if (node.not && acceptsJson(root, value, node.not as Node)) return false;
  if (node.anyOf && !(node.anyOf as Node[]).some((n) => acceptsJson(root, value, n))) return false;
  if (node.oneOf && (node.oneOf as Node[]).filter((n) => acceptsJson(root, value, n)).length !== 1) return false;
  if (typeof value === "string") {
    if (typeof node.pattern === "string" && !new RegExp(node.pattern, "u").test(value)) return false;
    if (typeof node.minLength === "number" && value.length < node.minLength) return false;
  }
  if (typeof value === "number" && typeof node.minimum === "number" && value < node.minimum) return false;
  if (Array.isArray(value)) {
    if (typeof node.minItems === "number" && value.length < node.minItems) return false;
    if (typeof node.maxItems === "number" && value.length > node.maxItems) return false;
    if (node.items && !value.every((v) => acceptsJson(root, v, node.items as Node))) return false;
  }
  if (typeTest(value)) {
    const entries = Object.entries(value as Node);
    const props = (node.properties ?? {}) as Record<string, Node>;
    if (typeof node.minProperties === "number" && entries.length < node.minProperties) return false;
    if (typeof node.maxProperties === "number" && entries.length > node.maxProperties) return false;
    if (node.required && !(node.required as string[]).every((k) => Object.hasOwn(value as Node, k))) return false;
    for (const [k, v] of entries) {
      const sub = props[k] ?? node.additionalProperties;
      if (sub === false) return false;
      if (sub !== undefined && sub !== true && !acceptsJson(root, v, sub as Node)) return false;
    }
  }
  return true;
}

const typeTest = (value: unknown): boolean => typeof value === "object" && value !== null && !Array.isArray(value);
