import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outputTypes } from "../../src/outputs/registry.js";
import { FIELD_KINDS, fieldsSchema } from "../../src/policy/field-kinds.js";
import { CONFIG_FIELDS, ROUTE_FIELDS } from "../../src/routing/config.js";
import { INTERACT_FIELDS } from "../../src/routing/interact-access.js";
import { routingJsonSchema } from "../../src/routing/json-schema.js";
import { POLICY_FIELDS, TUNE_FIELDS } from "../../src/policy/fields.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { listPolicyFiles } from "../../src/policy/policy-files.js";
import { parse } from "yaml";
import { acceptsJson } from "../support/json-schema-subset.js";
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

describe("every kind is checked and has a schema (policies, tune files, destinations, trailwatch.yml)", () => {
  const problems = (kind: string, value: unknown): string[] => {
    const found: string[] = [];
    FIELD_KINDS.get(kind)?.check(value, [], { error: (_path, message) => found.push(message) });
    return found;
  };
  const lists = [POLICY_FIELDS, TUNE_FIELDS, CONFIG_FIELDS, ROUTE_FIELDS, INTERACT_FIELDS, ...[...outputTypes.values()].map((o) => o.configKeys)];

  it("every key of every field list names a registered kind", () => {
    for (const field of lists.flat()) expect(FIELD_KINDS.has(field.kind), `${field.key}: ${field.kind}`).toBe(true);
  });

  // "structure" is checked by its caller, and "tests" by the test runner; every other kind must
  // refuse a value of the wrong shape (a check) and constrain it in the schema (a schema).
  it.each([...FIELD_KINDS.keys()].filter((k) => k !== "structure" && k !== "tests"))("%s: its check refuses a wrong value and its schema is not empty", (kind) => {
    // A mapping of nonsense is wrong for every kind but "record" (any mapping), which refuses a number.
    expect([{ surely: ["not", "valid"] }, 42].some((wrong) => problems(kind, wrong).length > 0)).toBe(true);
    expect(Object.keys(FIELD_KINDS.get(kind)?.schema ?? {}).length).toBeGreaterThan(0);
  });

  it("a key checked by its caller without a schema of its own makes schema generation fail", () => {
    expect(() => fieldsSchema([{ key: "x", kind: "structure", required: false, description: "x" }])).toThrow('key "x" is checked by its caller but has no schema');
    expect(() => routingJsonSchema()).not.toThrow();
  });

  it.each([
    ["topic-arn", "arn:aws:sns:us-east-1:111122223333:alerts"],
    ["topic-arn", "arn:aws:sqs:us-east-1:111122223333:alerts"],
    ["aws-region", "eu-west-1"],
    ["aws-region", "Europe"],
    ["slack-channel", "#secops"],
    ["slack-channel", "sec ops"],
  ])("%s %j: the schema's pattern and the check agree", (kind, value) => {
    const pattern = (FIELD_KINDS.get(kind)?.schema as { pattern?: string }).pattern;
    expect(pattern).toBeDefined();
    expect(new RegExp(pattern ?? "").test(value)).toBe(problems(kind, value).length === 0);
  });

  it.each([["console-stream", "stderr"], ["console-stream", "stdlog"], ["severity", "high"], ["severity", "urgent"]])("%s %j: the schema's enum and the check agree", (kind, value) => {
    const allowed = (FIELD_KINDS.get(kind)?.schema as { enum?: string[] }).enum ?? [];
    expect(allowed.includes(value)).toBe(problems(kind, value).length === 0);
  });
});

describe("the shipped policy schema accepts every shipped policy", () => {
  const files = listPolicyFiles(path.join(repoRoot, "rules")).files;
  it.each(files.map((f) => [path.relative(repoRoot, f.path)]))("%s", (file) => {
    expect(acceptsJson(shipped as unknown as Record<string, unknown>, parse(readFileSync(path.join(repoRoot, file), "utf8")))).toBe(true);
  });
});

describe("dedupe: and throttle: keys come from one list (check and schema agree)", () => {
  const valid: Record<string, string> = { key: '"{{actor.arn}}"', window: "5m", limit: "3", groupBy: '"{{actor.arn}}"' };
  const props = (name: string): { properties: Record<string, unknown>; required: string[] } =>
    policyProps[name] as unknown as { properties: Record<string, unknown>; required: string[] };
  for (const name of ["dedupe", "throttle"]) {
    it(`${name}: every key the schema allows is accepted, every required one is needed, any other is refused`, () => {
      const { properties, required } = props(name);
      const keys = Object.keys(properties);
      expect(keys.length).toBeGreaterThan(1);
      const block = (ks: string[]): string => `{${ks.map((k) => `${k}: ${valid[k] ?? '"x"'}`).join(", ")}}`;
      expect(validates(name, block(keys))).toBe(true);
      for (const k of required) expect(validates(name, block(keys.filter((other) => other !== k))), `${name} without ${k}`).toBe(false);
      for (const k of keys.filter((key) => !required.includes(key))) expect(validates(name, block(keys.filter((other) => other !== k))), `${name} without ${k}`).toBe(true);
      expect(validates(name, block([...keys, "burst"]))).toBe(false);
    });
  }
});
