/**
 * What a value is, for messages (`typeof` alone calls both null and arrays "object").
 * Three vocabularies, because three audiences read them: policy authors write YAML
 * ("a list", "a mapping"), pattern authors write JSON ("an array", "an object"), and the
 * input reader names the JSON type alone.
 */

/** YAML words, for policy, tune and routing files: `a list`, `a mapping`, `string "x"`. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** JSON words, for event patterns: `null`, `an array`, `an object`, `number 5`. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** The JSON type alone, for input records: `null`, `an array`, `string`. */
export function jsonType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
