import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { runCli } from "../support/cli.js";
import { cleanTemp, internalDelete, jsonLines, jsonOut, logFile, records, rootDelete, rootRead, rules, s3Key, summaryNumber, tempTree } from "./fixtures.js";

afterAll(cleanTemp);

const replay = (args: string[], stdin?: string) => runCli(["replay", "--rules", rules, ...args], stdin);
const ROOT_POLICIES = ["ssm-contacts.any-write-by-root", "ssm-contacts.channel-deleted-by-root", "ssm-contacts.channel-deleted"];

describe("trailwatch replay reads every input format", () => {
  it("reads a gzipped S3 log file", async () => {
    const dir = tempTree({ [s3Key("111122223333", "us-east-1", "2026-11-20", "20261120T1015Z")]: gzipSync(logFile(rootRead(), rootDelete(), internalDelete())) });
    const r = await replay(["--json", dir]);
    expect(r.code).toBe(0);
    const alerts = jsonOut(r.stdout);
    expect(alerts.map((a) => a.policy)).toEqual(ROOT_POLICIES);
    expect(new Set(alerts.map((a) => a.eventId))).toEqual(new Set([rootDelete().eventID]));
    expect(summaryNumber(r.stderr, /records\s+([\d,]+) read/)).toBe(3);
  });

  it("reads a plain {\"Records\":[...]} file, reporting its bad records by number and keeping the rest", async () => {
    const r = await replay([path.join(records, "mixed-log.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('mixed-log.json: record 4: missing "eventName"');
    expect(r.stderr).toContain("mixed-log.json: record 5: a CloudTrail record must be a JSON object, not string");
    expect(r.stdout).toContain("mixed-log.json#1)");
    expect(summaryNumber(r.stdout, /records\s+([\d,]+) read/)).toBe(3);
    expect(summaryNumber(r.stdout, /records\s+[\d,]+ read, ([\d,]+) unusable/)).toBe(2);
    expect(r.stdout).toMatch(/files\s+1 read, [\d.]+ [kM]B, 1 with errors \(.*mixed-log\.json\)/);
  });

  it("reads JSON lines, naming a broken line by its number", async () => {
    const dir = tempTree({ "events.jsonl": `${jsonLines(rootRead(), rootDelete())}{"eventSource": "ssm\n${jsonLines(rootDelete({ eventID: "line-4" }))}` });
    const r = await replay(["--json", path.join(dir, "events.jsonl")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/events\.jsonl: record 3: not JSON: /);
    expect(jsonOut(r.stdout).map((a) => a.eventId)).toEqual([...ROOT_POLICIES.map(() => rootDelete().eventID), ...ROOT_POLICIES.map(() => "line-4")]);
  });

  it("reads a pretty-printed EventBridge envelope", async () => {
    const r = await replay(["--json", path.join(records, "delete-channel-root.envelope.json")]);
    expect(r.code).toBe(0);
    expect(jsonOut(r.stdout).map((a) => a.policy)).toEqual(ROOT_POLICIES);
  });

  it("reads JSON lines from stdin", async () => {
    const r = await replay(["-", "--json"], jsonLines(rootDelete(), rootRead()));
    expect(r.code).toBe(0);
    expect(jsonOut(r.stdout)).toHaveLength(3);
    expect(summaryNumber(r.stderr, /records\s+([\d,]+) read/)).toBe(2);
  });

  it("reads gzipped data from stdin", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const gz = gzipSync(logFile(rootDelete()));
    const stdin = Readable.from([gz.subarray(0, 10), gz.subarray(10)]);
    const code = await main(["replay", "--rules", rules, "--json", "-"], { stdout: out, stderr: new PassThrough(), stdin });
    expect(code).toBe(0);
    expect(jsonOut(Buffer.concat(chunks).toString())).toHaveLength(3);
  });

  it("reads log files gunzipped one after another from stdin (zcat *.json.gz, cat a.gz b.gz)", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const stdin = Readable.from([Buffer.concat([gzipSync(logFile(rootDelete({ eventID: "a" }))), gzipSync(logFile(rootRead(), rootDelete({ eventID: "b" })))])]);
    const code = await main(["replay", "--rules", rules, "--json", "--policy", "ssm-contacts.channel-deleted", "-"], { stdout: out, stderr: new PassThrough(), stdin });
    expect(code).toBe(0);
    expect(jsonOut(Buffer.concat(chunks).toString()).map((a) => a.eventId)).toEqual(["a", "b"]);
  });

  it("walks an S3-layout tree in sorted path order, skipping digests and other files", async () => {
    const day1 = s3Key("111122223333", "us-east-1", "2026-11-19", "20261119T2355Z");
    const day2 = s3Key("111122223333", "us-east-1", "2026-11-20", "20261120T0000Z");
    const west = s3Key("111122223333", "us-west-2", "2026-11-18", "20261118T0000Z");
    const dir = tempTree({
      [day2]: gzipSync(logFile(rootDelete({ eventID: "day2" }))),
      [day1]: gzipSync(logFile(rootDelete({ eventID: "day1" }))),
      [west]: gzipSync(logFile(rootDelete({ eventID: "west" }))),
      "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/20/digest.json.gz": gzipSync(JSON.stringify({ awsAccountId: "111122223333", logFiles: [] })),
      "AWSLogs/README.txt": "not a log",
    });
    const r = await replay(["--json", "--policy", "ssm-contacts.channel-deleted", path.join(dir, "AWSLogs")]);
    expect(r.code).toBe(0);
    expect(jsonOut(r.stdout).map((a) => a.eventId)).toEqual(["day1", "day2", "west"]);
    expect(summaryNumber(r.stderr, /files\s+([\d,]+) read/)).toBe(3);
  });
});

describe("trailwatch replay reports bad inputs and goes on", () => {
  it("reports a corrupt gzip file by name and still reads the others", async () => {
    const good = gzipSync(logFile(rootDelete()));
    const corrupt = Buffer.concat([good.subarray(0, 20), Buffer.from("this is not deflate data at all")]);
    const dir = tempTree({ "a.json.gz": corrupt, "b.json.gz": good });
    const r = await replay(["--json", dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${path.join(dir, "a.json.gz").replaceAll("/", "\\/")}: corrupt gzip data`));
    expect(jsonOut(r.stdout)).toHaveLength(3);
    expect(r.stderr).toMatch(/files\s+2 read, [\d.]+ [kM]B, 1 with errors/);
  });

  it("reports a truncated log file; alone it is exit 2, nothing could be read", async () => {
    const text = logFile(rootDelete(), rootRead());
    const dir = tempTree({ "cut.json": text.slice(0, text.length - 40) });
    const r = await replay([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cut\.json: not valid JSON: /);
    expect(r.stderr).toContain("nothing could be read");
  });

  it("exits 2 on an empty directory", async () => {
    const r = await replay([tempTree()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing could be read from .*: no log files/);
  });

  it("reports a path that is not there, in its place (with --allow-missing)", async () => {
    const r = await replay(["--json", "--allow-missing", "/no/such/dir", path.join(records, "delete-channel-root.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("/no/such/dir: no such file or directory");
    expect(jsonOut(r.stdout)).toHaveLength(3);
  });

  it("prints ten problems per file and counts the rest", async () => {
    const dir = tempTree({ "junk.jsonl": `${jsonLines(rootRead())}${"[1]\n".repeat(15)}` });
    const r = await replay([dir]);
    expect(r.stderr.match(/junk\.jsonl: record \d+: a CloudTrail record must be a JSON object/g)).toHaveLength(10);
    expect(r.stderr).toContain("junk.jsonl: 5 more problem(s) not shown");
    expect(summaryNumber(r.stdout, /read, ([\d,]+) unusable/)).toBe(15);
  });
});
