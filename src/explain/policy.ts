import { matchSubject, type Verdict } from "../policy/policy-set.js";
import type { Policy } from "../policy/types.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { closestBranch, explainPattern, type PatternExplanation } from "./pattern.js";

/** Fields whose failure makes a miss uninteresting: the record is simply another call. */
export const IDENTITY_FIELDS = ["eventName", "eventSource"] as const;

export interface PolicyExplanation {
  readonly policy: string;
  readonly title: string;
  readonly severity: Policy["severity"];
  readonly outcome: Policy["outcome"];
  /** The match's errorCode condition was added by `outcome` rather than written in `match`. */
  readonly errorCodeFromOutcome: boolean;
  readonly verdict: Verdict;
  readonly match: PatternExplanation;
  /** Every `unless` pattern, in order, evaluated whether or not `match` matched. */
  readonly unless: readonly PatternExplanation[];
  /** Index of the first `unless` pattern that matched, when the alert was suppressed. */
  readonly suppressedBy: number | undefined;
  /** For a miss: the first field of the closest branch that failed. */
  readonly missedOn: string | undefined;
  /** Matched or suppressed, or missed on something other than eventName/eventSource. */
  readonly relevant: boolean;
}

/** The field a miss is blamed on: eventName first, then eventSource, then the first failed field. */
function missedField(match: PatternExplanation): string | undefined {
  if (match.matched) return undefined;
  const failed = (closestBranch(match)?.fields ?? []).filter((f) => !f.ok).map((f) => f.field);
  return IDENTITY_FIELDS.find((name) => failed.includes(name)) ?? failed[0] ?? "array consistency";
}

/**
 * Why one policy did or did not alert on one record, with the verdict `PolicySet.verdict`
 * gives: match, then the first matching `unless` suppresses. `subject` is what the patterns
 * see (`matchSubject`); a caller explaining many policies builds it once for all of them (a
 * pattern only reads its own paths, so the extra views change nothing).
 */
export function explainPolicy(policy: Policy, record: CloudTrailRecord, subject: CloudTrailRecord = matchSubject([policy], record)): PolicyExplanation {
  const match = explainPattern(policy.match, subject);
  const unless = policy.unless.map((pattern) => explainPattern(pattern, subject));
  const index = match.matched ? unless.findIndex((u) => u.matched) : -1;
  const verdict: Verdict = !match.matched ? "no-match" : index >= 0 ? "suppressed" : "alert";
  const missedOn = missedField(match);
  return {
    policy: policy.id,
    title: policy.title,
    severity: policy.severity,
    outcome: policy.outcome,
    errorCodeFromOutcome: policy.errorCodeFromOutcome === true,
    verdict,
    match,
    unless,
    suppressedBy: index >= 0 ? index : undefined,
    missedOn,
    relevant: missedOn === undefined || !(IDENTITY_FIELDS as readonly string[]).includes(missedOn),
  };
}
