import { describe, expect, it } from "vitest";
import { compilePattern, parsePattern } from "../../src/pattern/index.js";

/** Each row: a field's value list, an event value for that field, and whether the pattern matches. */
type Row = [label: string, values: unknown[], value: unknown, matches: boolean];

const ABSENT = Symbol("absent");
const event = (value: unknown) => (value === ABSENT ? { other: 1 } : { f: value });
const check = ([, values, value, matches]: Row) => {
  expect(compilePattern({ f: values }).matches(event(value))).toBe(matches);
};
/** JSON.parse("1e400") is Infinity: what a number beyond a double's range becomes. */
const HUGE = JSON.parse("1e400") as number;
const MAX = Number.MAX_VALUE;

describe("exact values", () => {
  it.each<Row>([
    ["string equals", ["Delete"], "Delete", true],
    ["string is case-sensitive", ["Delete"], "delete", false],
    ["number equals the same number", [5], 5.0, true],
    ["0 equals -0", [0], -0, true],
    ["number does not equal its string", [5], "5", false],
    ["string does not equal the number", ["5"], 5, false],
    ["null equals null", [null], null, true],
    ["null does not equal \"null\"", [null], "null", false],
    ["true equals true", [true], true, true],
    ["true does not equal \"true\"", [true], "true", false],
    ["any element of an event array", ["x"], ["a", "x"], true],
    ["several values are alternatives", ["a", "b"], "b", true],
    ["absent field", ["x"], ABSENT, false],
    ["an object is not a value", ["x"], { x: "x" }, false],
    ["an IP address string equals the same address spelt otherwise", ["10.0.0.1"], "010.0.0.1", true],
    ["an IP address string equals its IPv4-mapped IPv6 form", ["10.0.0.1"], "::ffff:a00:1", true],
    ["IPv6 address strings compare as addresses", ["2001:db8::1"], "2001:DB8:0:0:0:0:0:1", true],
    ["a different address", ["10.0.0.1"], "10.0.0.2", false],
  ])("%s", (...row) => check(row));
});

describe("prefix and suffix", () => {
  it.each<Row>([
    ["prefix", [{ prefix: "Delete" }], "DeleteContact", true],
    ["prefix is case-sensitive", [{ prefix: "Delete" }], "deleteContact", false],
    ["prefix of a number does not apply", [{ prefix: "1" }], 12, false],
    ["empty prefix matches every string", [{ prefix: "" }], "", true],
    ["prefix may reach the closing quote (event-ruler)", [{ prefix: 'ab"' }], "ab", true],
    ["suffix", [{ suffix: "-prod" }], "api-prod", true],
    ["suffix is case-sensitive", [{ suffix: "-prod" }], "api-PROD", false],
    ["suffix may reach the opening quote (event-ruler)", [{ suffix: '"' }], "", true],
    ["prefix ignoring case", [{ prefix: { "equals-ignore-case": "delete" } }], "DELETEContact", true],
    ["prefix ignoring case: ß matches SS", [{ prefix: { "equals-ignore-case": "straße" } }], "STRASSE-1", true],
    ["prefix ignoring case: ß does not match ss", [{ prefix: { "equals-ignore-case": "straße" } }], "strasse-1", false],
    ["suffix ignoring case", [{ suffix: { "equals-ignore-case": "-PROD" } }], "api-Prod", true],
    ["suffix ignoring case: non-string", [{ suffix: { "equals-ignore-case": "1" } }], 1, false],
  ])("%s", (...row) => check(row));
});

describe("equals-ignore-case: each pattern character matches its lower or upper case form", () => {
  it.each<Row>([
    ["ASCII", [{ "equals-ignore-case": "Alice" }], "aLiCe", true],
    ["whole value only", [{ "equals-ignore-case": "abc" }], "abcd", false],
    ["German umlaut", [{ "equals-ignore-case": "über" }], "ÜBER", true],
    ["ß matches SS", [{ "equals-ignore-case": "ß" }], "SS", true],
    ["ß does not match ss", [{ "equals-ignore-case": "ß" }], "ss", false],
    ["SS does not match ß (the event is not folded)", [{ "equals-ignore-case": "SS" }], "ß", false],
    ["σ matches Σ", [{ "equals-ignore-case": "σ" }], "Σ", true],
    ["σ does not match final ς", [{ "equals-ignore-case": "σ" }], "ς", false],
    ["Turkish İ matches i + combining dot", [{ "equals-ignore-case": "İ" }], "i\u0307", true],
    ["Turkish İ does not match i", [{ "equals-ignore-case": "İ" }], "i", false],
    ["i does not match dotless ı", [{ "equals-ignore-case": "i" }], "ı", false],
    ["title-case ǅ does not match itself", [{ "equals-ignore-case": "ǅ" }], "ǅ", false],
    ["Kelvin sign matches k", [{ "equals-ignore-case": "\u212A" }], "k", true],
    ["k does not match the Kelvin sign", [{ "equals-ignore-case": "k" }], "\u212A", false],
    ["not a number", [{ "equals-ignore-case": "1" }], 1, false],
  ])("%s", (...row) => check(row));
});

describe("anything-but", () => {
  it.each<Row>([
    ["string", [{ "anything-but": "a" }], "b", true],
    ["excluded string", [{ "anything-but": "a" }], "a", false],
    ["list of strings", [{ "anything-but": ["a", "b"] }], "b", false],
    ["a string list lets numbers through", [{ "anything-but": ["5"] }], 5, true],
    ["numbers", [{ "anything-but": [1, 2] }], 2.0, false],
    ["-0 is 0", [{ "anything-but": 0 }], -0, false],
    ["null passes", [{ "anything-but": "a" }], null, true],
    ["absent field does not match", [{ "anything-but": "a" }], ABSENT, false],
    ["prefix", [{ "anything-but": { prefix: "Get" } }], "Describe", true],
    ["excluded prefix", [{ "anything-but": { prefix: "Get" } }], "GetItem", false],
    ["suffix list", [{ "anything-but": { suffix: ["-dev", "-test"] } }], "api-test", false],
    ["ignoring case", [{ "anything-but": { "equals-ignore-case": ["ROOT"] } }], "Root", false],
    ["ignoring case, other value", [{ "anything-but": { "equals-ignore-case": ["ROOT"] } }], "admin", true],
    ["wildcard", [{ "anything-but": { wildcard: "*.example.com" } }], "a.example.com", false],
    ["wildcard, other value", [{ "anything-but": { wildcard: "*.example.com" } }], "example.org", true],
  ])("%s", (...row) => check(row));
});

describe("numeric", () => {
  it.each<Row>([
    ["=", [{ numeric: ["=", 5] }], 5, true],
    ["= with -0", [{ numeric: ["=", 0] }], -0, true],
    [">", [{ numeric: [">", 5] }], 5, false],
    [">=", [{ numeric: [">=", 5] }], 5, true],
    ["range, inside", [{ numeric: [">", 0, "<=", 5] }], 5, true],
    ["range, outside", [{ numeric: [">", 0, "<=", 5] }], 0, false],
    ["negative and fractional", [{ numeric: [">=", -1.5, "<", -0.5] }], -1, true],
    ["large numbers", [{ numeric: [">", 1e300] }], 1e308, true],
    ["small numbers", [{ numeric: ["<", 1e-300] }], 1e-301, true],
    ["a number-like string is not a number", [{ numeric: [">", 0] }], "5", false],
    ["beyond a double's range is not compared", [{ numeric: [">", 0] }], HUGE, false],
    ["largest double", [{ numeric: ["<=", MAX] }], MAX, true],
  ])("%s", (...row) => check(row));
});

describe("exists", () => {
  it.each<Row>([
    ["true: a value", [{ exists: true }], "x", true],
    ["true: null is a value", [{ exists: true }], null, true],
    ["true: an object is not a value", [{ exists: true }], { x: 1 }, false],
    ["true: an empty array has no value", [{ exists: true }], [], false],
    ["false: absent", [{ exists: false }], ABSENT, true],
    ["false: present", [{ exists: false }], "x", false],
    ["false: an empty array is absent", [{ exists: false }], [], true],
    ["false: an object is absent", [{ exists: false }], { x: 1 }, true],
  ])("%s", (...row) => check(row));
});

describe("cidr and wildcard", () => {
  it.each<Row>([
    ["IPv4 block", [{ cidr: "10.0.0.0/24" }], "10.0.0.255", true],
    ["IPv4 block, outside", [{ cidr: "10.0.0.0/24" }], "10.0.1.0", false],
    ["IPv6 block", [{ cidr: "2001:db8::/32" }], "2001:DB8:FFFF::1", true],
    ["not an address", [{ cidr: "10.0.0.0/8" }], "10.0.0", false],
    ["wildcard", [{ wildcard: "arn:aws:*:contact/*" }], "arn:aws:ssm:contact/x", true],
    ["wildcard, no match", [{ wildcard: "arn:aws:*:contact/*" }], "arn:aws:ssm:plan/x", false],
  ])("%s", (...row) => check(row));
});

describe("invalid operands say what is wrong", () => {
  it.each<[unknown, RegExp]>([
    [{ prefix: 5 }, /prefix takes a string, not number 5/],
    [{ prefix: { foo: "a" } }, /"foo" is not allowed/],
    [{ prefix: { "equals-ignore-case": 5 } }, /prefix equals-ignore-case takes a string, not number 5/],
    [{ suffix: true }, /suffix takes a string, not boolean true/],
    [{ "equals-ignore-case": ["a"] }, /equals-ignore-case takes a string, not an array/],
    [{ wildcard: "a**b" }, /consecutive '\*\*'/],
    [{ wildcard: "a\\b" }, /escapes 'b': only '\\\*' and '\\\\' are allowed/],
    [{ wildcard: "a\\" }, /unfinished escape/],
    [{ "anything-but": [] }, /anything-but list must not be empty/],
    [{ "anything-but": ["a", 1] }, /only strings or only numbers/],
    [{ "anything-but": [null] }, /only strings or only numbers/],
    [{ "anything-but": true }, /anything-but takes a string, a number, a list of them, or an object; not boolean true/],
    [{ "anything-but": { prefix: "" } }, /anything-but prefix must not be empty/],
    [{ "anything-but": { prefix: [] } }, /anything-but prefix list must not be empty/],
    [{ "anything-but": { foo: "x" } }, /"foo" is not allowed/],
    [{ "anything-but": { prefix: 5 } }, /anything-but prefix takes strings, not number 5/],
    [{ "anything-but": [HUGE] }, /out of range/],
    [{ numeric: [] }, /numeric list is empty/],
    [{ numeric: "5" }, /numeric takes a list like .*, not string "5"/],
    [{ numeric: ["<"] }, /"<" needs a number after it/],
    [{ numeric: ["<", "5"] }, /numeric bound must be a number, not string "5"/],
    [{ numeric: ["!=", 5] }, /unknown numeric operator "!="/],
    [{ numeric: [">", 5, "<", 5] }, /range is empty: lower bound 5 must be less than upper bound 5/],
    [{ numeric: ["<", 5, ">", 4] }, /must start with ">" or ">="/],
    [{ numeric: [">", 1, ">", 2] }, /upper bound operator must be "<" or "<=", not ">"/],
    [{ numeric: [">", 1, "<", 2, 3] }, /extra elements after the upper bound/],
    [{ numeric: [">", HUGE] }, /bound Infinity is out of range/],
    [{ numeric: ["<", -MAX] }, /end of the number range/],
    [{ exists: "true" }, /exists takes true or false, not string "true"/],
    [{ cidr: 5 }, /cidr takes a string like "10.0.0.0\/8", not number 5/],
    [{ cidr: "10.0.0.0/32" }, /IPv4 mask bits must be at most 31/],
    [{ cidr: "::/128" }, /IPv6 mask bits must be at most 127/],
    [{ cidr: "10.0.0.0" }, /exactly one "\/" is required/],
    [{ cidr: "10.0.0.0/x" }, /mask bits must be an integer/],
    [{ cidr: "10.0.0.0/-1" }, /mask bits must not be negative/],
    [{ cidr: "foo/8" }, /"foo" is not an IPv4 or IPv6 address/],
    [{ prefx: "a" }, /unknown operator "prefx" \(did you mean "prefix"\?\)/],
    [{ exactly: "a" }, /unknown operator "exactly"/],
    [{ prefix: "a", suffix: "b" }, /exactly one operator; split "prefix", "suffix"/],
    [{}, /empty operator object: expected one of prefix, suffix/],
    [["x"], /a value list cannot contain a list/],
  ])("%j", (element, message) => {
    const { pattern, issues } = parsePattern({ f: [element] });
    expect(pattern).toBeUndefined();
    expect(issues.map((i) => i.message).join("\n")).toMatch(message);
  });
});

describe("pattern structure", () => {
  it.each<[unknown, RegExp]>([
    [{ f: "x" }, /"f" must be a list of values or a nested object, not a single value: write \["x"\]/],
    [{ f: [] }, /an empty list matches nothing/],
    [{ f: {} }, /empty objects are not allowed/],
    [[], /a pattern must be a JSON object/],
    [{ $or: [{ a: ["x"] }] }, /\$or takes a list of at least two patterns/],
    [{ $or: { a: ["x"] } }, /\$or takes a list of at least two patterns/],
    [{ $or: [{ a: ["x"] }, "b"] }, /each \$or branch must be a pattern object/],
    [{ $or: [{ prefix: ["a"] }, { b: ["c"] }] }, /"prefix" is reserved inside \$or/],
    [{ $or: [{ a: { numeric: ["x"] } }, { b: ["c"] }] }, /"numeric" is reserved inside \$or/],
  ])("%j", (source, message) => {
    const { issues } = parsePattern(source);
    expect(issues.map((i) => i.message).join("\n")).toMatch(message);
  });

  it("collects every problem, not just the first", () => {
    const { issues } = parsePattern({ a: [{ prefix: 5 }], b: [{ cidr: "x" }], c: "y" });
    expect(issues.map((i) => i.path)).toEqual([["a", 0, "prefix"], ["b", 0, "cidr"], ["c"]]);
  });

  it("operator names are ordinary field names outside $or", () => {
    expect(compilePattern({ prefix: ["a"] }).matches({ prefix: "a" })).toBe(true);
  });

  it("$or matches when any branch does", () => {
    const p = compilePattern({ source: ["aws.ssm"], $or: [{ a: ["1"] }, { b: [{ exists: true }] }] });
    expect(p.matches({ source: "aws.ssm", b: null })).toBe(true);
    expect(p.matches({ source: "aws.ssm", a: "2" })).toBe(false);
  });

  it("a plain value beside an object in one event array is not tied to that object", () => {
    const p = compilePattern({ a: ["v"], $or: [{ a: { x: ["1"] } }, { b: ["q"] }] });
    expect(p.matches({ a: ["v", { x: "1" }] })).toBe(true);
    expect(p.matches({ a: [["v"], { x: "1" }] })).toBe(false);
  });
});
