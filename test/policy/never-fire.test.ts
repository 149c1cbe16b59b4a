import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPolicyText } from "../../src/policy/load.js";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const RULES = "test/fixtures/never-fire-rules";
const run = promisify(execFile);

describe("a policy that can never alert is an error", () => {
  it("validate prints every never-fire case as the golden file says, and exits 1 without --strict", async () => {
    const r = await runCli(["validate", "--rules", RULES]);
    await expect(r.stdout).toMatchFileSnapshot("../fixtures/never-fire-rules.golden.txt");
    expect(r.code).toBe(1);
  });

  it.each([
    ["every eventName is a typo", "typo-event-names.yml", /8:15 error match\.eventName\[0\]: "DeleteContactChanel".*can never alert/],
    ["a template key the actor view does not have", "template-typos.yml", /error summary: \{\{actor\.nmae\}\}: actor has no key "nmae" \(did you mean "name"\?\)/],
    ["an unknown top-level record key in a template", "template-typos.yml", /error summary: \{\{requestParameter\.contactId\}\}: .*did you mean "requestParameters"/],
    ["an unknown top-level record key in a pattern", "pattern-keys.yml", /error match\.requestParameter: /],
    ["an actor kind that does not exist", "pattern-keys.yml", /error match\.actor\.kind: /],
    ["a YAML merge key", "merge-key.yml", /5:3 error YAML merge key "<<" is not supported/],
    ["a YAML syntax error, at the parser's line", "indent.yml", /indent\.yml:5:1 error YAML syntax: All mapping items must start at the same column/],
  ])("%s", async (_what, file, line) => {
    const r = await runCli(["validate", "--rules", RULES]);
    const lines = r.stdout.split("\n").filter((l) => l.includes(`/${file}:`));
    expect(lines.join("\n")).toMatch(line);
  });

  it.each([
    ["a request member the operation does not have, with did-you-mean", "member-typo.yml", /warning summary: \{\{requestParameters\.contactChanelId\}\}: .*\(did you mean "contactChannelId"\?\)/],
    ["a pattern on a member that only ever holds {}", "empty-chat-channel.yml", /warning match\.requestParameters\.chatChannel\.empty: .*emptied: \[chatChannel\.empty\]/],
  ])("warns about %s", async (_what, file, line) => {
    const r = await runCli(["validate", "--rules", RULES]);
    expect(r.stdout.split("\n").filter((l) => l.includes(`/${file}:`)).join("\n")).toMatch(line);
  });

  it("one unknown eventName among known ones stays a warning", async () => {
    const r = await runCli(["validate", "--rules", "test/fixtures/golden/lint-rules"]);
    expect(r.stdout).toMatch(/typos\.yml:7:15 warning match\.eventName\[0\]: "DeleteContactChanel"/);
  });

  it("every other command refuses the set (exit 2) with the same errors", async () => {
    const r = await runCli(["list", "--rules", RULES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typo-event-names\.yml:8:15 error/);
  });
});

describe("npm run build refuses a broken policy", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-build-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints validate's diagnostics, exits 1 and writes no bundle", async () => {
    const out = path.join(dir, "rules.json");
    const failed = await run(process.execPath, ["scripts/bundle-rules.mjs", RULES, out], { cwd: repoRoot }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const validate = await runCli(["validate", "--rules", RULES]);
    const diagnostics = validate.stdout.split("\n").filter((l) => / (error|warning) /.test(l));
    for (const line of diagnostics) expect(failed?.stderr).toContain(line);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe("template fallbacks", () => {
  const base = "title: t\nseverity: low\nmatch: { eventSource: [ssm-contacts.amazonaws.com], eventName: [DeleteContactChannel] }\n";
  it.each([
    [`summary: "{{a.b | 'x' | c}}"`, /quoted fallback 'x' must come last/],
    [`summary: "{{requestParameters.x | 3 + 4}}"`, /neither a field path nor quoted text/],
    [`summary: "{{requestParameters.x | actor.nmae | 'none'}}"`, /\{\{actor\.nmae\}\}: actor has no key/],
  ])("%s is refused", (line, message) => {
    const { diagnostics } = loadPolicyText(`${base}${line}\n`, "t.yml", "t");
    expect(diagnostics.map((d) => d.message).join("\n")).toMatch(message);
  });
});
