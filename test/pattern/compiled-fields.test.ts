import { describe, expect, it } from "vitest";
import { compilePattern, type FieldCondition } from "../../src/pattern/index.js";
import { fieldRejects } from "../../src/pattern/match.js";

// The compiled form of a pattern (fields, their order and tests) and how fields walk an event.
// Expected match results agree with aws/event-ruler (checked case by case).
const matches = (pattern: unknown, event: unknown) => compilePattern(pattern).matches(event);
const onlyField = (pattern: unknown): FieldCondition => {
  const { branches } = compilePattern(pattern);
  expect(branches).toHaveLength(1);
  expect(branches[0]).toHaveLength(1);
  return branches[0]?.[0] as FieldCondition;
};

describe("field order", () => {
  it("fields are tried in dotted-path order, whatever the order in the source", () => {
    const { branches } = compilePattern({ z: ["1"], detail: { c: ["2"], a: ["3"], b: { y: ["4"], x: ["5"] } }, a: ["6"] });
    expect(branches[0]?.map((f) => f.order)).toEqual(["a", "detail.a", "detail.b.x", "detail.b.y", "detail.c", "z"]);
    expect(branches[0]?.map((f) => f.path)).toEqual([["a"], ["detail", "a"], ["detail", "b", "x"], ["detail", "b", "y"], ["detail", "c"], ["z"]]);
  });

  it("a pattern with many fields is ordered too (seeded shuffle)", () => {
    const names = Array.from({ length: 150 }, (_, i) => `f${String(i).padStart(3, "0")}`);
    let seed = 19;
    const shuffled = [...names];
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
    }
    const pattern = Object.fromEntries(shuffled.map((name) => [name, [name]]));
    expect(compilePattern(pattern).branches[0]?.map((f) => f.order)).toEqual(names);
  });

  it("each $or combination is ordered too", () => {
    const { branches } = compilePattern({ m: ["1"], $or: [{ z: ["2"] }, { a: ["3"] }] });
    expect(branches.map((b) => b.map((f) => f.order))).toEqual([["m", "z"], ["a", "m"]]);
  });

  // exists:false holds when no value is reachable from the element matched so far: with "b"
  // tried before "c" (as event-ruler does), the b of the second element is still reachable.
  it.each([
    ["c before b in the source", { a: { c: ["x"], b: [{ exists: false }] } }],
    ["b before c in the source", { a: { b: [{ exists: false }], c: ["x"] } }],
  ])("exists:false beside a value in an array of objects (%s)", (_name, pattern) => {
    expect(matches(pattern, { a: [{ c: "x" }, { b: 1 }] })).toBe(false);
    expect(matches(pattern, { a: [{ b: 1 }, { c: "x" }] })).toBe(false);
    expect(matches(pattern, { a: [{ c: "x" }] })).toBe(true);
  });
});

describe("a field's tests", () => {
  it("plain values share one test; operators keep their own", () => {
    expect(onlyField({ a: ["x", "y", "z"] }).tests).toHaveLength(1);
    expect(onlyField({ a: [{ prefix: "x" }] }).tests).toHaveLength(1);
    expect(onlyField({ a: ["x", 1, { prefix: "x" }, { suffix: "y" }] }).tests).toHaveLength(3);
    const [inSet] = onlyField({ a: ["x", 1, null] }).tests;
    expect([inSet?.("x"), inSet?.(1), inSet?.(null), inSet?.("1"), inSet?.(0), inSet?.(false)]).toEqual([true, true, true, false, false, false]);
  });

  it("a plain value's matcher tests equality", () => {
    const [matcher] = onlyField({ a: ["x"] }).matchers;
    expect(matcher?.kind === "test" && matcher.operator).toBe("equals");
    const test = matcher?.kind === "test" ? matcher.test : undefined;
    expect([test?.("x"), test?.("X"), test?.("y"), test?.(null)]).toEqual([true, false, false, false]);
  });

  it.each([
    [["10.0.0.1"], "equals"],
    [[{ cidr: "10.0.0.0/8" }], "cidr"],
    [[{ "equals-ignore-case": "x" }], "equals-ignore-case"],
    [[{ exists: true }], "exists"],
    [[{ wildcard: "x*" }], "wildcard"],
    [[{ prefix: "x" }], "prefix"],
    [[{ prefix: { "equals-ignore-case": "x" } }], "prefix+equals-ignore-case"],
    [[{ suffix: { "equals-ignore-case": "x" } }], "suffix+equals-ignore-case"],
    [[{ numeric: [">", 1] }], "numeric"],
    [[{ numeric: [">", 1, "<", 2] }], "numeric"],
    [[{ "anything-but": ["x"] }], "anything-but"],
    [[{ "anything-but": { prefix: "x" } }], "anything-but+prefix"],
  ])("%j is named %s", (values, operator) => {
    const [matcher] = onlyField({ a: values }).matchers;
    expect(matcher?.kind === "test" ? matcher.operator : matcher?.kind).toBe(operator);
  });

  it("numeric = is equality", () => {
    expect(matches({ a: [{ numeric: ["=", 5] }] }, { a: 5 })).toBe(true);
    expect(matches({ a: [{ numeric: ["=", 5] }] }, { a: 6 })).toBe(false);
  });
});

describe("fieldRejects: one field ruling an event out on its own", () => {
  const field = onlyField({ detail: { eventName: ["CreateContact"] } });
  const absentOk = onlyField({ detail: { eventName: [{ exists: false }, "CreateContact"] } });

  it("a value that passes none of the tests rejects", () => {
    expect(fieldRejects(field, { detail: { eventName: "DeleteContact" } })).toBe(true);
    expect(fieldRejects(field, { detail: { eventName: "CreateContact" } })).toBe(false);
  });

  it("no value rejects unless absence is allowed", () => {
    expect(fieldRejects(field, { detail: {} })).toBe(true);
    expect(fieldRejects(field, { detail: { eventName: { nested: "CreateContact" } } })).toBe(true);
    expect(fieldRejects(absentOk, { detail: {} })).toBe(false);
    expect(fieldRejects(absentOk, { detail: { eventName: "DeleteContact" } })).toBe(true);
  });

  it("a value reached through an array gives no answer (false)", () => {
    expect(fieldRejects(field, { detail: [{ eventName: "DeleteContact" }] })).toBe(false);
    expect(fieldRejects(field, { detail: { eventName: ["DeleteContact"] } })).toBe(false);
    expect(fieldRejects(absentOk, { detail: [{}] })).toBe(false);
  });
});

describe("walking an event", () => {
  it("a plain value in an array shares no position with the objects beside it", () => {
    // The $or branch puts a leaf "a" and a nested "a.x" in one conjunction.
    const pattern = { a: { x: [1] }, $or: [{ a: ["v"] }, { b: ["z"] }] };
    expect(matches(pattern, { a: ["v", { x: 1 }] })).toBe(true);
    expect(matches(pattern, { a: ["w", { x: 1 }] })).toBe(false);
  });

  it("an object in an array is not a value", () => {
    expect(matches({ a: [{ exists: true }] }, { a: [{ b: 1 }] })).toBe(false);
    expect(matches({ a: [{ exists: true }] }, { a: [{ b: 1 }, "v"] })).toBe(true);
    expect(matches({ a: [null] }, { a: [null] })).toBe(true);
    expect(matches({ a: [null] }, { a: [{ b: null }] })).toBe(false);
  });

  it("a string is not an object: its characters are not fields", () => {
    expect(matches({ a: { "0": ["x"] } }, { a: ["xyz"] })).toBe(false);
    expect(matches({ a: { "0": ["x"] } }, { a: "xyz" })).toBe(false);
    expect(matches({ a: { length: [3] } }, { a: ["xyz"] })).toBe(false);
    expect(matches({ a: { "0": ["x"] } }, { a: [{ "0": "x" }] })).toBe(true);
  });

  it("inherited properties are not fields", () => {
    expect(matches({ a: { constructor: [{ exists: true }] } }, { a: [{}] })).toBe(false);
    expect(matches({ a: { toString: [{ exists: true }] } }, { a: {} })).toBe(false);
    expect(matches({ a: { constructor: [{ exists: true }] } }, JSON.parse('{"a":[{"constructor":1}]}'))).toBe(true);
  });
});
