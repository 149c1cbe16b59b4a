// @ts-check
// Operand forms that are invalid, or valid only by an easily-missed rule (cidr "/+8", "10.0.0.0/8/").
// Not here: CIDR masks in non-ASCII digits, which Java reads and we reject (docs).
import { Num } from "./json-text.mjs";

/** @typedef {import("./json-text.mjs").Json} Json */

/** @param {string} t */
const n = (t) => new Num(t);

/** @type {readonly Json[]} */
export const EDGE_ELEMENTS = [
  { prefix: n("5") }, { prefix: null }, { prefix: ["a"] }, { prefix: { foo: "a" } }, { prefix: { "equals-ignore-case": n("5") } },
  { prefix: { "equals-ignore-case": "a", x: n("1") } }, { prefix: {} }, { suffix: true }, { suffix: { "equals-ignore-case": ["a"] } },
  { "equals-ignore-case": n("5") }, { "equals-ignore-case": ["a"] }, { "equals-ignore-case": null },
  { wildcard: "a**b" }, { wildcard: "a\\b" }, { wildcard: "a\\" }, { wildcard: n("5") }, { wildcard: "**" }, { wildcard: "\\**" }, { wildcard: "*\\\\*" },
  { "anything-but": [] }, { "anything-but": ["a", n("1")] }, { "anything-but": [null] }, { "anything-but": true }, { "anything-but": null },
  { "anything-but": [true] }, { "anything-but": [["a"]] }, { "anything-but": { prefix: "" } }, { "anything-but": { suffix: [""] } },
  { "anything-but": { prefix: n("5") } }, { "anything-but": { prefix: [] } }, { "anything-but": { wildcard: "a**" } }, { "anything-but": { wildcard: ["a", "b\\c"] } },
  { "anything-but": { foo: "x" } }, { "anything-but": { prefix: "a", suffix: "b" } }, { "anything-but": { "equals-ignore-case": [n("1")] } },
  { "anything-but": {} }, { "anything-but": { exists: true } }, { "anything-but": { numeric: [">", n("1")] } }, { "anything-but": "a", x: n("1") },
  { "anything-but": [n("1e400")] }, { "anything-but": { "equals-ignore-case": "" } }, { "anything-but": { wildcard: "" } },
  { numeric: [] }, { numeric: ["<"] }, { numeric: ["<", "5"] }, { numeric: ["=", n("1"), "<", n("2")] }, { numeric: [">", n("5"), "<", n("5")] },
  { numeric: [">", n("5"), "<", n("4")] }, { numeric: ["<", n("5"), ">", n("4")] }, { numeric: [">", n("1"), "<", n("2"), n("3")] }, { numeric: ["!=", n("5")] },
  { numeric: "5" }, { numeric: [n("5")] }, { numeric: [">", n("1e400")] }, { numeric: ["<", n("-1e400")] }, { numeric: [">", n("-0"), "<", n("0")] },
  { numeric: [">=", n("1"), "<=", n("1")] }, { numeric: [">", n("1"), "<="] }, { numeric: [">", n("1"), n("2")] }, { numeric: ["<", n("-1.7976931348623157e308")] },
  { exists: "true" }, { exists: n("1") }, { exists: null }, { exists: [true] }, { exists: true, prefix: "a" },
  { cidr: "10.0.0.0/33" }, { cidr: "10.0.0.0/32" }, { cidr: "::/128" }, { cidr: "::/127" }, { cidr: "10.0.0.0" }, { cidr: "10.0.0.0/x" }, { cidr: "10.0.0.0/-1" },
  { cidr: "foo/8" }, { cidr: n("5") }, { cidr: "10.0.0.0/8/8" }, { cidr: "1.2.3.256/8" }, { cidr: "10.0.0.0/+8" }, { cidr: "10.0.0.0/08" },
  { cidr: "::ffff:a00:0/104" }, { cidr: "::ffff:a00:0/24" }, { cidr: "10.0.0.0/8/" }, { cidr: "10.0.0.0/8//" }, { cidr: "/8" }, { cidr: "10.0.0.0/ 8" },
  { cidr: "0010.0000.0000.0/8" }, { cidr: "00001::/16" }, { cidr: "10.0.0.0/2147483648" }, { cidr: "::/-0" },
  {}, { prefx: "a" }, { prefix: "a", suffix: "b" }, ["nested"], { "$or": ["a"] },
];

/** @type {readonly Json[]} */
export const EDGE_FIELDS = ["x", n("5"), null, true, [], {}];

// event-ruler's RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP: not allowed as field names inside `$or`.
export const RESERVED = ["exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr", "=", "<", "<=", ">", ">=",
  "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
  "ip-address-in-range", "ip-address-not-in-range"];
