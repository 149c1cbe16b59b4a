import type { Env } from "../env.js";

/**
 * `${NAME}` and `${NAME:-default}` in config values, from the environment. A value whose
 * variable is unset (and has no default) is reported, so the caller can switch its
 * destination off and say why, instead of sending to an empty address.
 */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A value holding a reference (the JSON Schema accepts it where a destination key's kind would not). */
export const HAS_REFERENCE = new RegExp(REFERENCE.source);

export type Substituted = { readonly value: string } | { readonly missing: string };

export function substituteEnv(text: string, env: Env): Substituted {
  let missing: string | undefined;
  const value = text.replace(REFERENCE, (_whole, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && found !== "") return found;
    if (fallback !== undefined) return fallback;
    missing ??= name;
    return "";
  });
  return missing === undefined ? { value } : { missing };
}
