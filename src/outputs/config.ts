import { OutputConfigError } from "./errors.js";
import type { ConfigKey, OutputConfig, OutputType } from "./output.js";

/** Every problem with one destination's config: unknown keys, missing keys, bad values. */
export function checkConfig(output: OutputType, config: OutputConfig): string[] {
  const known = new Map(output.configKeys.map((key) => [key.name, key]));
  const problems: string[] = [];
  for (const name of Object.keys(config)) {
    if (!known.has(name)) {
      const allowed = output.configKeys.map((k) => k.name).join(", ");
      problems.push(`unknown key "${name}" for type ${output.type} (allowed: ${allowed})`);
    }
  }
  for (const key of output.configKeys) {
    const value = config[key.name];
    if (value === undefined) {
      if (key.required) problems.push(`missing required key "${key.name}" (${key.description})`);
      continue;
    }
    const why = key.check(value);
    if (why !== undefined) problems.push(`key "${key.name}": ${why}`);
  }
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
