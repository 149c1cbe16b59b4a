import type { Policy } from "../policy/types.js";
import type { PendingSummary, ThrottleWindow } from "../state/store.js";
import { UNAVAILABLE, type NoiseSession } from "./noise-session.js";
import { deliverAlert, type AlertOutcome, type Invocation, type Pipeline } from "./process.js";
import { summaryAlert } from "./throttle-summary.js";

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
 * Summaries start only with this much budget left (one quick round trip to each destination);
 * with less, they wait, untouched, for the 5-minute sweep. A summary that starts and then
 * times out is only released for the next flush: it never fails the invocation.
 */
export const SUMMARY_MIN_BUDGET_MS = 1000;

/** Summaries one flush sends at most (at once); the rest wait for the next flush. Slack posts ~1/s per channel. */
export const MAX_SUMMARIES_PER_FLUSH = 10;

/** Claims one owed summary and reads its window; undefined when there is nothing to send. */
async function claimOne(pipeline: Pipeline, session: NoiseSession, pending: PendingSummary) {
  const claimed = await session.call("claiming a summary", (store) => store.claimSummary(pending.windowPk, pending.windowSk, session.now(), session.leaseUntil));
  if (claimed === UNAVAILABLE || !claimed) return claimed === UNAVAILABLE ? UNAVAILABLE : undefined;
  const window = await session.call("reading a throttle window", (store) => store.window(pending.windowPk, pending.windowSk));
  if (window === UNAVAILABLE) return UNAVAILABLE;
  const policy = window && pipeline.policySet.policy(window.policy);
  if (window !== undefined && policy !== undefined) return { pending, window, policy };
  await session.call("removing a stale summary marker", (store) => store.removePendingSummary(pending.sk));
  return undefined;
}

/**
 * Sends the summary of every throttle window that has closed, all at once, within the
 * invocation's remaining budget. Called after the incoming event is handled (the next event
 * after a window closes brings its summary) and by the scheduled sweep (so a quiet system still
 * gets it within the schedule's period). A summary that fails is released and retried by the next flush, and
 * the delivery ledger re-sends it only to the destinations that failed; it never fails the
 * current event.
 */
export async function flushSummaries(pipeline: Pipeline, invocation: Invocation): Promise<FlushReport> {
  const session = invocation.noise;
  if (session === undefined) return { owed: 0, outcomes: [], deferred: 0 };
  const due = await session.call("listing owed summaries", (store) => store.dueSummaries(session.now()));
  if (due === UNAVAILABLE) return { owed: 0, outcomes: [], deferred: 0 };
  if (due.length > 0 && !invocation.deadline.fits(SUMMARY_MIN_BUDGET_MS)) {
    pipeline.logger.warn("throttle summaries left for the scheduled sweep: the invocation's budget is spent", { deferred: due.length, remainingMs: invocation.deadline.remainingMs() });
    return { owed: due.length, outcomes: [], deferred: due.length };
  }
  const claimed: Array<{ pending: PendingSummary; window: ThrottleWindow; policy: Policy }> = [];
  for (const pending of due.slice(0, MAX_SUMMARIES_PER_FLUSH)) {
    const claim = await claimOne(pipeline, session, pending);
    if (claim === UNAVAILABLE) break;
    if (claim !== undefined) claimed.push(claim);
  }
  // Concurrently, so each destination goes at its own pace: a hung Slack holds up no e-mail.
  const outcomes = await Promise.all(claimed.map(async ({ pending, window, policy }) => {
    const outcome = await deliverAlert(pipeline, summaryAlert(policy, window), invocation);
    const sent = outcome.failures.length === 0 && outcome.inFlight.length === 0;
    await session.call("settling a summary", (store) => store.settleSummary(pending.windowPk, pending.windowSk, sent, session.now()));
    if (sent) await session.call("removing a sent summary's marker", (store) => store.removePendingSummary(pending.sk));
    return outcome;
  }));
  return { owed: due.length, outcomes, deferred: Math.max(0, due.length - MAX_SUMMARIES_PER_FLUSH) };
}
