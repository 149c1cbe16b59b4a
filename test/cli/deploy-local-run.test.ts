import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

/**
 * docs/deploy.md's "Run the function locally" block, run as written: the test takes the fenced
 * block marked `# docs-test: local-invoke` and runs it in bash, so the doc and the code cannot
 * drift. Loopback only, with no AWS credentials or CLI (only PATH and HOME are passed on), no
 * network, no Docker. TRAILWATCH_STAND_INS_PORTS=free gives the stand-ins free ports.
 */
const MARKER = "# docs-test: local-invoke";

export function markedBlock(markdown: string, marker: string): string {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
  const found = blocks.filter((b) => b.startsWith(marker));
  if (found.length !== 1) throw new Error(`expected one \`\`\`sh block starting with "${marker}", found ${found.length}`);
  return found[0] ?? "";
}

const block = markedBlock(readFileSync(path.join(repoRoot, "docs/deploy.md"), "utf8"), MARKER);
let group: number | undefined;

afterAll(() => {
  // The block ends with `kill %1`; this is only for a run that failed half-way.
  if (group !== undefined) {
    try {
      process.kill(-group, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

function runBlock(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // -m: job control, as in a terminal, so `kill %1` stops the whole stand-ins job.
    const child = spawn("bash", ["-em", "-c", block], {
      cwd: repoRoot,
      detached: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TRAILWATCH_STAND_INS_PORTS: "free" },
    });
    group = child.pid;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("docs/deploy.md: run the function locally", () => {
  it("the block needs nothing but npm ci: no AWS CLI, no credentials, no Docker", () => {
    expect(block).not.toMatch(/^\s*aws\s|docker|AWS_PROFILE/m);
    expect(block).toContain("npm run -s local:stand-ins");
    expect(block).toContain("npx serverless invoke local");
  });

  it("runs as written: the bundled handler delivers one message per destination to the stand-ins", async () => {
    const r = await runBlock();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"alerts": 2,/);
    expect(r.stdout).toMatch(/"degraded": \[\]/);
    expect(r.stdout).toMatch(/^sns {4}\[CRITICAL\] .*\(DeleteContactChannel\)/m);
    expect(r.stdout).toMatch(/^slack {2}C0LOCAL \[CRITICAL\] /m);
    expect(r.stdout.match(/^(sns|slack) /gm)).toHaveLength(2);
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning/);
  }, 180_000);
});
