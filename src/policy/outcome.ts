import { compilePattern, type CompiledPattern } from "../pattern/index.js";
import type { Outcome } from "./fields.js";

/**
 * What `outcome` means, in one place: `success` is a call without `errorCode`, `failure` one
 * with it, `any` either. The loader and tune files add this condition to `match`; the loaded
 * policy records whether they did (`errorCodeFromOutcome`), so explain never has to guess.
 */
export function outcomeCondition(outcome: Outcome): [{ exists: boolean }] | undefined {
  return outcome === "any" ? undefined : [{ exists: outcome === "failure" }];
}

/** `match` with the outcome's errorCode condition, unless `match` already says something about errorCode. */
export function applyOutcome(match: CompiledPattern, outcome: Outcome): { match: CompiledPattern; errorCodeFromOutcome: boolean } {
  const condition = outcomeCondition(outcome);
  if (condition === undefined || Object.hasOwn(match.source, "errorCode")) return { match, errorCodeFromOutcome: false };
  return { match: compilePattern({ ...match.source, errorCode: condition }), errorCodeFromOutcome: true };
}
