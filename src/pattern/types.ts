import type { JsonObject, JsonPath } from "./json.js";
import type { LeafMatcher, LeafTest } from "./leaf.js";

/** One field of a pattern, after `$or` has been multiplied out. */
export interface FieldCondition {
  /** Object keys from the event root to the field (arrays are transparent). */
  readonly path: readonly string[];
  /** The dotted path; fields are tried in this order, as aws/event-ruler does. */
  readonly order: string;
  readonly tests: readonly LeafTest[];
  /** The value array holds `{"exists": false}`: no value at the path also matches. */
  readonly absent: boolean;
  /** Where this field's value array sits in the pattern source. */
  readonly at: JsonPath;
  readonly matchers: readonly LeafMatcher[];
}

/** All fields of one `$or` branch combination: every field must match. */
export type Conjunction = readonly FieldCondition[];

export interface CompiledPattern {
  readonly source: JsonObject;
  readonly branches: readonly Conjunction[];
  matches(event: unknown): boolean;
}
