import { deliverAlert, type AlertOutcome, type Invocation, type Pipeline } from "../handler/pipeline.js";
import { UNAVAILABLE } from "./session.js";
import { summaryAlert } from "./summary.js";

/** What one flush did. */
export interface FlushReport {
  /** Closed windows that owed a summary when the flush began. */
  readonly owed: number;
  /** One per summary this flush tried to deliver. */
  readonly outcomes: readonly AlertOutcome[];
  /** Summaries left for a later flush because the budget ran out (the scheduled sweep sends them). */
  readonly deferred: number;
}

/**
 * A summary is started only with this much budget left: less would end in a timeout that
 * reports a failure instead of leaving the summary, untouched, for the 5-minute sweep.
 */
export const SUMMARY_MIN_BUDGET_MS = 3000;

/**
 * Sends the summary of every throttle window that has closed, within the invocation's
 * remaining budget. Called after the incoming event is handled (the next event after a window
 * closes brings its summary) and by the scheduled sweep (so a quiet system still gets it within
 * the schedule's period). A summary that fails is released and retried by the next flush, and
 * the delivery ledger re-sends it only to the destinations that failed; it never fails the
 * current event.
 */
export async function flushSummaries(pipeline: Pipeline, invocation: Invocation): Promise<FlushReport> {
  const session = invocation.noise;
  if (session === undefined) return { owed: 0, outcomes: [], deferred: 0 };
  const due = await session.call("listing owed summaries", (store) => store.dueSummaries(session.now()));
  if (due === UNAVAILABLE) return { owed: 0, outcomes: [], deferred: 0 };
  const outcomes: AlertOutcome[] = [];
  for (const [index, pending] of due.entries()) {
    if (!invocation.deadline.fits(SUMMARY_MIN_BUDGET_MS)) {
      const deferred = due.length - index;
      pipeline.logger.warn("throttle summaries left for the scheduled sweep: the invocation's budget is spent", { deferred, remainingMs: invocation.deadline.remainingMs() });
      return { owed: due.length, outcomes, deferred };
    }
    const claimed = await session.call("claiming a summary", (store) => store.claimSummary(pending.windowPk, pending.windowSk, session.now(), session.leaseUntil));
    if (claimed === UNAVAILABLE) return { owed: due.length, outcomes, deferred: due.length - index };
    if (!claimed) continue;
    const window = await session.call("reading a throttle window", (store) => store.window(pending.windowPk, pending.windowSk));
    if (window === UNAVAILABLE) return { owed: due.length, outcomes, deferred: due.length - index };
    const policy = window && pipeline.policySet.policy(window.policy);
    if (window === undefined || policy === undefined) {
      await session.call("removing a stale summary marker", (store) => store.removePendingSummary(pending.sk));
      continue;
    }
    const outcome = await deliverAlert(pipeline, summaryAlert(policy, window), invocation);
    const sent = outcome.failures.length === 0 && outcome.inFlight.length === 0;
    await session.call("settling a summary", (store) => store.settleSummary(pending.windowPk, pending.windowSk, sent, session.now()));
    if (sent) await session.call("removing a sent summary's marker", (store) => store.removePendingSummary(pending.sk));
    outcomes.push(outcome);
  }
  return { owed: due.length, outcomes, deferred: 0 };
}
