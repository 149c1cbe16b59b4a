import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const rules = path.join(repoRoot, "test/fixtures/rules");
const records = path.join(repoRoot, "test/fixtures/records");


describe("trailwatch validate", () => {
  it("exits 0 on clean rules", async () => {
    const r = await runCli(["validate", "--rules", rules]);
    expect(r.stdout).toMatch(/3 policies, 0 error\(s\)/);
    expect(r.code).toBe(0);
  });

  it("exits 1 and prints file:line:column diagnostics on broken rules", async () => {
    const r = await runCli(["validate", "--rules", "test/fixtures/broken-rules"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test/fixtures/broken-rules/ssm-contacts/typos.yml:6:17 error match.eventName[0].startswith: unknown operator "startswith" (did you mean "prefix"?)');
  });

  it("exits 2 on an unknown flag", async () => {
    const r = await runCli(["validate", "--rulez", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rulez/);
  });
});

describe("trailwatch test", () => {
  it("runs embedded tests", async () => {
    const r = await runCli(["test", "--rules", rules]);
    expect(r.stdout).toMatch(/7 tests: 7 passed, 0 failed/);
    expect(r.code).toBe(0);
  });
});

describe("trailwatch eval", () => {
  it("prints exactly the documented JSON keys, and nothing else on stdout", async () => {
    const r = await runCli(["eval", "--rules", rules, "--event", path.join(records, "delete-channel-root.json"), "--json"]);
    expect(r.code).toBe(0);
    const alerts = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(alerts.map((a) => a.policy).sort()).toEqual(["ssm-contacts.any-write-by-root", "ssm-contacts.channel-deleted", "ssm-contacts.channel-deleted-by-root"]);
    const root = alerts.find((a) => a.policy === "ssm-contacts.channel-deleted-by-root");
    expect(root).toMatchObject({
      severity: "critical",
      title: "Contact channel deleted by the root user",
      summary: "arn:aws:iam::111122223333:root deleted contact channel arn:aws:ssm-contacts:us-east-1:111122223333:contact-channel/oncall-primary/7f3c1a2b-0d4e-4f6a-9b8c-1d2e3f4a5b6c",
      eventId: "5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b",
      eventName: "DeleteContactChannel",
      eventSource: "ssm-contacts.amazonaws.com",
    });
  });

  it("renders a missing template value visibly", async () => {
    const r = await runCli(["eval", "--rules", rules, "--event", path.join(records, "delete-channel-root.json"), "--json"]);
    const alert = (JSON.parse(r.stdout) as { policy: string; summary: string }[]).find((a) => a.policy === "ssm-contacts.channel-deleted");
    expect(alert?.summary).toContain("<missing:requestParameters.missing>");
  });

  it("reads stdin, envelopes, and reports bad records while processing the rest", async () => {
    const log = readFileSync(path.join(records, "mixed-log.json"), "utf8");
    const r = await runCli(["eval", "--rules", rules, "--event", "-", "--json"], log);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(3);
    expect(r.stderr).toContain('<stdin>: record 4: missing "eventName"');
    expect(r.stderr).toContain("<stdin>: record 5: a CloudTrail record must be a JSON object");
  });

  it("exits 2 on unreadable input", async () => {
    const r = await runCli(["eval", "--rules", rules, "--event", "-"], "{not json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
  });

  it("exits 2 when --event is missing", async () => {
    expect((await runCli(["eval", "--rules", rules])).code).toBe(2);
  });
});

describe("trailwatch test-pattern", () => {
  const pattern = path.join(repoRoot, "test/fixtures/patterns/delete-prefix.json");
  const invalid = path.join(repoRoot, "test/fixtures/patterns/invalid.json");
  const envelope = path.join(records, "delete-channel-root.envelope.json");

  it("prints true for a matching envelope", async () => {
    const r = await runCli(["test-pattern", "--pattern", pattern, "--event", envelope]);
    expect([r.stdout, r.code]).toEqual(["true\n", 0]);
  });

  it("prints false for a bare record (the pattern expects an envelope)", async () => {
    const r = await runCli(["test-pattern", "--pattern", pattern, "--event", path.join(records, "delete-channel-root.json")]);
    expect([r.stdout, r.code]).toEqual(["false\n", 0]);
  });

  it("explains an invalid pattern on stderr and exits 2", async () => {
    const r = await runCli(["test-pattern", "--pattern", invalid, "--event", envelope]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/detail\.eventName\[0\]\.prefix: prefix takes a string/);
  });
});

describe("trailwatch patterns", () => {
  it("prints the deployable EventBridge patterns", async () => {
    const r = await runCli(["patterns", "--rules", rules]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        source: ["aws.ssm-contacts"],
        "detail-type": ["AWS API Call via CloudTrail"],
        detail: {
          eventSource: ["ssm-contacts.amazonaws.com"],
          // outcome: success and the root identity are compiled in; the rest stays in the handler.
          $or: [
            { eventName: ["DeactivateContactChannel", "DeleteContactChannel"], errorCode: [{ exists: false }] },
            { eventName: ["DeleteContactChannel", { "anything-but": { prefix: "Get" } }], userIdentity: { type: ["Root"] } },
          ],
        },
      },
    ]);
  });
});

describe("trailwatch", () => {
  it("suggests a command for a typo and exits 2", async () => {
    const r = await runCli(["vaildate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "validate"');
  });
});
