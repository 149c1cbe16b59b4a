import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cleanTemp, internalDelete, jsonLines, logFile, rootDelete, rootRead, rules, s3Key, tempTree } from "./fixtures.js";

afterAll(cleanTemp);

// Workers run compiled JavaScript: these tests drive the built CLI (npm test builds first).
const built = existsSync(path.join(repoRoot, "dist/src/replay/worker.js"));

function bin(args: string[]): { stdout: string; stderr: string; code: number } {
  try {
    const stdout = execFileSync(process.execPath, [path.join(repoRoot, "bin/trailwatch.js"), "replay", "--rules", rules, ...args], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { stdout, stderr: "", code: 0 };
  } catch (cause) {
    const err = cause as { stdout: string; stderr: string; status: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.status };
  }
}

/** Twelve S3 files over two days and two regions, one of them corrupt, some records junk. */
function corpus(): string {
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 12; i++) {
    const day = `2026-11-${19 + (i % 2)}`;
    const key = s3Key("111122223333", i < 6 ? "us-east-1" : "us-west-2", day, `${day.replaceAll("-", "")}T${String(i).padStart(2, "0")}00Z`);
    const recs = [rootDelete({ eventID: `f${i}-1` }), rootRead(), internalDelete(), i % 4 === 0 ? "junk" : rootDelete({ eventID: `f${i}-4` })];
    files[key] = i === 5 ? Buffer.from("\x1f\x8bnot gzip at all") : gzipSync(logFile(...recs));
  }
  return path.join(tempTree(files), "AWSLogs");
}

describe.skipIf(!built)("trailwatch replay with worker threads (built CLI)", () => {
  it("prints the same alerts, problems and counts in the same order as the main thread", () => {
    const dir = corpus();
    const inline = bin(["--workers", "0", "--json", dir]);
    const pooled = bin(["--workers", "2", "--json", dir]);
    expect(inline.code).toBe(0);
    expect(pooled.code).toBe(0);
    expect(pooled.stdout).toBe(inline.stdout);
    expect(pooled.stdout.split("\n").filter(Boolean)).toHaveLength(11 * 3 + 8 * 3);
    const human = bin(["--workers", "2", dir]);
    expect(human.stdout).toMatch(/speed\s+[\d,]+ records\/s \([\d.]+ s, 2 worker threads\)/);
    expect(human.stdout).toMatch(/files\s+12 read, [\d.]+ kB, 4 with errors/);
    expect(human.stdout).toMatch(/records\s+41 read, 3 unusable/);
  });

  it("reads stdin in its turn between files", () => {
    const dir = tempTree({ "a.json": logFile(rootDelete({ eventID: "a" })), "c.json": logFile(rootDelete({ eventID: "c" })) });
    const out = execFileSync(process.execPath, [path.join(repoRoot, "bin/trailwatch.js"), "replay", "--rules", rules, "--json", "--workers", "2", "--policy", "ssm-contacts.channel-deleted", path.join(dir, "a.json"), "-", path.join(dir, "c.json")], { cwd: repoRoot, encoding: "utf8", input: jsonLines(rootDelete({ eventID: "b" })) });
    expect(out.split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { eventId: string }).eventId)).toEqual(["a", "b", "c"]);
  });

  it("stops quietly, exit 0, when the reader of stdout goes away", async () => {
    const many = logFile(...Array.from({ length: 300 }, (_, i) => rootDelete({ eventID: `r${i}` })));
    const dir = tempTree(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}.json`, many])));
    const child = spawn(process.execPath, ["bin/trailwatch.js", "replay", "--rules", rules, "--workers", "0", "--json", dir], { cwd: repoRoot });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [first] = (await once(child.stdout, "data")) as [Buffer];
    child.stdout.destroy();
    const [code] = (await once(child, "exit")) as [number];
    expect(first.toString()).toContain('"eventId":"r0"');
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});
