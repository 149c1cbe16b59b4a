import type { TimeWindow } from "../replay/time-window.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days either side of the window that are read as well. CloudTrail files a record under the day
 * its log file was delivered (UTC), minutes after the call and sometimes on the next day; one
 * day of margin each way keeps every record of the window, and the exact engine drops the rest.
 */
export const PARTITION_MARGIN_DAYS = 1;

/** The `yyyy/MM/dd` partition value of a time, as CloudTrail's S3 layout writes it. */
export function partitionDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
}

/** The first and last partition day a window reads (inclusive); undefined ends are open. */
export function partitionRange(window: TimeWindow): { from: string | undefined; to: string | undefined } {
  return {
    from: window.since === undefined ? undefined : partitionDay(window.since - PARTITION_MARGIN_DAYS * DAY_MS),
    to: window.until === undefined ? undefined : partitionDay(window.until - 1 + PARTITION_MARGIN_DAYS * DAY_MS),
  };
}

/** The days from `from` to `to` inclusive (both `yyyy/MM/dd`). */
export function daysBetween(from: string, to: string): number {
  const ms = (day: string): number => Date.parse(`${day.replaceAll("/", "-")}T00:00:00Z`);
  return Math.max(0, Math.round((ms(to) - ms(from)) / DAY_MS) + 1);
}
