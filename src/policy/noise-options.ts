import type { Severity } from "../record/severity.js";

/** `dedupe:` — the same rendered key alerts once per window. */
export interface DedupeOptions {
  /** Template rendered against the record, e.g. `{{requestParameters.contactChannelId}}`. */
  readonly key: string;
  readonly windowSeconds: number;
}

/** `throttle:` — at most `limit` alerts per window (per group); the rest are counted and summarised. */
export interface ThrottleOptions {
  readonly limit: number;
  readonly windowSeconds: number;
  /** Template for the group key, e.g. `{{actor.arn}}`; one budget per policy when absent. */
  readonly groupBy: string | undefined;
}

const UNITS: ReadonlyMap<string, number> = new Map([["s", 1], ["m", 60], ["h", 3600], ["d", 86400]]);

/** `30s`, `5m`, `1h`, `1d`: validation and the JSON Schema share this. */
export const DURATION = /^(\d+)([smhd])$/;

/** `30s`, `5m`, `1h`, `1d` → seconds; a message saying what is wrong otherwise. */
export function parseDuration(text: unknown, maxSeconds = 7 * 86400): number | string {
  const match = typeof text === "string" ? DURATION.exec(text.trim()) : null;
  if (match === null) return `expected a duration like 30s, 5m, 1h or 1d, not ${JSON.stringify(text)}`;
  const seconds = Number(match[1]) * (UNITS.get(match[2] as string) ?? 1);
  if (seconds < 1 || seconds > maxSeconds) return `duration must be between 1s and ${maxSeconds / 86400}d, not ${String(text)}`;
  return seconds;
}

/**
 * Throttling applied when a policy sets none (and a state table is configured): generous
 * enough that a real incident is never hidden, tight enough that a runaway script becomes
 * one summary instead of a flood. Critical stays at ≥ 1 alert per minute per caller.
 */
export const DEFAULT_THROTTLE: Readonly<Record<Severity, ThrottleOptions>> = {
  info: { limit: 10, windowSeconds: 900, groupBy: "{{actor.arn}}" },
  low: { limit: 10, windowSeconds: 600, groupBy: "{{actor.arn}}" },
  medium: { limit: 20, windowSeconds: 600, groupBy: "{{actor.arn}}" },
  high: { limit: 20, windowSeconds: 300, groupBy: "{{actor.arn}}" },
  critical: { limit: 30, windowSeconds: 300, groupBy: "{{actor.arn}}" },
};

/** The lowest rate a critical policy may be throttled to: one alert per minute per key. */
export const CRITICAL_MIN_PER_MINUTE = 1;

export function ratePerMinute(options: ThrottleOptions): number {
  return (options.limit * 60) / options.windowSeconds;
}
