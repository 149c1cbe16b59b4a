import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cidrBounds, ipToBytes } from "../../src/pattern/ip.js";
import { repoRoot } from "../support/shared.js";

// The differential fuzzer (scripts/fuzz/, `npm run fuzz:oracle`) needs Java for event-ruler, so
// it is not part of `npm test`; its parts that need no oracle are checked here.
type Answer = { kind: string; detail: string };
type Example = { pattern: unknown; event: unknown; ours: Answer; oracle: Answer };

const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(path.join(repoRoot, "scripts/fuzz", file)).href)) as T;
const { sampleCases } = await load<{ sampleCases: <T>(seed: number, count: number, make: (draw: unknown) => T) => T[] }>("draw.mjs");
const { makeCase } = await load<{ makeCase: (draw: unknown, ip: unknown) => { focus: string; pattern: unknown; event: unknown } }>("cases.mjs");
const { toJson } = await load<{ toJson: (v: unknown) => string }>("json-text.mjs");
const { shrink } = await load<{ shrink: (examples: Example[], ours: (p: string, e: string) => Answer, oracle: (lines: string[]) => Answer[]) => Example[] }>("shrink.mjs");

const corpus = (seed: number) => sampleCases(seed, 200, (draw) => makeCase(draw, { cidrBounds, ipToBytes })).map((c) => `${c.focus}\t${toJson(c.pattern)}\t${toJson(c.event)}`);

describe("fuzz:oracle without the oracle", () => {
  it("generates the same corpus for a seed, another for another seed, as JSON text both engines read", () => {
    const first = corpus(7);
    expect(corpus(7)).toEqual(first);
    expect(corpus(8)).not.toEqual(first);
    for (const line of first) {
      const [, pattern = "", event = ""] = line.split("\t");
      expect(() => JSON.parse(event) as unknown).not.toThrow();
      expect(pattern).not.toBe("");
    }
    expect(new Set(first.map((l) => l.split("\t")[0])).size).toBeGreaterThan(15);
  });

  it("shrinks a disagreement with batched oracle calls, keeping both answers", () => {
    const calls: number[] = [];
    // A stand-in oracle that answers "true" whenever the pattern names field "b"; ours always "false".
    const oracle = (lines: string[]): Answer[] => {
      calls.push(lines.length);
      return lines.map((l) => ({ kind: String((l.split("\t")[0] ?? "").includes('"b"')), detail: "" }));
    };
    const ours = (): Answer => ({ kind: "false", detail: "" });
    const example: Example = {
      pattern: { a: ["x", { prefix: "long-prefix" }], b: [{ suffix: "abc" }], c: { d: ["1", "2"] } },
      event: { a: "xyz", b: ["abc", "def"], c: { d: "1" } },
      ours: ours(),
      oracle: { kind: "true", detail: "" },
    };
    const [shrunk] = shrink([example], ours, oracle);
    expect(toJson(shrunk?.pattern)).toBe('{"b":[]}');
    expect(toJson(shrunk?.event)).toBe("{}");
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[0]).toBeGreaterThan(10);
  });
});
