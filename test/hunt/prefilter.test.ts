import { describe, expect, it } from "vitest";
import { buildPrefilter, narrows } from "../../src/hunt/prefilter.js";
import { compilePattern } from "../../src/pattern/index.js";
import type { Policy } from "../../src/policy/types.js";

const policy = (id: string, source: Record<string, unknown>): Policy => ({ id, match: compilePattern(source as never) }) as unknown as Policy;

describe("buildPrefilter", () => {
  it.each([
    ["exact strings", { eventName: ["A", "B"] }, [{ path: ["eventName"], alternatives: [{ kind: "equals", value: "A" }, { kind: "equals", value: "B" }] }]],
    ["exists: true", { errorCode: [{ exists: true }] }, [{ path: ["errorCode"], alternatives: [{ kind: "exists" }] }]],
    ["nested userIdentity.type", { userIdentity: { type: ["Root"] } }, [{ path: ["userIdentity", "type"], alternatives: [{ kind: "equals", value: "Root" }] }]],
    ["request parameters", { requestParameters: { a: { b: ["x"] } } }, [{ path: ["requestParameters", "a", "b"], alternatives: [{ kind: "equals", value: "x" }] }]],
  ])("pins %s", (_, source, tests) => {
    expect(buildPrefilter([policy("p", source)]).branches).toEqual([tests]);
  });

  it.each([
    ["prefix", { eventName: [{ prefix: "Delete" }] }],
    ["anything-but", { eventName: [{ "anything-but": ["Get"] }] }],
    ["exists: false", { errorCode: [{ exists: false }] }],
    ["a number", { awsRegion: [5] }],
    ["a string mixed with an operator", { eventName: ["A", { prefix: "B" }] }],
    ["a field the table has no column for", { sourceIPAddress: ["192.0.2.1"] }],
    ["a request parameter key needing quotes", { requestParameters: { "a.b": ["x"] } }],
  ])("leaves %s to the exact engine (the policy is unscoped)", (_, source) => {
    const prefilter = buildPrefilter([policy("wide", source), policy("narrow", { eventName: ["A"] })]);
    expect(prefilter.unscoped).toEqual(["wide"]);
    expect(prefilter.branches).toEqual([[]]);
    expect(narrows(prefilter)).toBe(false);
  });

  it("keeps one branch per $or alternative, and drops a branch another already covers", () => {
    const prefilter = buildPrefilter([
      policy("or", { eventSource: ["s"], $or: [{ awsRegion: ["r1"] }, { errorCode: [{ exists: true }] }] }),
      policy("covered", { eventSource: ["s"], awsRegion: ["r1"], eventName: ["A"] }),
    ]);
    expect(prefilter.branches).toEqual([
      [{ path: ["eventSource"], alternatives: [{ kind: "equals", value: "s" }] }, { path: ["awsRegion"], alternatives: [{ kind: "equals", value: "r1" }] }],
      [{ path: ["eventSource"], alternatives: [{ kind: "equals", value: "s" }] }, { path: ["errorCode"], alternatives: [{ kind: "exists" }] }],
    ]);
    expect(narrows(prefilter)).toBe(true);
  });

  it("merges branches that differ only in eventName", () => {
    const prefilter = buildPrefilter([policy("a", { eventSource: ["s"], eventName: ["A"] }), policy("b", { eventSource: ["s"], eventName: ["B"] })]);
    expect(prefilter.branches).toEqual([[{ path: ["eventSource"], alternatives: [{ kind: "equals", value: "s" }] }, { path: ["eventName"], alternatives: [{ kind: "equals", value: "A" }, { kind: "equals", value: "B" }] }]]);
  });

  it("no policies: nothing is a candidate", () => {
    expect(buildPrefilter([]).branches).toEqual([]);
  });
});
