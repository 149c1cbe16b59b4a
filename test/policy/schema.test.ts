import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { operators } from "../../src/pattern/index.js";
import { parsePattern } from "../../src/pattern/index.js";
import { policyJsonSchema } from "../../src/policy/json-schema.js";
import { repoRoot } from "../support/shared.js";

describe("policy JSON Schema", () => {
  it("is shipped up to date (regenerate: npx trailwatch schema > schema/policy.schema.json)", () => {
    const shipped = JSON.parse(readFileSync(path.join(repoRoot, "schema/policy.schema.json"), "utf8"));
    expect(shipped).toEqual(policyJsonSchema());
  });

  it.each([...operators.values()])("operator $name has a summary, an operand schema and a valid documented example", (op) => {
    expect(op.summary.length).toBeGreaterThan(10);
    expect(Object.keys(op.operandSchema).length).toBeGreaterThan(0);
    expect(parsePattern({ field: op.example }).issues).toEqual([]);
  });
});
