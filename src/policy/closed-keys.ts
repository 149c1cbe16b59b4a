import type { JsonPath } from "../pattern/json.js";
import { didYouMean } from "../text/did-you-mean.js";

/**
 * The one check of a closed mapping (a policy, a tune file, trailwatch.yml and its
 * destinations, a destination's config, dedupe/throttle, `interact:`, a silence): every
 * unknown key is an error naming the closest known key and the allowed ones, every missing
 * required key an error saying what it holds, and each known key's value goes to `each`.
 */
export interface KeySpec {
  readonly key: string;
  readonly required: boolean;
  readonly description: string;
}

export interface ClosedKeys<S extends KeySpec> {
  readonly specs: readonly S[];
  /** Keys checked elsewhere (a destination's `type`): neither unknown nor handed to `each`. */
  readonly ignore?: readonly string[];
  /**
   * The message for an unknown key, given the did-you-mean hint (`' (did you mean "x"?)'` or
   * "") and the allowed keys; default `unknown key "k" (did you mean "x"?); allowed: a, b`.
   */
  readonly unknown?: (key: string, hint: string, allowed: string) => string;
  /** The message for a missing required key; default `missing required key "k" (description)`. */
  readonly missing?: (spec: S) => string;
}

/** Where a problem goes: relative to the mapping, `[]` for the mapping itself, `[key]` for one key. */
export type Report = (path: JsonPath, message: string) => void;

export function checkKeys<S extends KeySpec>(doc: Readonly<Record<string, unknown>>, keys: ClosedKeys<S>, report: Report, each: (spec: S, value: unknown) => void = () => undefined): void {
  const known = new Map(keys.specs.map((spec) => [spec.key, spec]));
  const allowed = keys.specs.map((spec) => spec.key).join(", ");
  for (const [key, value] of Object.entries(doc)) {
    if (keys.ignore?.includes(key)) continue;
    const spec = known.get(key);
    if (spec !== undefined) each(spec, value);
    else {
      const hint = didYouMean(key, known.keys());
      report([key], keys.unknown?.(key, hint, allowed) ?? `unknown key "${key}"${hint}; allowed: ${allowed}`);
    }
  }
  for (const spec of keys.specs) {
    if (spec.required && !Object.hasOwn(doc, spec.key)) report([], keys.missing?.(spec) ?? `missing required key "${spec.key}" (${spec.description})`);
  }
}
