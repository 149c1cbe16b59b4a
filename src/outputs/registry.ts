import { buildRegistry } from "../registry.js";
import { consoleOutput } from "./console.js";
import { OutputConfigError } from "./errors.js";
import type { Destination, OutputConfig, OutputDeps, OutputType } from "./output.js";
import { slack } from "./slack.js";
import { sns } from "./sns.js";

/** Every destination type, by the `type` name used in the routing config. */
export const outputTypes: ReadonlyMap<string, OutputType> = buildRegistry("output type", [sns, slack, consoleOutput], (output) => output.type);

/** One routing-config destination entry. */
export interface DestinationSpec {
  readonly name: string;
  readonly type: string;
  readonly config: OutputConfig;
}

/** Build a destination from its spec; throws `OutputConfigError` on any config problem. */
export function createDestination(spec: DestinationSpec, deps: OutputDeps = {}): Destination {
  const output = outputTypes.get(spec.type);
  if (!output) {
    const known = [...outputTypes.keys()].join(", ");
    throw new OutputConfigError(spec.name, [`unknown type "${spec.type}" (known types: ${known})`]);
  }
  return output.create(spec.name, spec.config, deps);
}
