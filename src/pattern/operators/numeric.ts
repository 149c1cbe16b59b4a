import type { JsonPath, JsonValue } from "../json.js";
import { leafTest } from "../leaf.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator, type OperatorResult } from "./operator.js";

type Compare = (value: number, bound: number) => boolean;

const lower: ReadonlyMap<string, Compare> = new Map([
  [">", (v, b) => v > b],
  [">=", (v, b) => v >= b],
]);
const upper: ReadonlyMap<string, Compare> = new Map([
  ["<", (v, b) => v < b],
  ["<=", (v, b) => v <= b],
]);
const single: ReadonlyMap<string, Compare> = new Map([...lower, ...upper, ["=", (v, b) => v === b]]);

function bound(operand: JsonValue[], index: number): number | string {
  const value = operand[index];
  if (value === undefined) return `numeric "${String(operand[index - 1])}" needs a number after it`;
  if (typeof value !== "number") return `numeric bound must be a number, not ${describeJson(value)}`;
  // JSON.parse turns 1e400 into Infinity; EventBridge only compares numbers a double can hold.
  if (!Number.isFinite(value)) return `numeric bound ${value} is out of range: numbers must be between -1.7976931348623157e308 and 1.7976931348623157e308`;
  return value;
}

function parseNumeric(operand: JsonValue, path: JsonPath): OperatorResult {
  if (!Array.isArray(operand)) return issue(path, `numeric takes a list like [">", 0, "<=", 5], not ${describeJson(operand)}`);
  if (operand.length === 0) return issue(path, `numeric list is empty: give a comparison like [">", 0, "<=", 5]`);
  const first = operand[0];
  const firstCompare = typeof first === "string" ? single.get(first) : undefined;
  if (typeof first !== "string" || firstCompare === undefined) {
    return issue([...path, 0], `unknown numeric operator ${JSON.stringify(first)} (use =, <, <=, >, >=)`);
  }
  const low = bound(operand, 1);
  if (typeof low === "string") return issue([...path, 1], low);
  if (operand.length === 2) {
    // event-ruler builds a one-sided range up to the largest double, and fails on one that is
    // empty there: [">", MAX], [">=", MAX], ["<", -MAX] and ["<=", -MAX] are rejected.
    if ((lower.has(first) && low === Number.MAX_VALUE) || (upper.has(first) && low === -Number.MAX_VALUE)) {
      return issue([...path, 1], `numeric ["${first}", ${low}] is at the end of the number range, which EventBridge rejects: use "=" to match that number`);
    }
    return leafTest("numeric", (v) => isComparable(v) && firstCompare(v, low));
  }
  if (!lower.has(first)) {
    return issue([...path, 2], `numeric range must start with ">" or ">=" (the lower bound), not "${first}"`);
  }
  const second = operand[2];
  const secondCompare = typeof second === "string" ? upper.get(second) : undefined;
  if (typeof second !== "string" || secondCompare === undefined) {
    return issue([...path, 2], `numeric upper bound operator must be "<" or "<=", not ${JSON.stringify(second)}`);
  }
  const high = bound(operand, 3);
  if (typeof high === "string") return issue([...path, 3], high);
  if (operand.length > 4) return issue([...path, 4], "numeric range has extra elements after the upper bound");
  if (!(low < high)) return issue(path, `numeric range is empty: lower bound ${low} must be less than upper bound ${high}`);
  return leafTest("numeric", (v) => isComparable(v) && firstCompare(v, low) && secondCompare(v, high));
}

/** An event number beyond a double's range (JSON.parse gave ±Infinity) is not compared, as in event-ruler. */
function isComparable(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

export const numeric: Operator = {
  name: "numeric",
  summary: "The number value satisfies one comparison, or a lower and an upper bound.",
  example: [{ numeric: [">", 0, "<=", 5] }],
  operandSchema: { type: "array", minItems: 2, maxItems: 4, items: { type: ["string", "number"] } },
  parse: parseNumeric,
};
