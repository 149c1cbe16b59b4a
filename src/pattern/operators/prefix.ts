import { isJsonObject, type JsonPath, type JsonValue } from "../json.js";
import { caseInsensitive, endsWithIgnoringCase, leafTest, quoted, startsWithIgnoringCase } from "../leaf.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator, type OperatorResult } from "./operator.js";

/** Shared by `prefix` and `suffix`: a string, or `{"equals-ignore-case": string}`. */
export function parseAffix(
  name: "prefix" | "suffix",
  operand: JsonValue,
  path: JsonPath,
): OperatorResult {
  const has = name === "prefix"
    ? (text: string, affix: string) => quoted(name, text).startsWith(affix)
    : (text: string, affix: string) => quoted(name, text).endsWith(affix);
  if (typeof operand === "string") {
    return leafTest(name, (v) => typeof v === "string" && has(v, operand));
  }
  if (isJsonObject(operand)) {
    const keys = Object.keys(operand);
    const inner = operand["equals-ignore-case"];
    if (keys.length !== 1 || inner === undefined) {
      const unknown = keys.find((k) => k !== "equals-ignore-case") ?? "(none)";
      return issue([...path, unknown], `${name} takes a string or {"equals-ignore-case": string}; "${unknown}" is not allowed here`);
    }
    if (typeof inner !== "string") {
      return issue([...path, "equals-ignore-case"], `${name} equals-ignore-case takes a string, not ${describeJson(inner)}`);
    }
    const expected = caseInsensitive(inner);
    const hasIgnoringCase = name === "prefix" ? startsWithIgnoringCase : endsWithIgnoringCase;
    return leafTest(`${name}+equals-ignore-case`, (v) => typeof v === "string" && hasIgnoringCase(expected, quoted(name, v)));
  }
  return issue(path, `${name} takes a string, not ${describeJson(operand)}`);
}

const affixSchema = {
  oneOf: [
    { type: "string" },
    { type: "object", properties: { "equals-ignore-case": { type: "string" } }, required: ["equals-ignore-case"], additionalProperties: false },
  ],
};

export const prefix: Operator = {
  name: "prefix",
  summary: "The string value starts with the given text (optionally ignoring case).",
  example: [{ prefix: "Delete" }, { prefix: { "equals-ignore-case": "update" } }],
  operandSchema: affixSchema,
  parse: (operand, path) => parseAffix("prefix", operand, path),
};

export const suffix: Operator = {
  name: "suffix",
  summary: "The string value ends with the given text (optionally ignoring case).",
  example: [{ suffix: "-prod" }, { suffix: { "equals-ignore-case": "-PROD" } }],
  operandSchema: affixSchema,
  parse: (operand, path) => parseAffix("suffix", operand, path),
};
