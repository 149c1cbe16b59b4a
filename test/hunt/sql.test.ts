import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import trino from "node-sql-parser/build/trino.js";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";
import { cleanTemp, rules, tempTree } from "../replay/fixtures.js";

const golden = (name: string): string => path.join(repoRoot, "test/fixtures/hunt", name);

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff). */
function expectGolden(text: string, name: string): void {
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden(name), text);
  expect(text).toBe(readFileSync(golden(name), "utf8"));
}

const parser = new trino.Parser();
const parsesAsTrino = (sql: string): boolean => {
  parser.astify(sql, { database: "trino" });
  return true;
};

async function sql(...args: string[]): Promise<string> {
  const out = await runCli(["sql", ...args]);
  expect(out.code, out.stderr).toBe(0);
  return out.stdout;
}

afterEach(cleanTemp);

describe("trailwatch sql", () => {
  const window = ["--since", "2026-11-01", "--until", "2026-11-08"];

  it.each([
    ["athena", "fixture-rules.athena.sql"],
    ["duckdb", "fixture-rules.duckdb.sql"],
  ])("prints the %s query for the fixture rules (golden)", async (dialect, file) => {
    expectGolden(await sql("--dialect", dialect, "--rules", rules, ...window), file);
  });

  it.each([[[]], [window], [["--since", "2026-11-01"]], [["--policy", "ssm-contacts.contact-channel-deleted"]]])("the Athena query for the whole pack is Trino SQL (%j)", async (args) => {
    const text = await sql("--dialect", "athena", ...args);
    expect(parsesAsTrino(text)).toBe(true);
    expect(text).toMatch(/eventsource IN \('ssm-contacts\.amazonaws\.com'/);
  });

  it("narrows on request parameters with json_extract_scalar, keeping list values for the exact engine", async () => {
    const text = await sql("--dialect", "athena", "--policy", "ssm-contacts.page-accepted-without-code");
    expect(text).toContain("(json_extract_scalar(requestparameters, '$.acceptCodeValidation') = 'IGNORE' OR json_array_length(json_extract(requestparameters, '$.acceptCodeValidation')) IS NOT NULL)");
    expect(parsesAsTrino(text)).toBe(true);
  });

  it("the parser used for the check does reject broken SQL", () => {
    expect(() => parsesAsTrino("SELECT eventname FROM t WHERE (eventsource = 'x'")).toThrow();
  });

  it("maps the window to timestamp partitions, one day of margin each way", async () => {
    const text = await sql("--dialect", "athena", "--rules", rules, ...window, "--table", "security.cloudtrail_logs");
    expect(text).toContain(`"timestamp" BETWEEN '2026/10/31' AND '2026/11/08'`);
    expect(text).toContain('FROM "security"."cloudtrail_logs"');
  });

  it("quotes policy values, so a quote in a pattern cannot end the string", async () => {
    const dir = tempTree({ "gen/quote.yml": "id: gen.quote\ntitle: q\nseverity: low\nmatch:\n  eventName: [\"O'Brien'); DROP TABLE x; --\"]\n" });
    const text = await sql("--dialect", "athena", "--rules", dir);
    expect(text).toContain(`eventname = 'O''Brien''); DROP TABLE x; --'`);
    expect(parsesAsTrino(text)).toBe(true);
  });

  it("says in the query when a policy leaves every record a candidate", async () => {
    const dir = tempTree({ "gen/wide.yml": "id: gen.wide\ntitle: w\nseverity: low\nmatch:\n  sourceIPAddress: [{cidr: 10.0.0.0/8}]\n" });
    const text = await sql("--dialect", "athena", "--rules", dir);
    expect(text).toContain("-- Not narrowed: gen.wide pin(s) none of");
    expect(text).toMatch(/WHERE TRUE\n/);
  });

  it.each([
    [["--dialect", "postgres"], /--dialect "postgres" is not one of duckdb, athena/],
    [["--dialect", "duckdb", "--table", "t"], /--table names an Athena table/],
    [["--table", "db..t", "--dialect", "athena"], /has an empty part/],
    [["--policy", "no.such"], /no policy "no.such"/],
    [["--since", "yesterday"], /--since "yesterday" is not an ISO 8601 time/],
  ])("usage errors exit 2: %j", async (args, message) => {
    const out = await runCli(["sql", ...args]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});

describe("trailwatch athena-table", () => {
  it("prints the documented table with account/region/day projection for an organization trail (golden)", async () => {
    const out = await runCli(["athena-table", "--bucket", "trail-bucket", "--prefix", "org-trail", "--org-id", "o-exampleorgid", "--accounts", "111122223333,444455556666", "--regions", "us-east-1,eu-west-1"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    expectGolden(out.stdout, "org-table.sql");
  });

  it("a single-account trail has no org id in its paths; placeholders are named on stderr", async () => {
    const out = await runCli(["athena-table", "--name", "trail"]);
    expect(out.stdout).toContain("LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/'");
    expect(out.stdout).toContain("'storage.location.template' = 's3://amzn-s3-demo-bucket/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'");
    expect(out.stderr).toMatch(/placeholders left .*--bucket .*--accounts/);
  });

  it.each([
    [["--bucket", "Bad_Bucket"], /--bucket "Bad_Bucket" is not an S3 bucket name/],
    [["--org-id", "123"], /--org-id "123" is not an organization id/],
    [["--prefix", "a'b"], /--prefix "a'b" is not an S3 key prefix/],
    [["--accounts", "12345"], /--accounts "12345" is not a 12-digit account id/],
    [["--name", "x; DROP"], /--name "x; DROP" is not a table name/],
  ])("refuses values that would break the statement: %j", async (args, message) => {
    const out = await runCli(["athena-table", ...args]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
