import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/replay/progress.js";
import { parseIsoTime } from "../../src/replay/time-window.js";

describe("parseIsoTime", () => {
  it.each([
    ["2026-11-20", Date.UTC(2026, 10, 20)],
    ["2026-11-20T10:15", Date.UTC(2026, 10, 20, 10, 15)],
    ["2026-11-20T10:15:42Z", Date.UTC(2026, 10, 20, 10, 15, 42)],
    ["2026-11-20T10:15:42.250Z", Date.UTC(2026, 10, 20, 10, 15, 42, 250)],
    ["2026-11-20T10:15:42+0200", Date.UTC(2026, 10, 20, 8, 15, 42)],
    ["2026-11-20 10:15:42-05:00", Date.UTC(2026, 10, 20, 15, 15, 42)],
  ])("reads %s (UTC when no offset)", (text, ms) => expect(parseIsoTime(text)).toBe(ms));

  it.each(["", "now", "20261120", "2026-11-31", "2026-02-29", "2026-11-20T24:01", "2026-11-20T10:15:42 UTC"])("refuses %j", (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });
});

describe("progressLine", () => {
  it("shows files, bytes, rate and an ETA once the total is known", () => {
    const counting = progressLine({ files: 3, bytes: 3e6, records: 3000, seconds: 1.5, total: undefined });
    expect(counting).toBe("3 files  3 MB  2,000 records/s  (counting files...)");
    const known = progressLine({ files: 250, bytes: 50e6, records: 250_000, seconds: 10, total: { files: 1000, bytes: 200e6 } });
    expect(known).toBe("[######..................] 250/1000 files  50 MB/200 MB  25,000 records/s  ETA 0:30");
  });
});
