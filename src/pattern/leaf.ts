import type { JsonPrimitive } from "./json.js";

/** A test of one leaf value of the event (a string, number, boolean or null). */
export type LeafTest = (value: JsonPrimitive) => boolean;

/**
 * What one element of a pattern's value array compiles to. `exists: false` is not a
 * test of a value but of the absence of any value, so it is its own variant.
 */
export type LeafMatcher =
  | {
      readonly kind: "test";
      readonly operator: string;
      readonly test: LeafTest;
      /** Set for a plain exact value (compared with ===), so a field's exact values can share one Set lookup. */
      readonly literal?: { readonly value: JsonPrimitive };
    }
  | { readonly kind: "absent" };

export function leafTest(operator: string, test: LeafTest): LeafMatcher {
  return { kind: "test", operator, test };
}

/**
 * aws/event-ruler keeps a string as its text between quotes ("abc") and matches a prefix from
 * the opening quote, a suffix up to the closing one, so the quote at the other end is part of
 * what is searched: {"prefix": "ab\""} matches "ab" and {"suffix": "\""} matches "".
 */
export function quoted(name: "prefix" | "suffix", text: string): string {
  return name === "prefix" ? `${text}"` : `"${text}`;
}

/**
 * A case-insensitive operand: for each character of the pattern, the texts it matches.
 *
 * EventBridge (aws/event-ruler's EqualsIgnoreCaseParser) does not fold the event value: each
 * pattern character matches exactly its lower-case or its upper-case form (full Unicode
 * mappings, no locale). So "ß" matches "ß" and "SS" but not "ss"; "SS" does not match "ß";
 * "σ" and "ς" do not match each other; the Kelvin sign matches itself and "k" but not "K";
 * and title-case "ǅ" matches "ǆ" and "Ǆ" but not itself.
 * (Upper-casing both sides, as this engine first did, gets all of these wrong.)
 */
export type CaseInsensitiveText = readonly (readonly string[])[];

export function caseInsensitive(text: string): CaseInsensitiveText {
  // By code point: event-ruler works per UTF-16 unit and so turns astral characters into "??",
  // a bug we deliberately do not copy (docs/pattern-engine.md).
  return Array.from(text, (ch) => {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    return lower === upper ? [lower] : [lower, upper];
  });
}

/** Offsets where a match of `pattern` starting at offset 0 of `text` can end (forward) or begin (backward). */
function reach(pattern: CaseInsensitiveText, text: string, backward: boolean): Set<number> {
  let at = new Set([backward ? text.length : 0]);
  for (let i = 0; i < pattern.length && at.size > 0; i++) {
    const options = pattern[backward ? pattern.length - 1 - i : i] ?? [];
    const next = new Set<number>();
    for (const offset of at) {
      for (const option of options) {
        if (backward ? text.endsWith(option, offset) : text.startsWith(option, offset)) {
          next.add(backward ? offset - option.length : offset + option.length);
        }
      }
    }
    at = next;
  }
  return at;
}

export function equalsIgnoringCase(pattern: CaseInsensitiveText, text: string): boolean {
  return reach(pattern, text, false).has(text.length);
}

export function startsWithIgnoringCase(pattern: CaseInsensitiveText, text: string): boolean {
  return reach(pattern, text, false).size > 0;
}

export function endsWithIgnoringCase(pattern: CaseInsensitiveText, text: string): boolean {
  return reach(pattern, text, true).size > 0;
}
