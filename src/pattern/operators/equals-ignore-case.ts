import { caseInsensitive, equalsIgnoringCase, leafTest } from "../leaf.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator } from "./operator.js";

export const equalsIgnoreCase: Operator = {
  name: "equals-ignore-case",
  summary: "The string value equals the given text, ignoring case.",
  example: [{ "equals-ignore-case": "root" }],
  operandSchema: { type: "string" },
  parse(operand, path) {
    if (typeof operand !== "string") return issue(path, `equals-ignore-case takes a string, not ${describeJson(operand)}`);
    const expected = caseInsensitive(operand);
    return leafTest("equals-ignore-case", (v) => typeof v === "string" && equalsIgnoringCase(expected, v));
  },
};
