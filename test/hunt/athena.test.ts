import { readFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ATHENA_COLUMNS, ATHENA_PATH_COLUMN } from "../../src/hunt/athena-sql.js";
import { AthenaQueryError, huntWithAthena, QUERY_DEADLINE_MS, type AthenaClock, type AthenaTarget } from "../../src/hunt/athena.js";
import { buildPrefilter } from "../../src/hunt/prefilter.js";
import { loadPolicies } from "../../src/policy/load.js";
import { startAthenaServer, type AthenaServer, type CannedRow } from "../support/athena-server.js";
import { runCli } from "../support/cli.js";
import { jsonOut, records, rules, tempTree, cleanTemp, logFile } from "../replay/fixtures.js";

type Json = Record<string, unknown>;

const lowerKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
};

/** One record as the documented table returns it: lower-case columns, structs as JSON (CAST AS JSON). */
function athenaRow(record: Json, s3Key: string): CannedRow {
  const row: Record<string, string | null> = { [ATHENA_PATH_COLUMN]: s3Key };
  for (const { column, key, kind } of ATHENA_COLUMNS) {
    const value = record[key];
    if (value === undefined || value === null) row[column] = null;
    else if (kind === "string" || kind === "boolean") row[column] = String(value);
    else if (kind === "json") row[column] = JSON.stringify(value);
    else row[column] = JSON.stringify(lowerKeys(value));
  }
  return row;
}

const COLUMNS = [...ATHENA_COLUMNS.map((c) => c.column), ATHENA_PATH_COLUMN];
const fixture = (stem: string): Json => JSON.parse(readFileSync(path.join(records, `${stem}.json`), "utf8")) as Json;
const KEY = "s3://trail-bucket/AWSLogs/o-exampleorgid/111122223333/CloudTrail/us-east-1/2026/11/20/f.json.gz";

/** An injected clock: sleeps return at once and are recorded; `onSleep` may act (e.g. press Ctrl-C). */
function fakeClock(onSleep: (ms: number) => void = () => undefined): AthenaClock & { sleeps: number[]; time: number } {
  const clock = {
    sleeps: [] as number[],
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
      onSleep(ms);
    },
  };
  return clock;
}

const target: AthenaTarget = { database: "security", table: "cloudtrail_logs", workgroup: "hunting", output: "s3://results-bucket/trailwatch/", region: "us-east-1" };

function request(signal = new AbortController().signal) {
  const policies = loadPolicies(rules).policies;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const io = { stdout: out, stderr: new PassThrough(), stdin: Readable.from([]) };
  const window = { since: Date.parse("2026-11-19T00:00:00Z"), until: Date.parse("2026-11-27T00:00:00Z") };
  return { req: { paths: [], policies, prefilter: buildPrefilter(policies), settings: { json: true, window }, io, signal }, text: () => Buffer.concat(chunks).toString("utf8") };
}

let server: AthenaServer;

async function serve(script: Parameters<typeof startAthenaServer>[0]): Promise<AthenaServer> {
  server = await startAthenaServer(script);
  vi.stubEnv("AWS_ENDPOINT_URL", server.url);
  return server;
}

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  cleanTemp();
  await server?.close();
});

describe("hunt --engine athena against a local Athena (JSON 1.1, AmazonAthena.*)", () => {
  it("reports what replay reports for the same records, with the data scanned and the query id", async () => {
    const recs = [fixture("delete-channel-root"), fixture("get-channel-root"), fixture("delete-channel-role-internal")];
    await serve({ columns: COLUMNS, rows: recs.map((r) => athenaRow(r, KEY)), dataScannedInBytes: 123_456_789, inputRows: 5_000_000 });
    const hunted = await runCli(["hunt", "--engine", "athena", "--rules", rules, "--database", "security", "--table", "cloudtrail_logs", "--workgroup", "hunting", "--output", "s3://results-bucket/x/", "--json"]);
    const replayed = await runCli(["replay", tempTree({ "f.json": logFile(...recs) }), "--rules", rules, "--json", "--workers", "0"]);
    expect(hunted.code, hunted.stderr).toBe(0);
    expect(jsonOut(hunted.stdout).length).toBeGreaterThan(0);
    expect(hunted.stdout).toBe(replayed.stdout);
    expect(hunted.stderr).toContain("hunt summary (athena)");
    expect(hunted.stderr).toMatch(/scanned +5,000,000 records, 123\.5 MB of data \(query q-0001\)/);
    expect(hunted.stderr).toMatch(/returned +3 candidate records/);
    const started = server.started[0] as Json;
    expect(started).toMatchObject({ QueryExecutionContext: { Database: "security" }, WorkGroup: "hunting", ResultConfiguration: { OutputLocation: "s3://results-bucket/x/" } });
    expect(String(started["QueryString"])).toContain('FROM "cloudtrail_logs"');
    expect(server.calls).toEqual(["StartQueryExecution", "GetQueryExecution", "GetQueryRuntimeStatistics", "GetQueryResults"]);
  });

  it("polls with growing delays on the injected clock until the query succeeds", async () => {
    await serve({ columns: COLUMNS, rows: [], states: ["QUEUED", "RUNNING", "RUNNING", "RUNNING", "SUCCEEDED"] });
    const clock = fakeClock();
    const { req } = request();
    const outcome = await huntWithAthena(req, target, clock);
    expect(clock.sleeps).toEqual([250, 375, 563, 845]);
    expect(server.calls.filter((c) => c === "GetQueryExecution")).toHaveLength(5);
    expect(outcome.stats).toMatchObject({ queryId: "q-0001", rowsReturned: 0, rowsScanned: undefined, cancelled: false });
  });

  it("reads every page of results (NextToken), the header row only once", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => athenaRow({ ...fixture("delete-channel-root"), eventID: `id-${i}` }, KEY));
    await serve({ columns: COLUMNS, rows, pageSize: 3 });
    const { req, text } = request();
    const outcome = await huntWithAthena(req, target, fakeClock());
    expect(server.calls.filter((c) => c === "GetQueryResults")).toHaveLength(3);
    expect(outcome.stats.rowsReturned).toBe(7);
    const ids = new Set(jsonOut(text()).map((a) => a["eventId"]));
    expect([...ids].sort()).toEqual(rows.map((_, i) => `id-${i}`));
  });

  it("stops the query (StopQueryExecution) on Ctrl-C and says the results are partial", async () => {
    await serve({ columns: COLUMNS, rows: [], states: ["RUNNING"] });
    const controller = new AbortController();
    const { req } = request(controller.signal);
    const outcome = await huntWithAthena(req, target, fakeClock(() => controller.abort()));
    expect(server.calls).toEqual(["StartQueryExecution", "GetQueryExecution", "StopQueryExecution"]);
    expect(outcome.stats.cancelled).toBe(true);
  });

  it("stops a query still running at the deadline and says how to narrow it", async () => {
    await serve({ columns: COLUMNS, rows: [], states: ["RUNNING"] });
    const clock = fakeClock((ms) => (clock.time += QUERY_DEADLINE_MS / 4 - ms));
    const { req } = request();
    await expect(huntWithAthena(req, target, clock)).rejects.toThrow(/still running after 60 minutes: stopped it/);
    expect(server.calls.at(-1)).toBe("StopQueryExecution");
  });

  it("a failed query is an error naming Athena's reason, and exit code 1 from the CLI", async () => {
    await serve({ columns: COLUMNS, rows: [], states: ["FAILED"], stateChangeReason: "TABLE_NOT_FOUND: line 5:6: Table 'awsdatacatalog.security.nope' does not exist" });
    const { req } = request();
    await expect(huntWithAthena(req, target, fakeClock())).rejects.toThrow(AthenaQueryError);
    const cli = await runCli(["hunt", "--engine", "athena", "--rules", rules, "--table", "nope"]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("Athena query q-0001 failed: TABLE_NOT_FOUND");
  });
});
