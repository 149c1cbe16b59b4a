import { policyJsonSchema } from "../policy/json-schema.js";
import { routingJsonSchema } from "../routing/json-schema.js";
import { EXIT, parseFlags, writeLine, type Command } from "./io.js";

export const schema: Command = {
  name: "schema",
  usage: "schema [--routing]",
  summary: "Print the JSON Schema for policy files (schema/policy.schema.json), or with --routing for trailwatch.yml (schema/routing.schema.json).",
  async run(args, io) {
    const { values } = parseFlags(args, { routing: { type: "boolean", default: false } });
    writeLine(io.stdout, JSON.stringify(values.routing ? routingJsonSchema() : policyJsonSchema(), null, 2));
    return EXIT.ok;
  },
};
