import { compilePattern, type JsonObject } from "../pattern/index.js";
import type { Policy } from "../policy/types.js";

/**
 * A loaded policy as plain data, so the main thread can post it to workers: its patterns as
 * their sources (a CompiledPattern holds functions), its tests left out. Workers recompile the
 * patterns instead of parsing the YAML again: a fresh isolate spends 0.4-0.7 s of cold JIT in
 * the YAML parser for the 38-policy pack, against milliseconds to compile the patterns, and
 * every thread then evaluates exactly the policies the main thread validated, even if rules/
 * changes during the replay.
 */
export interface PortablePolicy extends Omit<Policy, "match" | "unless" | "tests" | "written"> {
  readonly matchPattern: JsonObject;
  readonly unlessPatterns: readonly JsonObject[];
}

export function toPortable(policy: Policy): PortablePolicy {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- tests (with their records) and the parsed YAML stay in the main thread
  const { match, unless, tests, written, ...rest } = policy;
  return { ...rest, matchPattern: match.source, unlessPatterns: unless.map((u) => u.source) };
}

export function fromPortable(portable: PortablePolicy): Policy {
  const { matchPattern, unlessPatterns, ...rest } = portable;
  return { ...rest, match: compilePattern(matchPattern), unless: unlessPatterns.map((u) => compilePattern(u)), tests: [] };
}
