import { isJsonObject, isJsonPrimitive, type JsonObject, type JsonPath, type JsonPrimitive, type JsonValue } from "./json.js";
import { InvalidPatternError, type PatternIssue } from "./issues.js";
import { ipInRange, ipToHex } from "./ip.js";
import { leafTest, type LeafMatcher, type LeafTest } from "./leaf.js";
import type { CompiledPattern, Conjunction } from "./types.js";
import { matchBranches } from "./match.js";
import { operators } from "./operators/registry.js";
import { didYouMean } from "../text/did-you-mean.js";
import { OPERATOR_ALIASES } from "./aliases.js";

/** $or multiplies out; beyond this many combinations a pattern is rejected (as EventBridge does). */
export const MAX_BRANCHES = 1000;

/**
 * Field names aws/event-ruler refuses anywhere inside an `$or` branch (Constants.java
 * RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP): operator names, numeric comparisons and
 * keywords it keeps for future operators. Outside `$or` they are ordinary field names.
 */
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
  "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case",
  "date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
  "ip-address-in-range", "ip-address-not-in-range",
]);

class PatternParser {
  readonly issues: PatternIssue[] = [];

  object(value: JsonValue, at: JsonPath, fieldPath: readonly string[], inOr = false): Conjunction[] {
    if (!isJsonObject(value) || Object.keys(value).length === 0) {
      this.issues.push({ path: at, message: isJsonObject(value) ? "empty objects are not allowed in a pattern" : "a pattern must be a JSON object" });
      return [];
    }
    let product: Conjunction[] = [[]];
    for (const [key, child] of Object.entries(value)) {
      if (inOr && RESERVED_IN_OR.has(key)) {
        this.issues.push({ path: [...at, key], message: `"${key}" is reserved inside $or (an operator name), so it cannot be a field name there` });
        continue;
      }
      const alternatives = key === "$or"
        ? this.or(child, [...at, key], fieldPath)
        : this.field(child, [...at, key], [...fieldPath, key], inOr);
      product = product.flatMap((left) => alternatives.map((right) => [...left, ...right]));
      if (product.length > MAX_BRANCHES) {
        this.issues.push({ path: [...at, key], message: `$or combinations exceed ${MAX_BRANCHES}: split this pattern` });
        return [];
      }
    }
    return product.map((conjunction) => [...conjunction].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)));
  }

  private or(value: JsonValue, at: JsonPath, fieldPath: readonly string[]): Conjunction[] {
    if (!Array.isArray(value) || value.length < 2) {
      this.issues.push({ path: at, message: "$or takes a list of at least two patterns" });
      return [[]];
    }
    return value.flatMap((branch, i) => {
      if (!isJsonObject(branch)) {
        this.issues.push({ path: [...at, i], message: "each $or branch must be a pattern object" });
        return [];
      }
      return this.object(branch, [...at, i], fieldPath, true);
    });
  }

  private field(value: JsonValue, at: JsonPath, fieldPath: readonly string[], inOr: boolean): Conjunction[] {
    if (isJsonObject(value)) return this.object(value, at, fieldPath, inOr);
    if (!Array.isArray(value)) {
      this.issues.push({ path: at, message: `"${fieldPath.at(-1)}" must be a list of values or a nested object, not a single value: write [${JSON.stringify(value)}]` });
      return [[]];
    }
    if (value.length === 0) {
      this.issues.push({ path: at, message: "an empty list matches nothing: give at least one value" });
      return [[]];
    }
    const matchers = value.flatMap((element, i) => this.matcher(element, [...at, i]));
    const tests = fieldTests(matchers);
    const absent = matchers.some((m) => m.kind === "absent");
    return [[{ path: fieldPath, order: fieldPath.join("."), tests, absent, at, matchers }]];
  }

  private matcher(element: JsonValue, at: JsonPath): LeafMatcher[] {
    if (isJsonPrimitive(element)) return [exact(element)];
    if (Array.isArray(element)) {
      this.issues.push({ path: at, message: "a value list cannot contain a list: values are strings, numbers, booleans, null or operator objects" });
      return [];
    }
    const keys = Object.keys(element);
    const name = keys[0];
    if (name === undefined) {
      this.issues.push({ path: at, message: "empty operator object: expected one of " + [...operators.keys()].join(", ") });
      return [];
    }
    const operator = operators.get(name);
    if (operator === undefined) {
      this.issues.push({ path: [...at, name], message: `unknown operator "${name}"${didYouMean(name, operators.keys(), OPERATOR_ALIASES)}` });
      return [];
    }
    if (keys.length > 1) {
      this.issues.push({ path: [...at, keys[1] ?? name], message: `an operator object holds exactly one operator; split "${keys.join('", "')}" into separate list elements` });
      return [];
    }
    const result = operator.parse(element[name] as JsonValue, [...at, name]);
    if (Array.isArray(result)) {
      this.issues.push(...result);
      return [];
    }
    return [result];
  }
}

function exact(expected: JsonPrimitive): LeafMatcher {
  // aws/event-ruler reads an exact string that is an IP address as that address, so
  // "10.0.0.1" also matches "010.0.0.1" and "::ffff:a00:1" (with the range rules of ip.ts).
  const address = typeof expected === "string" ? ipToHex(expected) : undefined;
  if (address !== undefined) {
    const range = { bottom: address, top: address };
    return leafTest("equals", (v) => typeof v === "string" && ipInRange(v, range));
  }
  return { kind: "test", operator: "equals", test: (v) => v === expected, literal: { value: expected } };
}

/**
 * A field's tests, with its plain exact values folded into one Set lookup: an eventName list
 * of twenty names costs one hash probe per leaf instead of twenty calls. A Set compares with
 * SameValueZero, which for JSON values is === (0 and -0 equal, no NaN in JSON).
 */
function fieldTests(matchers: readonly LeafMatcher[]): LeafTest[] {
  const literals = new Set<JsonPrimitive>();
  const others: LeafTest[] = [];
  for (const m of matchers) {
    if (m.kind !== "test") continue;
    if (m.literal !== undefined) literals.add(m.literal.value);
    else others.push(m.test);
  }
  if (literals.size === 0) return others;
  const first = [...literals][0] as JsonPrimitive;
  const inSet: LeafTest = literals.size === 1 ? (v) => v === first : (v) => literals.has(v);
  return [inSet, ...others];
}

export interface ParsedPattern {
  readonly pattern: CompiledPattern | undefined;
  readonly issues: readonly PatternIssue[];
}

/** Parses an EventBridge event pattern, collecting every problem rather than stopping at the first. */
export function parsePattern(source: unknown): ParsedPattern {
  const parser = new PatternParser();
  const branches = parser.object(source as JsonValue, [], []);
  if (parser.issues.length > 0) return { pattern: undefined, issues: parser.issues };
  const pattern: CompiledPattern = {
    source: source as JsonObject,
    branches,
    matches: (event: unknown) => matchBranches(branches, event),
  };
  return { pattern, issues: [] };
}

/** Compiles a pattern once; `matches` then runs without re-reading it. Throws InvalidPatternError. */
export function compilePattern(source: unknown): CompiledPattern {
  const { pattern, issues } = parsePattern(source);
  if (pattern === undefined) throw new InvalidPatternError(issues);
  return pattern;
}
