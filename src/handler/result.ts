import type { FlushReport } from "../pipeline/summary-flush.js";
import type { AlertOutcome, Invocation } from "../pipeline/process.js";

/** What one invocation did; `degraded` and `skipped` say what it could not do fully, and why. */
export interface InvocationResult {
  readonly eventID: string | undefined;
  readonly alerts: number;
  readonly delivered: number;
  readonly suppressed: number;
  readonly summaries: number;
  /** Alerts a silence held (not in `suppressed`, which counts dedupe and throttle). */
  readonly silenced: number;
  /** Work done in a reduced mode, e.g. `noise control unavailable (...)`. */
  readonly degraded: readonly string[];
  /** Work left undone on purpose, e.g. a duplicate standing down, summaries left for the sweep. */
  readonly skipped: readonly string[];
}

function skippedWork(outcomes: readonly AlertOutcome[], flush: FlushReport): string[] {
  const skipped: string[] = [];
  for (const o of outcomes) {
    if (o.decision === "busy") skipped.push(`${o.alert.policy}: another invocation is handling eventID ${o.alert.eventId} now`);
    else if (o.inFlight.length > 0) skipped.push(`${o.alert.policy}: another invocation is delivering to ${o.inFlight.join(", ")} now`);
  }
  if (flush.deferred > 0) skipped.push(`${flush.deferred} throttle summary(ies) left for the scheduled sweep: the budget was spent`);
  return skipped;
}

export function invocationResult(eventID: string | undefined, outcomes: readonly AlertOutcome[], flush: FlushReport, invocation: Invocation): InvocationResult {
  const unavailable = invocation.noise?.unavailable;
  return {
    eventID,
    alerts: outcomes.length,
    delivered: outcomes.reduce((n, o) => n + o.delivered.length, 0),
    suppressed: outcomes.filter((o) => o.decision === "dedupe" || o.decision === "throttle").length,
    summaries: flush.outcomes.length,
    silenced: outcomes.filter((o) => o.decision === "silenced").length,
    degraded: unavailable === undefined ? [] : [`noise control unavailable (${unavailable}): alerts were delivered without dedupe or throttling`],
    skipped: skippedWork(outcomes, flush),
  };
}
