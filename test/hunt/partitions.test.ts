import { describe, expect, it } from "vitest";
import { partitionsRead } from "../../src/hunt/athena-table.js";
import { daysBetween, partitionRange } from "../../src/hunt/partitions.js";

describe("time window -> partitions", () => {
  it("a 7-day window reads 9 days of partitions (one day of margin each way)", () => {
    const { from, to } = partitionRange({ since: Date.parse("2026-11-01T00:00:00Z"), until: Date.parse("2026-11-08T00:00:00Z") });
    expect([from, to]).toEqual(["2026/10/31", "2026/11/08"]);
    expect(daysBetween(from as string, to as string)).toBe(9);
  });

  it("an until at midnight does not read the day it starts, beyond the margin", () => {
    expect(partitionRange({ since: undefined, until: Date.parse("2026-11-08T00:00:00Z") })).toEqual({ from: undefined, to: "2026/11/08" });
    expect(partitionRange({ since: undefined, until: Date.parse("2026-11-08T00:00:01Z") })).toEqual({ from: undefined, to: "2026/11/09" });
  });

  it("an organization trail of 50 accounts in 17 regions over 3 years: a week reads 7,650 of 931,600 partitions", () => {
    const layout = { accounts: Array.from({ length: 50 }, (_, i) => String(i)), regions: Array.from({ length: 17 }, (_, i) => String(i)) };
    expect(partitionsRead(layout, daysBetween("2024/01/01", "2026/12/31"))).toBe(931_600);
    expect(partitionsRead(layout, 9)).toBe(7_650);
  });
});
