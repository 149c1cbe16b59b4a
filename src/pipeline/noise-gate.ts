import type { Alert } from "../alert/types.js";
import type { Policy } from "../policy/types.js";
import type { Decision, StateStore } from "../state/store.js";
import { renderKey } from "./noise-keys.js";
import { DEFAULT_THROTTLE } from "../policy/noise-options.js";

/** The state behind noise control, and the clock (tests drive simulated time through it). */
export interface NoiseControl {
  readonly store: StateStore;
  readonly now: () => Date;
}

/** Another container is deciding for this event right now; the invocation is retried. */
export class DecisionBusyError extends Error {
  override readonly name = "DecisionBusyError";
}

function windowOf(now: Date, seconds: number): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / 1000 / seconds) * seconds * 1000;
  return { start: new Date(start), end: new Date(start + seconds * 1000) };
}

/** The key of a throttle window's state item (also what a Slack thread per burst hangs on). */
export function throttleWindowKey(policy: string, group: string, windowStart: string): { pk: string; sk: string } {
  return { pk: `throttle#${policy}#${group}`, sk: windowStart };
}

/** The throttle window this alert falls in at `now`: one home for the burst an alert belongs to. */
export function throttleWindow(policy: Policy, alert: Alert, now: Date) {
  const throttle = policy.throttle ?? DEFAULT_THROTTLE[policy.severity];
  const group = throttle.groupBy === undefined ? "*" : renderKey(throttle.groupBy, alert.record);
  const { start, end } = windowOf(now, throttle.windowSeconds);
  return { ...throttleWindowKey(policy.id, group, start.toISOString()), policy: policy.id, group, windowStart: start.toISOString(), windowEnd: end.toISOString(), limit: throttle.limit };
}

async function throttleDecision(noise: NoiseControl, policy: Policy, alert: Alert, now: Date): Promise<Decision> {
  const throttle = policy.throttle ?? DEFAULT_THROTTLE[policy.severity];
  const window = throttleWindow(policy, alert, now);
  const { end } = windowOf(now, throttle.windowSeconds);
  const count = await noise.store.countInWindow(window, end);
  if (count <= throttle.limit) return "send";
  const ordinal = count - throttle.limit;
  await noise.store.noteSuppressed(window.pk, window.sk, alert.eventId, alert.eventTime ?? now.toISOString(), ordinal);
  if (ordinal === 1) await noise.store.addPendingSummary(window);
  return "throttle";
}

/**
 * Whether this alert is sent, deduplicated or throttled. Decided once per (eventID, policy):
 * a retried invocation gets the same answer and counts nothing twice.
 */
export async function decide(noise: NoiseControl, policy: Policy, alert: Alert): Promise<Decision> {
  const now = noise.now();
  const claim = await noise.store.claimDecision(alert.eventId, policy.id, now);
  if (claim === "busy") throw new DecisionBusyError(`another invocation is deciding for eventID ${alert.eventId}, policy ${policy.id}`);
  if (claim !== "claimed") return claim;
  let decision: Decision = "send";
  if (policy.dedupe !== undefined) {
    const key = renderKey(policy.dedupe.key, alert.record);
    if (!(await noise.store.claimDedupe(policy.id, key, alert.eventId, policy.dedupe.windowSeconds, now))) decision = "dedupe";
  }
  if (decision === "send") decision = await throttleDecision(noise, policy, alert, now);
  await noise.store.recordDecision(alert.eventId, policy.id, decision, now);
  return decision;
}
