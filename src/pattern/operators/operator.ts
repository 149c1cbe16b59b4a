import type { JsonPath, JsonValue } from "../json.js";
import type { PatternIssue } from "../issues.js";
import type { LeafMatcher } from "../leaf.js";

/** What parsing an operator's operand gives: a matcher, or the problems found. */
export type OperatorResult = LeafMatcher | PatternIssue[];

/**
 * One EventBridge comparison operator, e.g. `{"prefix": "Delete"}`. Each lives in its own
 * file and is listed once in the registry (`registry.ts`); the JSON Schema for policies
 * and the documentation are generated from these entries.
 */
export interface Operator {
  /** The operator's name as EventBridge spells it. */
  readonly name: string;
  readonly summary: string;
  /** A value array using this operator, as a policy author would write it. */
  readonly example: JsonValue;
  /** JSON Schema of the operand (the value after the operator's key). */
  readonly operandSchema: Record<string, unknown>;
  /** Parses the operand found at `path` (the path of the operator key itself). */
  parse(operand: JsonValue, path: JsonPath): OperatorResult;
}

export function issue(path: JsonPath, message: string): PatternIssue[] {
  return [{ path, message }];
}
