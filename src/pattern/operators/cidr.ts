import { leafTest } from "../leaf.js";
import { ipInRange, parseCidr } from "../ip.js";
import { describeJson } from "../../text/describe.js";
import { issue, type Operator } from "./operator.js";

export const cidr: Operator = {
  name: "cidr",
  summary: "The string value is an IPv4 or IPv6 address inside the given CIDR block.",
  example: [{ cidr: "10.0.0.0/8" }],
  operandSchema: { type: "string" },
  parse(operand, path) {
    if (typeof operand !== "string") return issue(path, `cidr takes a string like "10.0.0.0/8", not ${describeJson(operand)}`);
    const range = parseCidr(operand);
    if (typeof range === "string") return issue(path, range);
    return leafTest("cidr", (v) => typeof v === "string" && ipInRange(v, range));
  },
};
