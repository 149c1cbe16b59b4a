import type { Alert } from "../alert/types.js";
import type { Policy } from "../policy/types.js";
import type { Decision, StateStore } from "../state/store.js";
import { DEFAULT_THROTTLE } from "../policy/noise-options.js";
import { renderKey } from "./noise-keys.js";
import { UNAVAILABLE, type NoiseSession } from "./noise-session.js";
import { throttleWindow, windowOf } from "./throttle-window.js";

export type { NoiseControl } from "./noise-session.js";

/**
 * What the gate says: a decision; "busy" while another live invocation decides for this
 * (event, policy), which then owns the alert (and its retries); "unavailable" when the
 * store failed, so the alert goes out undecided (fail open).
 */
export type GateResult = Decision | "busy" | "unavailable";

async function throttleDecision(store: StateStore, policy: Policy, alert: Alert, now: Date): Promise<Decision> {
  const throttle = policy.throttle ?? DEFAULT_THROTTLE[policy.severity];
  const window = throttleWindow(policy, alert, now);
  const { end } = windowOf(now, throttle.windowSeconds);
  const count = await store.countInWindow(window, end);
  if (count <= throttle.limit) return "send";
  const ordinal = count - throttle.limit;
  await store.noteSuppressed(window.pk, window.sk, alert.eventId, alert.eventTime ?? now.toISOString(), ordinal);
  // With every suppression, not only the first: the marker is idempotent, and one lost write
  // (throttled, timed out) must not lose the window's summary and every alert it counted.
  await store.addPendingSummary(window);
  return "throttle";
}

async function decideWith(store: StateStore, policy: Policy, alert: Alert, now: Date, leaseUntil: Date): Promise<Decision | "busy"> {
  const claim = await store.claimDecision(alert.eventId, policy.id, now, leaseUntil);
  if (claim !== "claimed") return claim;
  let decision: Decision = "send";
  if (policy.dedupe !== undefined) {
    const key = renderKey(policy.dedupe.key, alert.record);
    if (!(await store.claimDedupe(policy.id, key, alert.eventId, policy.dedupe.windowSeconds, now))) decision = "dedupe";
  }
  if (decision === "send") decision = await throttleDecision(store, policy, alert, now);
  await store.recordDecision(alert.eventId, policy.id, decision, now);
  return decision;
}

/**
 * Whether this alert is sent, deduplicated or throttled. Decided once per (eventID, policy):
 * a retried invocation gets the same answer and counts nothing twice.
 */
export async function decide(session: NoiseSession, policy: Policy, alert: Alert): Promise<GateResult> {
  const now = session.now();
  const result = await session.call("deciding dedupe/throttle", (store) => decideWith(store, policy, alert, now, session.leaseUntil));
  return result === UNAVAILABLE ? "unavailable" : result;
}
