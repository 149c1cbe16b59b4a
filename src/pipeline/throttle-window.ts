import type { Alert } from "../alert/types.js";
import { DEFAULT_THROTTLE } from "../policy/noise-options.js";
import type { Policy } from "../policy/types.js";
import { renderKey } from "./noise-keys.js";

/**
 * Throttle windows: fixed windows of `window` seconds aligned to the epoch (a 5m window runs
 * 10:00-10:05, 10:05-10:10, ...), so every invocation puts an alert in the same window
 * without coordinating; the window's state item is keyed by policy, group and start.
 */
export function windowOf(now: Date, seconds: number): { start: Date; end: Date } {
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

