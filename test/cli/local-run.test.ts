import { execFile, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

const run = promisify(execFile);
let standIns: ChildProcess | undefined;
let output = "";

/** `npm run local:stand-ins` (on free ports): resolves with the environment it prints. */
function startStandIns(): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    standIns = spawn(process.execPath, [path.join(repoRoot, "scripts/local-stand-ins.mjs"), "--ephemeral"], { cwd: repoRoot });
    standIns.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes("# ready")) return;
      const env: Record<string, string> = {};
      for (const line of output.split("\n").filter((l) => l.startsWith("export "))) {
        for (const pair of line.slice("export ".length).split(" ")) {
          const [name, ...value] = pair.split("=");
          if (name) env[name] = value.join("=");
        }
      }
      resolve(env);
    });
    standIns.once("exit", (code) => reject(new Error(`stand-ins exited ${code}: ${output}`)));
  });
}

afterAll(() => {
  standIns?.kill("SIGTERM");
});

describe("the documented local run, against `npm run local:stand-ins`", () => {
  it("`trailwatch send` delivers to the SNS and Slack stand-ins, the Slack token read from the SSM stand-in", async () => {
    const env = await startStandIns();
    const { stdout } = await run(process.execPath, [path.join(repoRoot, "bin/trailwatch.js"), "send", "--event", "samples/eventbridge/delete-response-plan.json"], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    expect(stdout).toContain("1 record(s), 1 alert(s), 0 delivery failure(s)");
    await expect.poll(() => output, { timeout: 5000 }).toMatch(/^sns {4}\[CRITICAL\] .*response plan deleted/im);
    await expect.poll(() => output, { timeout: 5000 }).toMatch(/^slack {2}C0LOCAL /m);
  }, 60_000);
});
