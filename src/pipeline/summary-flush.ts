import { deliverAlert, type AlertOutcome, type Pipeline } from "./process.js";
import { summaryAlert } from "./throttle-summary.js";

/**
 * Sends the summary of every throttle window that has closed. Called at the start of each
 * invocation (the next event after a window closes brings its summary) and by the scheduled
 * sweep (so a quiet system still gets it within the schedule's period). A summary that
 * fails is released and retried by the next flush; it never fails the current event.
 */
export async function flushSummaries(pipeline: Pipeline): Promise<AlertOutcome[]> {
  const noise = pipeline.noise;
  if (noise === undefined) return [];
  const outcomes: AlertOutcome[] = [];
  for (const pending of await noise.store.dueSummaries(noise.now())) {
    if (!(await noise.store.claimSummary(pending.windowPk, pending.windowSk, noise.now()))) continue;
    const window = await noise.store.window(pending.windowPk, pending.windowSk);
    const policy = window && pipeline.policySet.policy(window.policy);
    if (window === undefined || policy === undefined) {
      await noise.store.removePendingSummary(pending.sk);
      continue;
    }
    const outcome = await deliverAlert(pipeline, summaryAlert(policy, window));
    const sent = outcome.failures.length === 0;
    await noise.store.settleSummary(pending.windowPk, pending.windowSk, sent, noise.now());
    if (sent) await noise.store.removePendingSummary(pending.sk);
    outcomes.push(outcome);
  }
  return outcomes;
}
