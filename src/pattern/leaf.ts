import type { JsonPrimitive } from "./json.js";

/** A test of one leaf value of the event (a string, number, boolean or null). */
export type LeafTest = (value: JsonPrimitive) => boolean;

/**
 * What one element of a pattern's value array compiles to. `exists: false` is not a
 * test of a value but of the absence of any value, so it is its own variant.
 */
export type LeafMatcher =
  | { readonly kind: "test"; readonly operator: string; readonly test: LeafTest }
  | { readonly kind: "absent" };

export function leafTest(operator: string, test: LeafTest): LeafMatcher {
  return { kind: "test", operator, test };
}

/**
 * EventBridge compares case-insensitively by upper-casing (so "ß" equals "SS" but
 * "i" does not equal "İ", as in aws/event-ruler).
 */
export function foldCase(text: string): string {
  return text.toUpperCase();
}
