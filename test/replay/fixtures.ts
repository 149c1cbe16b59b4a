import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../support/shared.js";

export const rules = path.join(repoRoot, "test/fixtures/rules");
export const records = path.join(repoRoot, "test/fixtures/records");

export type Json = Record<string, unknown>;

/** A record from test/fixtures/records, by file stem; `changes` override top-level fields. */
export function fixture(stem: string, changes: Json = {}): Json {
  return { ...(JSON.parse(readFileSync(path.join(records, `${stem}.json`), "utf8")) as Json), ...changes };
}

/** root deletes a channel: 3 alerts with the fixture rules; a root read and internal automation: none. */
export const rootDelete = (changes: Json = {}): Json => fixture("delete-channel-root", changes);
export const rootRead = (changes: Json = {}): Json => fixture("get-channel-root", changes);
export const internalDelete = (changes: Json = {}): Json => fixture("delete-channel-role-internal", changes);

export const logFile = (...recs: unknown[]): string => JSON.stringify({ Records: recs });
export const jsonLines = (...recs: unknown[]): string => recs.map((r) => JSON.stringify(r)).join("\n") + "\n";

const made: string[] = [];

/** A fresh directory under the OS temp dir holding `files` (relative path → content); removed by `cleanTemp`. */
export function tempTree(files: Record<string, string | Buffer> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "trailwatch-replay-"));
  made.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export function cleanTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The S3 key of a CloudTrail log file, as `AWSLogs/...` paths look. */
export function s3Key(account: string, region: string, day: string, stamp: string): string {
  return `AWSLogs/${account}/CloudTrail/${region}/${day.replaceAll("-", "/")}/${account}_CloudTrail_${region}_${stamp}_ABCDEFGHIJKLMNOP.json.gz`;
}

/** The JSON objects on stdout, one a line. */
export function jsonOut(stdout: string): Json[] {
  return stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Json);
}

/** A number from the summary table, e.g. summaryNumber(text, /records\s+([\d,]+) read/). */
export function summaryNumber(text: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1].replaceAll(",", ""));
}
