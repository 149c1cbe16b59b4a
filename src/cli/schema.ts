import { policyJsonSchema } from "../policy/json-schema.js";
import { EXIT, parseFlags, writeLine, type Command } from "./io.js";

export const schema: Command = {
  name: "schema",
  usage: "schema",
  summary: "Print the JSON Schema for policy files (shipped as schema/policy.schema.json).",
  async run(args, io) {
    parseFlags(args, {});
    writeLine(io.stdout, JSON.stringify(policyJsonSchema(), null, 2));
    return EXIT.ok;
  },
};
