import { checkKeys, type ClosedKeys } from "../policy/closed-keys.js";
import { OutputConfigError } from "./errors.js";
import type { ConfigKey, OutputConfig, OutputType } from "./output.js";

/** Every problem with one destination's config: unknown keys, missing keys, bad values. */
export function checkConfig(output: OutputType, config: OutputConfig): string[] {
  const problems: string[] = [];
  const keys: ClosedKeys<ConfigKey> = { specs: output.configKeys, unknown: (name, _hint, allowed) => `unknown key "${name}" for type ${output.type} (allowed: ${allowed})` };
  checkKeys(config, keys, (_path, message) => problems.push(message), (key, value) => {
    // A key given as undefined (from code: an unset variable) is missing, not valid.
    if (value === undefined) {
      if (key.required) problems.push(`missing required key "${key.key}" (${key.description})`);
      return;
    }
    const why = key.check(value);
    if (why !== undefined) problems.push(`key "${key.key}": ${why}`);
  });
  return problems;
}

/** Throw `OutputConfigError` listing every problem at once, if there is any. */
export function assertConfig(name: string, output: OutputType, config: OutputConfig): void {
  const problems = checkConfig(output, config);
  if (problems.length > 0) throw new OutputConfigError(name, problems);
}

/** A `ConfigKey.check` for a non-empty string, optionally matching `pattern`. */
export function stringKey(pattern?: RegExp, expected?: string): ConfigKey["check"] {
  return (value) => {
    if (typeof value !== "string" || value.trim() === "") return `expected a non-empty string, got ${JSON.stringify(value)}`;
    if (pattern && !pattern.test(value)) return `expected ${expected ?? pattern.source}, got ${JSON.stringify(value)}`;
    return undefined;
  };
}

/** A `ConfigKey.check` for one of a closed set of strings. */
export function oneOfKey(values: readonly string[]): ConfigKey["check"] {
  return (value) =>
    typeof value === "string" && values.includes(value) ? undefined : `expected one of ${values.join(", ")}, got ${JSON.stringify(value)}`;
}
