import { operators } from "../pattern/operators/registry.js";
import { OUTCOMES, POLICY_FIELDS, TUNE_FIELDS, type FieldKind, type FieldSpec } from "./fields.js";
import { SEVERITIES } from "../record/severity.js";

type Schema = Record<string, unknown>;

const strings: Schema = { type: "array", items: { type: "string" } };

/** JSON Schema of an EventBridge pattern, built from the operator registry. */
function patternDefinitions(): Record<string, Schema> {
  const operatorObjects = [...operators.values()].map((op) => ({
    type: "object",
    description: op.summary,
    properties: { [op.name]: op.operandSchema },
    required: [op.name],
    additionalProperties: false,
  }));
  return {
    pattern: {
      type: "object",
      minProperties: 1,
      properties: { $or: { type: "array", minItems: 2, items: { $ref: "#/definitions/pattern" } } },
      additionalProperties: { oneOf: [{ $ref: "#/definitions/values" }, { $ref: "#/definitions/pattern" }] },
    },
    values: {
      type: "array",
      minItems: 1,
      items: { oneOf: [{ type: ["string", "number", "boolean", "null"] }, ...operatorObjects] },
    },
  };
}

const test: Schema = {
  type: "object",
  required: ["name", "alert"],
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    alert: { type: "boolean" },
    event: { type: "object", description: "A CloudTrail record or an EventBridge envelope." },
    file: { type: "string", description: "Path to a JSON record, relative to this file." },
  },
  oneOf: [{ required: ["event"] }, { required: ["file"] }],
};

const KIND_SCHEMAS: ReadonlyMap<FieldKind, Schema> = new Map<FieldKind, Schema>([
  ["id", { type: "string", pattern: "^[a-z0-9-]+(\\.[a-z0-9-]+)+$" }],
  ["text", { type: "string", minLength: 1 }],
  ["severity", { enum: [...SEVERITIES] }],
  ["outcome", { enum: [...OUTCOMES] }],
  ["urls", { type: "array", items: { type: "string", pattern: "^https://" } }],
  ["mitre", { type: "array", items: { type: "string", pattern: "^T\\d{4}(\\.\\d{3})?$" } }],
  ["tags", strings],
  ["pattern", { $ref: "#/definitions/pattern" }],
  ["patterns", { type: "array", items: { $ref: "#/definitions/pattern" } }],
  ["template", { type: "string", minLength: 1 }],
  ["tests", { type: "array", items: test }],
  ["boolean", { type: "boolean" }],
  ["structure", {}],
  ["dedupe", { type: "object", additionalProperties: false, required: ["key", "window"], properties: { key: { type: "string" }, window: { type: "string", pattern: "^\\d+[smhd]$" } } }],
  ["throttle", { type: "object", additionalProperties: false, required: ["limit", "window"], properties: { limit: { type: "integer", minimum: 1 }, window: { type: "string", pattern: "^\\d+[smhd]$" }, groupBy: { type: "string" } } }],
]);

function objectSchema(fields: readonly FieldSpec[]): Schema {
  return {
    type: "object",
    additionalProperties: false,
    required: fields.filter((f) => f.required).map((f) => f.key),
    properties: Object.fromEntries(fields.map((f) => [f.key, { ...KIND_SCHEMAS.get(f.kind), description: f.description }])),
  };
}

/** The JSON Schema shipped as schema/policy.schema.json; a test keeps the file equal to this. */
export function policyJsonSchema(): Schema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://trailwatch.dev/schema/policy.schema.json",
    title: "Trailwatch policy (or tune file under rules/local/)",
    oneOf: [objectSchema(POLICY_FIELDS), objectSchema(TUNE_FIELDS)],
    definitions: patternDefinitions(),
  };
}
