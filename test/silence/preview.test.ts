import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const record = path.join(repoRoot, "test/fixtures/records/delete-channel-root.json");
let rules: string;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");

function silencesYml(start: string, end: string): string {
  return `silences:\n  - id: rework\n    match: { policy: [ssm-contacts.contact-channel-deleted] }\n    start: ${start}\n    end: ${end}\n    reason: response-plan rework\n    by: alice\n`;
}

beforeAll(() => {
  delete process.env.TRAILWATCH_STATE_TABLE;
  rules = mkdtempSync(path.join(tmpdir(), "rules-"));
  mkdirSync(path.join(rules, "ssm-contacts"));
  mkdirSync(path.join(rules, "local"));
  cpSync(path.join(repoRoot, "rules/fixtures"), path.join(rules, "fixtures"), { recursive: true });
  copyFileSync(path.join(repoRoot, "rules/ssm-contacts/contact-channel-deleted.yml"), path.join(rules, "ssm-contacts/contact-channel-deleted.yml"));
});

describe("explain and render say when a silence would hold an alert", () => {
  it("while the silence is in force", async () => {
    const end = iso(Date.now() + 86400_000 * 5);
    writeFileSync(path.join(rules, "local/silences.yml"), silencesYml(iso(Date.now() - 86400_000), end));
    const explained = await runCli(["explain", "--event", record, "--rules", rules]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain(`ssm-contacts.contact-channel-deleted (eventID `);
    expect(explained.stdout).toContain(`would be HELD by silence rework "response-plan rework" by alice until ${end.replace("Z", ".000Z")}`);
    const json = JSON.parse((await runCli(["explain", "--event", record, "--rules", rules, "--json"])).stdout) as { silenced: { silence: string }[] }[];
    expect(json[0]?.silenced.map((n) => n.silence)).toEqual(["rework"]);
    const rendered = await runCli(["render", "--event", record, "--rules", rules]);
    expect(rendered.stderr).toMatch(/would be HELD by silence rework/);
    expect(rendered.stderr).toContain("1 alert(s) in 1 message(s) (1 held by silences), nothing sent");
  });

  it("says when a silence covers a critical alert but may not hold it", async () => {
    writeFileSync(path.join(rules, "local/silences.yml"), silencesYml(iso(Date.now() - 86400_000), iso(Date.now() + 86400_000)));
    writeFileSync(path.join(rules, "local/critical.yml"), "tune: ssm-contacts.contact-channel-deleted\nseverity: critical\n");
    try {
      const explained = await runCli(["explain", "--event", record, "--rules", rules]);
      expect(explained.stdout).toContain('matches silence rework "response-plan rework" by alice');
      expect(explained.stdout).toContain("but is NOT held: critical and self-protection alerts need holdCritical: true");
      const rendered = await runCli(["render", "--event", record, "--rules", rules]);
      expect(rendered.stderr).toContain("1 alert(s) in 1 message(s) (0 held by silences), nothing sent");
    } finally {
      rmSync(path.join(rules, "local/critical.yml"));
    }
  });

  it("not once it has ended (and validate warns about it)", async () => {
    writeFileSync(path.join(rules, "local/silences.yml"), silencesYml("2020-12-31T00:00:00Z", "2021-01-01T00:00:00Z"));
    expect((await runCli(["explain", "--event", record, "--rules", rules])).stdout).not.toContain("HELD");
    const validated = await runCli(["validate", "--rules", rules]);
    expect(validated.stdout).toMatch(/silences\.yml:5:5 warning silences\[0\]\.end: silence "rework" ended at 2021-01-01T00:00:00.000Z/);
    expect(validated.code).toBe(0);
  });
});
