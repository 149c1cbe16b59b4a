import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { alertJson } from "../../src/alert/build.js";
import type { Alert } from "../../src/alert/types.js";
import { runCli } from "../support/cli.js";
import { cleanTemp, internalDelete, jsonLines, jsonOut, logFile, rootDelete, rootRead, rules, summaryNumber, tempTree } from "./fixtures.js";

afterAll(cleanTemp);

const replay = (args: string[], stdin?: string) => runCli(["replay", "--rules", rules, ...args], stdin);
const at = (eventTime: string, eventID: string) => rootDelete({ eventTime, eventID });

/** Three hours of root deletions, one an hour, each alerting three policies. */
const hours = () => jsonLines(at("2026-11-20T09:00:00Z", "h09"), at("2026-11-20T10:00:00Z", "h10"), at("2026-11-20T11:00:00Z", "h11"), rootRead({ eventTime: undefined }));

describe("trailwatch replay --since/--until", () => {
  it.each([
    [["--since", "2026-11-20T10:00:00Z"], ["h10", "h11"], 2],
    [["--until", "2026-11-20T10:00:00Z"], ["h09"], 3],
    [["--since", "2026-11-20T09:30Z", "--until", "2026-11-20T11:00:00Z"], ["h10"], 3],
    [["--since", "2026-11-20T11:00:00+01:00"], ["h10", "h11"], 2],
    [["--since", "2026-11-20"], ["h09", "h10", "h11"], 1],
  ])("%j keeps %j; counts the rest (and records without eventTime) as outside", async (flags, kept, outside) => {
    const r = await replay(["--json", "--policy", "ssm-contacts.channel-deleted", ...flags, "-"], hours());
    expect(r.code).toBe(0);
    expect(jsonOut(r.stdout).map((a) => a.eventId)).toEqual(kept);
    expect(summaryNumber(r.stderr, /records\s+([\d,]+) read/)).toBe(4);
    expect(summaryNumber(r.stderr, /([\d,]+) outside --since\/--until/)).toBe(outside);
  });

  it.each([["--since", "yesterday"], ["--until", "2026-02-31"], ["--since", "2026-11-20T25:00Z"]])("rejects %s %s as a usage error", async (flag, value) => {
    const r = await replay([flag, value, "-"], hours());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag} "${value}" is not an ISO 8601 time`);
  });

  it("rejects a window that ends before it starts", async () => {
    const r = await replay(["--since", "2026-11-21", "--until", "2026-11-20", "-"], hours());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not before --until");
  });
});

describe("trailwatch replay --policy", () => {
  it("evaluates only the named policy", async () => {
    const r = await replay(["--json", "--policy", "ssm-contacts.channel-deleted-by-root", "-"], hours());
    expect(r.code).toBe(0);
    expect(new Set(jsonOut(r.stdout).map((a) => a.policy))).toEqual(new Set(["ssm-contacts.channel-deleted-by-root"]));
    expect(jsonOut(r.stdout)).toHaveLength(3);
  });

  it("exits 2 on an unknown id, suggesting the closest", async () => {
    const r = await replay(["--policy", "ssm-contacts.channel-delete", "-"], hours());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no policy "ssm-contacts.channel-delete" (did you mean "ssm-contacts.channel-deleted"?)');
  });
});

describe("trailwatch replay output", () => {
  it("--json prints one alertJson object a line, in file then record order, and the summary on stderr", async () => {
    const dir = tempTree({
      "b.json.gz": gzipSync(logFile(rootDelete({ eventID: "b1" }), internalDelete(), rootDelete({ eventID: "b3" }))),
      "a.jsonl": jsonLines(rootDelete({ eventID: "a1" })),
    });
    const r = await replay(["--json", "--policy", "ssm-contacts.channel-deleted", dir]);
    expect(r.code).toBe(0);
    const alerts = jsonOut(r.stdout);
    expect(alerts.map((a) => a.eventId)).toEqual(["a1", "b1", "b3"]);
    const keys = Object.keys(alertJson({ record: {} } as Alert));
    for (const alert of alerts) expect(Object.keys(alert)).toEqual(keys);
    expect(r.stdout).not.toContain("replay summary");
    expect(r.stderr).toContain("replay summary");
  });

  it("prints eval's alert block with file#record, then the summary table with counts per policy and severity", async () => {
    const dir = tempTree({ "log.json": logFile(rootRead(), rootDelete(), rootDelete({ eventID: "second" }), internalDelete(), { eventName: "NoSource" }) });
    const r = await replay([dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[CRITICAL] Contact channel deleted by the root user  (ssm-contacts.channel-deleted-by-root)");
    expect(r.stdout).toContain(`(${path.join(dir, "log.json")}#3)`);
    expect(r.stderr).toContain('log.json: record 5: missing "eventSource"');
    expect(summaryNumber(r.stdout, /records\s+([\d,]+) read/)).toBe(4);
    expect(summaryNumber(r.stdout, /read, ([\d,]+) unusable/)).toBe(1);
    expect(r.stdout).toMatch(/alerts\s+6 \(critical 2, high 4\)/);
    expect(r.stdout).toMatch(/ssm-contacts\.channel-deleted-by-root\s+critical\s+2\n/);
    expect(r.stdout).toMatch(/ssm-contacts\.any-write-by-root\s+high\s+2\n/);
    expect(r.stdout).toMatch(/ssm-contacts\.channel-deleted\s+high\s+2\n/);
    expect(r.stdout).toMatch(/speed\s+[\d,]+ records\/s \([\d.]+ s, in one thread\)/);
  });

  it("needs a PATH, and --workers is a whole number", async () => {
    expect((await replay([])).stderr).toContain("name at least one PATH");
    const bad = await replay(["--workers", "two", "-"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--workers "two" is not a whole number');
  });
});
