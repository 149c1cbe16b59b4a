import { leafTest } from "../leaf.js";
import { matchWildcard, parseWildcard } from "../wildcard.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator } from "./operator.js";

export const wildcard: Operator = {
  name: "wildcard",
  summary: "The string value matches a pattern where * is any run of characters (\\* is a literal star).",
  example: [{ wildcard: "arn:aws:ssm-contacts:*:*:contact/oncall-*" }],
  operandSchema: { type: "string", not: { pattern: "\\*\\*" } },
  parse(operand, path) {
    if (typeof operand !== "string") return issue(path, `wildcard takes a string, not ${describeJson(operand)}`);
    const parsed = parseWildcard(operand);
    if (typeof parsed === "string") return issue(path, parsed);
    return leafTest("wildcard", (v) => typeof v === "string" && matchWildcard(parsed, v));
  },
};
