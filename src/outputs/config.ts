import { checkKeys, type ClosedKeys } from "../policy/closed-keys.js";
import { checkValue } from "../policy/field-kinds.js";
import { OutputConfigError } from "./errors.js";
import type { ConfigKey, OutputConfig, OutputType } from "./output.js";

/** Every problem with one destination's config: unknown keys, missing keys, bad values. */
export function checkConfig(output: OutputType, config: OutputConfig): string[] {
  const problems: string[] = [];
  const keys: ClosedKeys<ConfigKey> = { specs: output.configKeys, unknown: (name, hint, allowed) => `unknown key "${name}" for type ${output.type}${hint} (allowed: ${allowed})` };
  checkKeys(config, keys, (_path, message) => problems.push(message), (key, value) => {
    // A key given as undefined (from code: an unset variable) is missing, not valid.
    if (value === undefined) {
      if (key.required) problems.push(`missing required key "${key.key}" (${key.description})`);
      return;
    }
    // The value's kind checks it, as trailwatch.yml's loader does (one definition, with the schema).
    checkValue(key, value, [key.key], { error: (_path, message) => problems.push(`key "${key.key}": ${message}`) });
  });
  return problems;
}

/** Throw `OutputConfigError` listing every problem at once, if there is any. */
export function assertConfig(name: string, output: OutputType, config: OutputConfig): void {
  const problems = checkConfig(output, config);
  if (problems.length > 0) throw new OutputConfigError(name, problems);
}
