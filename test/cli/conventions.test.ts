import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allCommands } from "../../src/cli/commands.js";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const commands = await allCommands();

const run = promisify(execFile);
const RULES = "test/fixtures/rules";
const EVENT = "test/fixtures/records/delete-channel-root.json";
let empty: string;

beforeAll(() => {
  empty = mkdtempSync(path.join(os.tmpdir(), "trailwatch-empty-rules-"));
});
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe("help and version", () => {
  it.each([...commands.keys()])("`%s --help`, `-h` and `help %s` print its usage and options, exit 0", async (name) => {
    const usage = commands.get(name)?.usage ?? "";
    for (const args of [[name, "--help"], [name, "-h"], ["help", name]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toContain(`Usage: trailwatch ${usage}\n`);
      expect(r.stdout).toContain("  -h, --help");
      for (const flag of usage.match(/--[a-z-]+/g) ?? []) expect(r.stdout).toMatch(new RegExp(`^  ${flag}\\b`, "m"));
    }
  });

  it("`--version` prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect([r.code, r.stdout]).toEqual([0, "trailwatch 0.1.0\n"]);
  });

  it("`help nosuch` suggests the closest command and exits 2", async () => {
    const r = await runCli(["help", "valdate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "validate"?');
  });
});

describe("mistakes get did-you-mean", () => {
  it("an unknown flag names the closest one", async () => {
    const r = await runCli(["validate", "--rule", RULES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option --rule (did you mean --rules?)");
  });

  it.each([
    ["channel-deleted", 'did you mean "ssm-contacts.channel-deleted"?'],
    ["ssm-contacts.chanel-deleted", 'did you mean "ssm-contacts.channel-deleted"?'],
  ])("test --policy %s suggests the id", async (id, hint) => {
    const r = await runCli(["test", "--rules", RULES, "--policy", id]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(hint);
  });
});

describe("one exit code per kind of mistake: an unusable --rules is exit 2 in every command", () => {
  const commandsWithRules: string[][] = [
    ["validate"], ["test"], ["list"], ["patterns"], ["eval", "--event", EVENT], ["explain", "--event", EVENT],
    ["render", "--event", EVENT], ["replay", "samples/"], ["send", "--event", EVENT], ["fire-drill"],
  ];
  const cases = (): [string, string, RegExp][] => [
    ["a missing directory", "no/such/rules", /rules directory "no\/such\/rules" does not exist/],
    ["a file", "README.md", /"README\.md" is a file, not a directory/],
    ["an empty directory", empty, /holds no policy files/],
  ];
  it.each(commandsWithRules.map((c) => [c[0] as string, c] as const))("%s", async (_name, args) => {
    for (const [what, dir, message] of cases()) {
      const r = await runCli([...args, "--rules", dir]);
      expect(r.code, `${args[0]} with ${what}`).toBe(2);
      expect(r.stderr, `${args[0]} with ${what}`).toMatch(message);
      expect(r.stderr).not.toMatch(/ENOTDIR|undefined/);
    }
  });
});

describe("replay and missing paths", () => {
  it("says which path does not exist and exits 2", async () => {
    const r = await runCli(["replay", "samples/", "no/such/logs", "--rules", "rules"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"no/such/logs" does not exist');
    expect(r.stdout).toBe("");
  });

  it("--allow-missing replays the rest and reports the missing path in its place", async () => {
    const r = await runCli(["replay", "samples/", "no/such/logs", "--rules", "rules", "--allow-missing", "--workers", "0"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("no/such/logs: no such file or directory");
    expect(r.stdout).toContain("replay summary");
  });
});

describe("the CLI process stays quiet about things the user did not ask about", () => {
  it("no AWS SDK Node.js version notice, and no Slack client log lines, from a command whose delivery fails", async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "x",
      AWS_MAX_ATTEMPTS: "1", AWS_ENDPOINT_URL_SNS: "http://127.0.0.1:9", TRAILWATCH_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:111122223333:alerts",
      // Slack unreachable too: Trailwatch reports it; the WebClient's own "[WARN] web-api:WebClient:0 http request failed" must not show.
      SLACK_API_URL: "http://127.0.0.1:9/api/", SLACK_BOT_TOKEN: "xoxb-local", TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
    };
    const result = await run(process.execPath, [path.join(repoRoot, "bin/trailwatch.js"), "send", "--rules", RULES, "--event", EVENT], { cwd: repoRoot, env }).then(
      (r) => r,
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(result.stderr + result.stdout).toContain("delivery failure");
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
    expect(result.stderr + result.stdout).toMatch(/slack/i);
    expect(result.stderr + result.stdout).not.toMatch(/\[WARN\]\s+web-api|web-api:WebClient/);
  }, 60_000);

  it("fire-drill --destination slack says nothing about the e-mail destination", async () => {
    const saved = { ...process.env };
    delete process.env.TRAILWATCH_SNS_TOPIC_ARN;
    Object.assign(process.env, { TRAILWATCH_SLACK_CHANNEL: "C0SECOPS" });
    try {
      const r = await runCli(["fire-drill", "--rules", RULES, "--destination", "slack", "--print", "envelope"]);
      expect(r.code).toBe(0);
      const drilled = await runCli(["fire-drill", "--rules", RULES, "--destination", "email"]);
      expect(drilled.stderr + drilled.stdout).toMatch(/TRAILWATCH_SNS_TOPIC_ARN/);
      const slackOnly = await runCli(["fire-drill", "--rules", RULES, "--destination", "slack", "--config", "trailwatch.yml"]);
      expect(slackOnly.stderr).not.toMatch(/email|TRAILWATCH_SNS_TOPIC_ARN/);
    } finally {
      process.env = saved;
    }
  });
});
