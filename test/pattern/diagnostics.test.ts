import { describe, expect, it } from "vitest";
import { compilePattern, formatPath, InvalidPatternError, parsePattern, type JsonPath } from "../../src/pattern/index.js";

// Where each problem in a pattern is reported: `trailwatch validate`, lint and explain quote
// these paths back to the user, so a wrong path points them at the wrong line of their YAML.
const issues = (pattern: unknown) => parsePattern(pattern).issues;
const paths = (pattern: unknown): JsonPath[] => issues(pattern).map((i) => i.path);

/** `{"a": {"$or": [n branches]}}`-style nesting: an object whose `$or` has n alternatives. */
const orOf = (n: number) => ({ $or: Array.from({ length: n }, (_, i) => ({ [`f${i}`]: [String(i)] })) });

describe("issue paths point at the offending element", () => {
  it.each([
    ["a reserved name inside $or", { $or: [{ prefix: ["x"] }, { b: ["y"] }] }, ["$or", 0, "prefix"]],
    ["a reserved name inside a nested $or branch", { detail: { $or: [{ b: ["y"] }, { numeric: ["x"] }] } }, ["detail", "$or", 1, "numeric"]],
    ["an $or branch that is not an object", { $or: [{ a: ["x"] }, "b"] }, ["$or", 1]],
    ["an unknown operator", { a: [{ prefx: "x" }] }, ["a", 0, "prefx"]],
    ["a second operator in one object", { a: ["x", { prefix: "x", suffix: "y" }] }, ["a", 1, "suffix"]],
    ["anything-but with two inner forms", { a: [{ "anything-but": { prefix: "x", suffix: "y" } }] }, ["a", 0, "anything-but", "suffix"]],
    ["anything-but with an unknown inner form", { a: [{ "anything-but": { prefix: "x", bogus: "y" } }] }, ["a", 0, "anything-but", "bogus"]],
    ["anything-but with an empty object", { a: [{ "anything-but": {} }] }, ["a", 0, "anything-but", "(none)"]],
    ["anything-but with an empty inner list", { a: [{ "anything-but": { prefix: [] } }] }, ["a", 0, "anything-but", "prefix"]],
    ["anything-but with a non-string inner value", { a: [{ "anything-but": { prefix: 1 } }] }, ["a", 0, "anything-but", "prefix"]],
    ["anything-but with a non-string in an inner list", { a: [{ "anything-but": { suffix: ["x", 1] } }] }, ["a", 0, "anything-but", "suffix", 1]],
    ["anything-but mixing strings then a number", { a: [{ "anything-but": ["x", "y", 1] }] }, ["a", 0, "anything-but", 2]],
    ["anything-but mixing numbers then a string", { a: [{ "anything-but": [1, 2, "x"] }] }, ["a", 0, "anything-but", 2]],
    ["anything-but starting with a boolean", { a: [{ "anything-but": [true, "x"] }] }, ["a", 0, "anything-but", 0]],
    ["anything-but with a number out of range", { a: [{ "anything-but": [1, Infinity] }] }, ["a", 0, "anything-but", 1]],
    ["numeric with an unknown operator", { a: [{ numeric: ["~", 1] }] }, ["a", 0, "numeric", 0]],
    ["numeric with a bound that is not a number", { a: [{ numeric: [">", "1"] }] }, ["a", 0, "numeric", 1]],
    ["numeric > at the end of the range", { a: [{ numeric: [">", Number.MAX_VALUE] }] }, ["a", 0, "numeric", 1]],
    ["numeric >= at the end of the range", { a: [{ numeric: [">=", Number.MAX_VALUE] }] }, ["a", 0, "numeric", 1]],
    ["numeric < at the start of the range", { a: [{ numeric: ["<", -Number.MAX_VALUE] }] }, ["a", 0, "numeric", 1]],
    ["a numeric range starting with an upper bound", { a: [{ numeric: ["<", 5, ">", 1] }] }, ["a", 0, "numeric", 2]],
    ["a numeric range with a bad second operator", { a: [{ numeric: [">", 1, ">", 5] }] }, ["a", 0, "numeric", 2]],
    ["a numeric range with no upper bound", { a: [{ numeric: [">", 1, "<"] }] }, ["a", 0, "numeric", 3]],
    ["a numeric range with an upper bound that is not a number", { a: [{ numeric: [">", 1, "<", "5"] }] }, ["a", 0, "numeric", 3]],
    ["a numeric range with extra elements", { a: [{ numeric: [">", 1, "<", 5, 6] }] }, ["a", 0, "numeric", 4]],
    ["prefix with an unknown key beside equals-ignore-case", { a: [{ prefix: { "equals-ignore-case": "x", bogus: "y" } }] }, ["a", 0, "prefix", "bogus"]],
    ["prefix with an unknown key before equals-ignore-case", { a: [{ suffix: { bogus: "y", "equals-ignore-case": "x" } }] }, ["a", 0, "suffix", "bogus"]],
    ["prefix with an empty object", { a: [{ prefix: {} }] }, ["a", 0, "prefix", "(none)"]],
    ["prefix equals-ignore-case that is not a string", { a: [{ prefix: { "equals-ignore-case": 1 } }] }, ["a", 0, "prefix", "equals-ignore-case"]],
  ])("%s", (_name, pattern, path) => {
    expect(paths(pattern)).toEqual([path]);
  });
});

describe("issue messages", () => {
  it("anything-but names every inner form it accepts", () => {
    expect(issues({ a: [{ "anything-but": { bogus: "x" } }] }).map((i) => i.message)).toEqual([
      'anything-but object takes exactly one of prefix, suffix, equals-ignore-case, wildcard; "bogus" is not allowed',
    ]);
  });

  it("an empty anything-but suffix says so", () => {
    expect(issues({ a: [{ "anything-but": { suffix: "" } }] })).toEqual([
      { path: ["a", 0, "anything-but", "suffix"], message: "anything-but suffix must not be empty" },
    ]);
  });

  it("a missing upper bound says which operator needs it", () => {
    expect(issues({ a: [{ numeric: [">", 1, "<="] }] }).map((i) => i.message)).toEqual(['numeric "<=" needs a number after it']);
  });

  it("prefix with a non-string equals-ignore-case names the operator", () => {
    expect(issues({ a: [{ prefix: { "equals-ignore-case": 1 } }] })[0]?.message).toMatch(/^prefix equals-ignore-case takes a string, not /);
  });

  it("wildcard with a non-string operand says what it takes", () => {
    expect(issues({ a: [{ wildcard: 1 }] })).toEqual([{ path: ["a", 0, "wildcard"], message: expect.stringMatching(/^wildcard takes a string, not \S/) }]);
  });

  it("InvalidPatternError is named and lists every message", () => {
    const pattern = { a: "x", b: [{ prefx: "y" }] };
    const messages = issues(pattern).map((i) => i.message);
    expect(messages).toHaveLength(2);
    let thrown: unknown;
    try {
      compilePattern(pattern);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPatternError);
    expect((thrown as InvalidPatternError).name).toBe("InvalidPatternError");
    expect((thrown as InvalidPatternError).message).toBe(`invalid event pattern: ${messages.join("; ")}`);
    expect((thrown as InvalidPatternError).issues).toEqual(issues(pattern));
  });
});

describe("the $or combination limit", () => {
  it("accepts exactly 1,000 combinations", () => {
    expect(issues({ a: orOf(10), b: orOf(10), c: orOf(10) })).toEqual([]);
    expect(compilePattern({ a: orOf(10), b: orOf(10), c: orOf(10) }).branches).toHaveLength(1000);
  });

  it("rejects 1,001 or more at the field that crosses the limit", () => {
    expect(issues({ a: orOf(11), b: orOf(10), c: orOf(10) })).toEqual([
      { path: ["c"], message: "$or combinations exceed 1000: split this pattern" },
    ]);
  });

  it.each([
    ["a single value", "x"],
    ["an empty list", []],
    ["a $or that is not a list", { $or: "x" }],
  ])("is still checked after %s earlier in the pattern", (_name, bad) => {
    const found = paths({ a: bad, b: orOf(11), c: orOf(10), d: orOf(10) });
    expect(found).toHaveLength(2);
    expect(found[1]).toEqual(["d"]);
  });
});

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["detail"], "detail"],
    [["detail", "eventName", 0, "prefix"], "detail.eventName[0].prefix"],
    [[0, "a", 1, 2], "[0].a[1][2]"],
    [["$or", 1, "b"], "$or[1].b"],
  ] as [JsonPath, string][])("%j -> %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
