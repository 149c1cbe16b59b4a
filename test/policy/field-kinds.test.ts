import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIELD_KINDS } from "../../src/policy/field-kinds.js";
import { POLICY_FIELDS, TUNE_FIELDS } from "../../src/policy/fields.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { repoRoot } from "../support/shared.js";

// Validation and the shipped JSON Schema come from one field-kind registry: for the same value,
// the editor's schema and `trailwatch validate` agree.
const shipped = JSON.parse(readFileSync(path.join(repoRoot, "schema/policy.schema.json"), "utf8")) as { oneOf: { properties: Record<string, { items?: { pattern?: string } }> }[] };
const policyProps = shipped.oneOf[0]?.properties ?? {};

function validates(key: string, yamlValue: string): boolean {
  const text = `title: T\nseverity: low\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContact]\n${key}: ${yamlValue}\n`;
  return !loadPolicyText(text, "x.yml", "ssm-contacts.x", { tests: false }).diagnostics.some((d) => d.level === "error" && d.path.startsWith(key));
}

describe("one field-kind registry for validation and the JSON Schema", () => {
  it("has a check and a schema for every kind the field lists use", () => {
    for (const field of [...POLICY_FIELDS, ...TUNE_FIELDS]) {
      const entry = FIELD_KINDS.get(field.kind);
      expect(entry?.check, field.kind).toBeTypeOf("function");
      expect(entry?.schema, field.kind).toBeTypeOf("object");
    }
  });

  it.each([
    ["references", "https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html"],
    ["references", "https://"],
    ["references", "http://example.com"],
    ["mitre", "T1562.001"],
    ["mitre", "T15620"],
    ["mitre", "t1562"],
  ])("%s %j: the shipped schema and validate agree", (key, value) => {
    const pattern = policyProps[key]?.items?.pattern;
    expect(pattern).toBeDefined();
    expect(new RegExp(pattern ?? "").test(value)).toBe(validates(key, JSON.stringify([value])));
  });
});
