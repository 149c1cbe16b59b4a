import { outputTypes } from "../outputs/registry.js";
import { fieldsSchema, type Schema } from "../policy/field-kinds.js";
import type { FieldSpec } from "../policy/fields.js";
import { patternDefinitions } from "../policy/json-schema.js";
import { CONFIG_FIELDS, ROUTE_FIELDS } from "./config.js";
import { HAS_REFERENCE } from "./env.js";
import { INTERACT_FIELDS } from "./interact-access.js";
import { ROUTE_VIEW_FIELDS } from "./view.js";

const TYPE: FieldSpec = { key: "type", kind: "structure", required: true, description: "The destination type." };

/** A destination key's kind, or text with a `${VAR}` reference (checked once substituted). */
const orReference = (schema: Schema): Schema => ({ anyOf: [schema, { type: "string", pattern: HAS_REFERENCE.source }] });

/** One alternative per output type: its `type` and its config keys, each key's schema from its kind. */
function destinationSchema(): Schema {
  return {
    oneOf: [...outputTypes.values()].map((output) => ({
      ...fieldsSchema([TYPE, ...output.configKeys], { type: { const: output.type } }, orReference),
      description: output.description,
    })),
  };
}

/** A pattern over the alert's route view: only the view's fields, as the loader checks. */
function routeMatchSchema(): Schema {
  const field = { oneOf: [{ $ref: "#/definitions/values" }, { $ref: "#/definitions/pattern" }] };
  return {
    type: "object",
    minProperties: 1,
    additionalProperties: false,
    properties: { $or: { type: "array", minItems: 2, items: { $ref: "#/definitions/routeMatch" } }, ...Object.fromEntries(ROUTE_VIEW_FIELDS.map((f) => [f, field])) },
  };
}

/** The JSON Schema shipped as schema/routing.schema.json (trailwatch.yml); a test keeps the file equal to this. */
export function routingJsonSchema(): Schema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://trailwatch.dev/schema/routing.schema.json",
    title: "Trailwatch routing config (trailwatch.yml)",
    ...fieldsSchema(CONFIG_FIELDS, {
      destinations: { type: "object", additionalProperties: destinationSchema() },
      routes: { type: "array", items: fieldsSchema(ROUTE_FIELDS, { match: { $ref: "#/definitions/routeMatch" } }) },
      interact: fieldsSchema(INTERACT_FIELDS),
    }),
    definitions: { ...patternDefinitions(), routeMatch: routeMatchSchema() },
  };
}
