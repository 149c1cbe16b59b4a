import { operators } from "../pattern/operators/registry.js";
import { fieldsSchema, type Schema } from "./field-kinds.js";
import { POLICY_FIELDS, TEST_FIELDS, TUNE_FIELDS } from "./fields.js";

/** JSON Schema of an EventBridge pattern, built from the operator registry. */
export function patternDefinitions(): Record<string, Schema> {
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

/** The JSON Schema shipped as schema/policy.schema.json; a test keeps the file equal to this. */
export function policyJsonSchema(): Schema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://trailwatch.dev/schema/policy.schema.json",
    title: "Trailwatch policy (or tune file under rules/local/)",
    oneOf: [fieldsSchema(POLICY_FIELDS), fieldsSchema(TUNE_FIELDS)],
    definitions: { ...patternDefinitions(), test: { ...fieldsSchema(TEST_FIELDS), oneOf: [{ required: ["event"] }, { required: ["file"] }] } },
  };
}
