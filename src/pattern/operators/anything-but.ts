import { isJsonObject, type JsonPath, type JsonValue } from "../json.js";
import type { PatternIssue } from "../issues.js";
import { caseInsensitive, equalsIgnoringCase, leafTest, quoted, type LeafTest } from "../leaf.js";
import { matchWildcard, parseWildcard } from "../wildcard.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator, type OperatorResult } from "./operator.js";

type StringTest = (text: string) => boolean;

/** The inner forms `{"anything-but": {"prefix": ...}}` etc.: each turns one string into a test. */
const innerForms: ReadonlyMap<string, (value: string, path: JsonPath) => StringTest | string> = new Map([
  ["prefix", (value: string) => (value === "" ? "anything-but prefix must not be empty" : (t: string) => quoted("prefix", t).startsWith(value))],
  ["suffix", (value: string) => (value === "" ? "anything-but suffix must not be empty" : (t: string) => quoted("suffix", t).endsWith(value))],
  ["equals-ignore-case", (value: string) => {
    const expected = caseInsensitive(value);
    return (t: string) => equalsIgnoringCase(expected, t);
  }],
  ["wildcard", (value: string) => {
    const parsed = parseWildcard(value);
    return typeof parsed === "string" ? parsed : (t: string) => matchWildcard(parsed, t);
  }],
]);

function parseInner(operand: Record<string, JsonValue>, path: JsonPath): OperatorResult {
  const keys = Object.keys(operand);
  const key = keys[0];
  const form = key === undefined ? undefined : innerForms.get(key);
  if (keys.length !== 1 || key === undefined || form === undefined) {
    const bad = keys.find((k) => !innerForms.has(k)) ?? keys[1] ?? "(none)";
    return issue([...path, bad], `anything-but object takes exactly one of ${[...innerForms.keys()].join(", ")}; "${bad}" is not allowed`);
  }
  const value = operand[key] as JsonValue;
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return issue([...path, key], `anything-but ${key} list must not be empty`);
  const tests: StringTest[] = [];
  const problems: PatternIssue[] = [];
  values.forEach((v, i) => {
    const at = Array.isArray(value) ? [...path, key, i] : [...path, key];
    if (typeof v !== "string") {
      problems.push({ path: at, message: `anything-but ${key} takes strings, not ${describeJson(v)}` });
      return;
    }
    const test = form(v, at);
    if (typeof test === "string") problems.push({ path: at, message: test });
    else tests.push(test);
  });
  if (problems.length > 0) return problems;
  return leafTest(`anything-but+${key}`, (v) => typeof v !== "string" || !tests.some((t) => t(v)));
}

function parseValues(values: JsonValue[], path: JsonPath): OperatorResult {
  if (values.length === 0) return issue(path, "anything-but list must not be empty");
  const strings = values.every((v) => typeof v === "string");
  const numbers = values.every((v) => typeof v === "number");
  if (!strings && !numbers) {
    const bad = values.findIndex((v) => typeof v !== typeof values[0] || (typeof v !== "string" && typeof v !== "number"));
    return issue([...path, Math.max(bad, 0)], "anything-but list must hold only strings or only numbers");
  }
  // event-ruler refuses numbers it cannot compare; JSON.parse gives ±Infinity for 1e400.
  const huge = values.findIndex((v) => typeof v === "number" && !Number.isFinite(v));
  if (huge >= 0) return issue([...path, huge], "anything-but number is out of range: numbers must be between -1.7976931348623157e308 and 1.7976931348623157e308");
  const excluded = new Set<JsonValue>(values);
  const test: LeafTest = strings
    ? (v) => typeof v !== "string" || !excluded.has(v)
    : (v) => typeof v !== "number" || !excluded.has(v);
  return leafTest("anything-but", test);
}

export const anythingBut: Operator = {
  name: "anything-but",
  summary: "The field has a value that is none of the given ones (or matches none of prefix/suffix/wildcard/equals-ignore-case).",
  example: [{ "anything-but": ["us-east-1", "eu-west-1"] }],
  operandSchema: {
    oneOf: [
      { type: ["string", "number"] },
      { type: "array", minItems: 1, items: { type: "string" } },
      { type: "array", minItems: 1, items: { type: "number" } },
      {
        type: "object",
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        properties: Object.fromEntries(
          [...innerForms.keys()].map((k) => [k, { oneOf: [{ type: "string" }, { type: "array", minItems: 1, items: { type: "string" } }] }]),
        ),
      },
    ],
  },
  parse(operand, path) {
    if (typeof operand === "string" || typeof operand === "number") return parseValues([operand], path);
    if (Array.isArray(operand)) return parseValues(operand, path);
    if (isJsonObject(operand)) return parseInner(operand, path);
    return issue(path, `anything-but takes a string, a number, a list of them, or an object; not ${describeJson(operand)}`);
  },
};
