import type { CloudTrailRecord } from "../record/cloudtrail.js";

/** `--since` (inclusive) and `--until` (exclusive), in epoch milliseconds. */
export interface TimeWindow {
  readonly since: number | undefined;
  readonly until: number | undefined;
}

// ISO 8601 as people type it: a date, optionally a time, optionally an offset (UTC when absent).
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

function isCalendarDate(date: string): boolean {
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** Epoch milliseconds of an ISO 8601 time, or undefined when `text` is not one (2026-02-31 is not). */
export function parseIsoTime(text: string): number | undefined {
  const m = ISO_8601.exec(text.trim());
  if (m === null || !isCalendarDate(m[1] as string)) return undefined;
  const [, date, time, offset] = m;
  // Date.parse reads a date-time without offset as local time; replay means UTC, like CloudTrail.
  const zone = offset === undefined || offset.toUpperCase() === "Z" ? "Z" : offset.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const ms = Date.parse(`${date}T${time ?? "00:00"}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Whether a record's eventTime falls in the window; a record without a readable eventTime does not. */
export function inWindow(window: TimeWindow, record: CloudTrailRecord): boolean {
  return inWindowAt(window, record.eventTime);
}

/** Whether an `eventTime` value falls in the window; anything but a readable time string does not. */
export function inWindowAt(window: TimeWindow, eventTime: unknown): boolean {
  const time = typeof eventTime === "string" ? Date.parse(eventTime) : NaN;
  if (Number.isNaN(time)) return false;
  return (window.since === undefined || time >= window.since) && (window.until === undefined || time < window.until);
}

export function isOpen(window: TimeWindow): boolean {
  return window.since === undefined && window.until === undefined;
}
