import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { cleanTemp, jsonOut, logFile, rootDelete, rootRead, rules, s3Key, tempTree } from "../replay/fixtures.js";

afterEach(cleanTemp);

describe("trailwatch hunt (duckdb)", () => {
  it("prints replay's alert blocks and a summary with rows scanned and returned", async () => {
    const dir = tempTree({ [s3Key("111122223333", "us-east-1", "2026-11-20", "20261120T1005Z")]: gzipSync(logFile(rootDelete(), rootRead(), rootRead())) });
    const hunted = await runCli(["hunt", dir, "--rules", rules]);
    const replayed = await runCli(["replay", dir, "--rules", rules, "--workers", "0"]);
    expect(hunted.code, hunted.stderr).toBe(0);
    const blocks = (text: string): string => text.slice(0, text.indexOf(text.includes("hunt summary") ? "hunt summary" : "replay summary"));
    expect(blocks(hunted.stdout)).toBe(blocks(replayed.stdout));
    expect(hunted.stdout).toMatch(/hunt summary \(duckdb\)\n {2}scanned +3 records in 1 files/);
    expect(hunted.stdout).toMatch(/returned +3 candidate records/);
    expect(hunted.stdout).toMatch(/alerts +3/);
  });

  it("--policy may repeat: only those policies are asked of the logs, and the query names only their fields", async () => {
    const dir = tempTree({ "a.json": logFile(rootDelete(), rootRead()) });
    const all = jsonOut((await runCli(["hunt", dir, "--rules", rules, "--json"])).stdout).map((a) => a["policy"]);
    const ids = [...new Set(all)].slice(0, 2) as string[];
    expect(ids).toHaveLength(2);
    const some = await runCli(["hunt", dir, "--rules", rules, "--json", "--policy", ids[0] as string, "--policy", ids[1] as string]);
    expect(some.code, some.stderr).toBe(0);
    expect(jsonOut(some.stdout).map((a) => a["policy"]).sort()).toEqual(all.filter((p) => ids.includes(p as string)).sort());
  });

  it("names each alert's record as replay does (file#line for JSON lines), over several files read in one query", async () => {
    const lines = (f: number): string => Array.from({ length: 2000 }, (_, i) => JSON.stringify(i % 400 === 7 ? rootDelete({ eventID: `e-${f}-${i}` }) : rootRead({ eventID: `e-${f}-${i}` }))).join("\n") + "\n";
    const dir = tempTree(Object.fromEntries(Array.from({ length: 6 }, (_, f) => [`f${f}.jsonl`, lines(f)])));
    const origins = (text: string): string[] => text.split("\n").filter((l) => l.startsWith("  id "));
    const hunted = origins((await runCli(["hunt", dir, "--rules", rules])).stdout);
    expect(hunted).toHaveLength(6 * 5 * 3);
    expect(hunted).toEqual(origins((await runCli(["replay", dir, "--rules", rules, "--workers", "0"])).stdout));
    expect(hunted.some((l) => l.endsWith(`f5.jsonl#1608)`))).toBe(true);
  });

  it("says when an unscoped policy keeps the query from narrowing", async () => {
    const dir = tempTree({ "rules/gen/wide.yml": "id: gen.wide\ntitle: w\nseverity: low\nmatch:\n  sourceIPAddress: [{cidr: 192.0.2.0/24}]\n", "logs/a.json": logFile(rootDelete(), rootRead()) });
    const out = await runCli(["hunt", `${dir}/logs`, "--rules", `${dir}/rules`, "--json"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/narrowing +none: gen\.wide pin\(s\) no field the query can filter on, so every record is a candidate/);
    expect(out.stderr).toMatch(/returned +2 candidate records/);
  });

  it("a corrupt file costs that file alone, reported like replay reports it", async () => {
    const dir = tempTree({ "a/1.json": logFile(rootDelete()), "a/2.json.gz": Buffer.from([0x1f, 0x8b, 1, 2, 3]), "a/3.json": "{not json", "a/4.json": logFile(rootDelete({ eventID: "second" })) });
    const out = await runCli(["hunt", dir, "--rules", rules, "--json"]);
    expect(out.code).toBe(0);
    expect(jsonOut(out.stdout).filter((a) => a["eventId"] === "second")).toHaveLength(3);
    expect(out.stderr).toContain(`${dir}/a/2.json.gz: `);
    expect(out.stderr).toContain(`${dir}/a/3.json: `);
    expect(out.stderr).toMatch(/2 inputs with errors/);
  });

  it("nothing readable is an input error (exit 2), as in replay", async () => {
    const out = await runCli(["hunt", "/nonexistent/trailwatch-hunt", "--rules", rules]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("/nonexistent/trailwatch-hunt: no such file or directory");
  });

  it.each([
    [["--rules", rules], /name at least one PATH/],
    [[".", "--database", "x"], /--database is for --engine athena/],
    [[".", "--engine", "spark"], /--engine "spark" is not one of duckdb, athena/],
    [[".", "--engine", "athena"], /--engine athena reads the table named by --database\/--table, not PATHs/],
    [["--engine", "athena", "--output", "results/"], /--output "results\/" is not an s3:\/\/ location/],
    [[".", "--until", "2026-01-01", "--since", "2026-02-01"], /is not before --until/],
  ])("usage errors exit 2: %j", async (args, message) => {
    const out = await runCli(["hunt", ...args]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
