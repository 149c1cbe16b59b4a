import type { JsonPath } from "./json.js";

/** One problem found in an event pattern, located by its path inside the pattern. */
export interface PatternIssue {
  readonly path: JsonPath;
  readonly message: string;
}

/** Thrown by `compilePattern` when a pattern is not valid EventBridge syntax. */
export class InvalidPatternError extends Error {
  override readonly name = "InvalidPatternError";
  readonly issues: readonly PatternIssue[];

  constructor(issues: readonly PatternIssue[]) {
    super(`invalid event pattern: ${issues.map((i) => i.message).join("; ")}`);
    this.issues = issues;
  }
}
