import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { explainPattern } from "../../src/explain/pattern.js";
import { explainPolicy } from "../../src/explain/policy.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { compilePattern } from "../../src/pattern/index.js";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const RULES = path.join(repoRoot, "test/fixtures/rules");
const records = (name: string) => path.join("test/fixtures/records", name);


describe("explainPattern", () => {
  it("gives each field's values and a ✓/✗ per operator", () => {
    const pattern = compilePattern({ eventName: ["DeleteContact", { prefix: "Delete" }], errorCode: [{ exists: false }] });
    const [branch] = explainPattern(pattern, { eventName: "DeleteContactChannel" }).branches;
    expect(branch?.fields).toEqual([
      { field: "errorCode", at: ["errorCode"], values: [], ok: true, operators: [{ operator: "exists", operand: { exists: false }, matched: true }] },
      {
        field: "eventName", at: ["eventName"], values: ["DeleteContactChannel"], ok: true,
        operators: [{ operator: "equals", operand: "DeleteContact", matched: false }, { operator: "prefix", operand: { prefix: "Delete" }, matched: true }],
      },
    ]);
  });

  it("explains each $or branch", () => {
    const pattern = compilePattern({ eventName: ["StopEngagement"], $or: [{ userIdentity: { type: ["Root"] } }, { sourceIPAddress: [{ cidr: "10.0.0.0/8" }] }] });
    const exp = explainPattern(pattern, { eventName: "StopEngagement", userIdentity: { type: "IAMUser" }, sourceIPAddress: "10.1.2.3" });
    expect(exp.branches.map((b) => b.matched)).toEqual([false, true]);
    expect(exp.matched).toBe(true);
  });

  it("says when array consistency decides: each field matches, but in different elements", () => {
    const pattern = compilePattern({ resources: { type: ["contact"], ARN: [{ prefix: "arn:aws:ssm-contacts" }] } });
    const event = { resources: [{ type: "contact", ARN: "arn:aws:s3:::b" }, { type: "bucket", ARN: "arn:aws:ssm-contacts:x" }] };
    const [branch] = explainPattern(pattern, event).branches;
    expect(branch?.fields.every((f) => f.ok)).toBe(true);
    expect(branch?.matched).toBe(false);
    expect(branch?.note).toBe("array consistency: resources.ARN and resources.type each have a matching value, but in different elements of the same array; EventBridge needs them in one element");
  });

  it("says when the order of exists:false decides: the value sits in another element", () => {
    const pattern = compilePattern({ items: { a: ["x"], b: [{ exists: false }] } });
    const event = { items: [{ a: "x" }, { b: "y" }] };
    const [branch] = explainPattern(pattern, event).branches;
    expect(branch?.matched).toBe(true);
    expect(branch?.fields.map((f) => [f.field, f.ok])).toEqual([["items.a", true], ["items.b", false]]);
    expect(branch?.note).toMatch(/^exists:false order: items\.b has values, but none in the array element that items\.a matched/);
  });
});

describe("explainPolicy", () => {
  it("matches actor fields against the normalised caller, as the policy set does", () => {
    const { policy } = loadPolicyText("title: T\nseverity: low\nmatch:\n  actor: { kind: [root] }\n", "p.yml", "x.p");
    const record = JSON.parse(readFileSync(records("delete-channel-root.json"), "utf8")) as CloudTrailRecord;
    if (policy === undefined) throw new Error("policy did not load");
    const exp = explainPolicy(policy, record);
    expect(exp.verdict).toBe(createPolicySet([policy]).verdict(policy, record));
    expect(exp.match.branches[0]?.fields[0]).toMatchObject({ field: "actor.kind", values: ["root"], ok: true });
  });
});

describe("trailwatch explain", () => {
  it("prints one block per policy that alerted, with the caller", async () => {
    const r = await runCli(["explain", "--rules", RULES, "--event", records("delete-channel-root.json")]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("../fixtures/golden/explain-delete-channel-root.txt");
  });

  it("shows which unless suppressed a policy", async () => {
    const r = await runCli(["explain", "--rules", RULES, "--event", records("delete-channel-role-internal.json")]);
    expect(r.stdout).toContain("SUPPRESSED  ssm-contacts.channel-deleted  (high) Contact channel deleted — suppressed by unless[0]");
    expect(r.stdout).toMatch(/unless\[0\] ✓ {2}this exception suppressed the alert\n +✓ sourceIPAddress +"10\.1\.2\.3" +✓ cidr "10\.0\.0\.0\/8"/);
    expect(r.stdout).toContain("actor   role Deployer/ci (arn:aws:sts::111122223333:assumed-role/Deployer/ci)");
  });

  it("summarises policies that missed on eventName, and --all shows them", async () => {
    const r = await runCli(["explain", "--rules", RULES, "--event", records("get-channel-root.json")]);
    expect(r.stdout).toContain("  3 policies did not match on eventName (--all shows them)\n  0 alert(s)");
    const all = await runCli(["explain", "--rules", RULES, "--event", records("get-channel-root.json"), "--all"]);
    expect(all.stdout.match(/NO MATCH/g)).toHaveLength(3);
    expect(all.stdout).toContain('✗ eventName          "GetContactChannel"           ✗ anything-but {"prefix":"Get"}');
  });

  it("--policy explains just that policy, whatever it missed on", async () => {
    const r = await runCli(["explain", "--rules", RULES, "--event", records("get-channel-root.json"), "--policy", "ssm-contacts.channel-deleted-by-root"]);
    expect(r.stdout.match(/NO MATCH|ALERT/g)).toEqual(["NO MATCH"]);
    expect(r.stdout).toContain("missed on eventName");
  });

  it("--json gives the same explanation as data, agreeing with eval", async () => {
    const r = await runCli(["explain", "--rules", RULES, "--event", records("delete-channel-root.json"), "--json"]);
    const [record] = JSON.parse(r.stdout) as { actor: { kind: string }; policies: { policy: string; verdict: string }[]; hidden: object }[];
    expect(record?.actor.kind).toBe("root");
    const evaluated = JSON.parse((await runCli(["eval", "--rules", RULES, "--event", records("delete-channel-root.json"), "--json"])).stdout) as { policy: string }[];
    expect(record?.policies.filter((p) => p.verdict === "alert").map((p) => p.policy).sort()).toEqual(evaluated.map((a) => a.policy).sort());
  });

  it.each([
    [["explain", "--rules", RULES, "--event", records("get-channel-root.json"), "--policy", "ssm-contacts.channel-deleted-by-rot"], 'did you mean "ssm-contacts.channel-deleted-by-root"?'],
    [["explain", "--rules", RULES], "--event FILE"],
    [["explain", "--rules", RULES, "--event", "-"], "not valid JSON"],
  ])("exits 2 on %j", async (args, message) => {
    const r = await runCli(args, "{oops");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("trailwatch test-pattern --explain", () => {
  it("prints the answer first, then the fields", async () => {
    const r = await runCli(["test-pattern", "--pattern", path.join(repoRoot, "test/fixtures/patterns/delete-prefix.json"), "--event", records("delete-channel-root.envelope.json"), "--explain"]);
    expect(r.stdout).toBe(['true', 'pattern ✓', '  ✓ detail.eventName  "DeleteContactChannel"  ✓ prefix "Delete"', '  ✓ source            "aws.ssm-contacts"      ✓ "aws.ssm-contacts"', ""].join("\n"));
  });

  it("shows absent fields for a bare record", async () => {
    const r = await runCli(["test-pattern", "--pattern", path.join(repoRoot, "test/fixtures/patterns/delete-prefix.json"), "--event", records("delete-channel-root.json"), "--explain"]);
    expect(r.stdout).toContain('false\npattern ✗\n  ✗ detail.eventName  absent  ✗ prefix "Delete"');
  });
});
