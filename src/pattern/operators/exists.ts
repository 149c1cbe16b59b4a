import { leafTest } from "../leaf.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator } from "./operator.js";

export const exists: Operator = {
  name: "exists",
  summary: "true: the field has a value (not an object or empty array); false: it has none.",
  example: [{ exists: true }],
  operandSchema: { type: "boolean" },
  parse(operand, path) {
    if (typeof operand !== "boolean") return issue(path, `exists takes true or false, not ${describeJson(operand)}`);
    return operand ? leafTest("exists", () => true) : { kind: "absent" };
  },
};
