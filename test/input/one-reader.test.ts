import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CONTAINER_FORMATS, EVENT_FORMATS } from "../../src/input/formats.js";
import { runCli } from "../support/cli.js";
import { cleanTemp, jsonLines, jsonOut, logFile, rootDelete, rootRead, rules, tempTree, type Json } from "../replay/fixtures.js";

afterAll(cleanTemp);

const deleteA = rootDelete({ eventID: "a" });
const deleteB = rootDelete({ eventID: "b" });
const envelope = (record: Json): Json => ({ version: "0", "detail-type": "AWS API Call via CloudTrail", source: "aws.ssm-contacts", detail: record });

/** Every input format, each naming the registry entries it exercises: `eval` and `replay` must read them alike. */
const INPUTS: readonly { name: string; formats: readonly string[]; text: string }[] = [
  { name: "a CloudTrail log file", formats: ["cloudtrail-log-file", "bare-record"], text: logFile(deleteA, rootRead(), deleteB) },
  { name: "a JSON array of a record and an envelope", formats: ["json-array", "eventbridge-envelope"], text: JSON.stringify([deleteA, envelope(deleteB)]) },
  { name: "a pretty-printed envelope", formats: ["eventbridge-envelope"], text: JSON.stringify(envelope(deleteA), null, 2) },
  { name: "a bare record", formats: ["bare-record"], text: JSON.stringify(deleteA) },
  { name: "JSON lines with a broken line", formats: [], text: `${jsonLines(deleteA, rootRead())}{"broken\n${jsonLines(envelope(deleteB))}` },
  { name: "log files one after another (zcat *.json.gz)", formats: [], text: logFile(deleteA) + logFile(rootRead(), deleteB) },
  { name: "JSON lines after a byte order mark", formats: [], text: `\ufeff${jsonLines(deleteA, deleteB)}` },
  { name: "junk whose parser message would carry terminal escapes", formats: [], text: `${jsonLines(deleteA)}\u001b[2J\u001b]0;x\u0007{"Records":[]}\n` },
];

/** What a command saw: each alert's record and policy, and the problem lines. */
interface Seen {
  alerts: string[];
  problems: string[];
}

async function viaEval(file: string, stdin?: string): Promise<Seen> {
  const r = await runCli(["eval", "--rules", rules, "--json", "--event", file], stdin);
  const alerts = (JSON.parse(r.stdout === "" ? "[]" : r.stdout) as Json[]).map((a) => `${String(a.eventId)} ${String(a.policy)}`);
  return { alerts, problems: r.stderr.split("\n").filter((l) => l !== "") };
}

async function viaReplay(file: string, stdin?: string): Promise<Seen> {
  const r = await runCli(["replay", "--rules", rules, "--json", "--workers", "0", file], stdin);
  const alerts = jsonOut(r.stdout).map((a) => `${String(a.eventId)} ${String(a.policy)}`);
  const origin = file === "-" ? "<stdin>" : file;
  return { alerts, problems: r.stderr.split("\n").filter((l) => l.startsWith(`${origin}: `)) };
}

describe("one reader: eval and replay read every input format alike", () => {
  it("has an input here for every container and event format in the registry", () => {
    const covered = new Set(INPUTS.flatMap((i) => i.formats));
    expect([...CONTAINER_FORMATS.keys(), ...EVENT_FORMATS.keys()].filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(INPUTS.flatMap((input) => [{ ...input, gzip: false }, { ...input, gzip: true }]))("$name (gzip: $gzip)", async ({ text, gzip }) => {
    const file = path.join(tempTree(), gzip ? "in.json.gz" : "in.json");
    writeFileSync(file, gzip ? gzipSync(text) : text);
    const evaluated = await viaEval(file);
    const replayed = await viaReplay(file);
    expect(evaluated.alerts.length).toBeGreaterThan(0);
    expect(replayed).toEqual(evaluated);
    for (const line of evaluated.problems) expect([...line].filter((c) => c < " " || c === "\u007f")).toEqual([]);
  });

  it.each(INPUTS)("$name from stdin", async ({ text }) => {
    const evaluated = await viaEval("-", text);
    expect(evaluated.alerts.length).toBeGreaterThan(0);
    expect(await viaReplay("-", text)).toEqual(evaluated);
  });
});
