import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { groupAlerts } from "../../src/alert/group.js";
import { emailSubject } from "../../src/alert/render/email.js";
import type { Alert } from "../../src/alert/types.js";
import { slackMessage } from "../../src/alert/render/slack.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const RULES = path.join(repoRoot, "test/fixtures/rules");
const EVENT = path.join(repoRoot, "test/fixtures/records/delete-channel-root.json");


describe("trailwatch render", () => {
  it.each([
    ["slack", "render-slack.json"],
    ["email", "render-email.txt"],
    ["json", "render-json.json"],
  ])("--format %s matches %s", async (format, golden) => {
    const r = await runCli(["render", "--rules", RULES, "--event", EVENT, "--format", format]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("1 record(s), 3 alert(s) in 1 message(s), nothing sent\n");
    await expect(r.stdout).toMatchFileSnapshot(`../fixtures/golden/${golden}`);
  });

  it("prints the payloads the outputs themselves build: one message per record", async () => {
    const record = JSON.parse(readFileSync(EVENT, "utf8")) as CloudTrailRecord;
    const message = groupAlerts(createPolicySet(loadPolicies(RULES).policies).evaluate(record)) as Alert;
    const slack = await runCli(["render", "--rules", RULES, "--event", EVENT]);
    expect(JSON.parse(slack.stdout)).toEqual(JSON.parse(JSON.stringify([slackMessage(message)])));
    const email = await runCli(["render", "--rules", RULES, "--event", EVENT, "--format", "email"]);
    expect(email.stdout.match(/^Subject: /gm)).toHaveLength(1);
    expect(email.stdout).toContain(`Subject: ${emailSubject(message)}\n`);
  });

  it("leads with the most severe policy and lists every policy that fired, each with its runbook link", async () => {
    const email = await runCli(["render", "--rules", RULES, "--event", EVENT, "--format", "email"]);
    const section = email.stdout.split("POLICIES THAT FIRED ON THIS EVENT (3)\n")[1]?.split("\n\n")[0] ?? "";
    const fired = [...section.matchAll(/^- \[([A-Z]+)\] .* \(([a-z.-]+)\)$/gm)].map((m) => [m[1], m[2]]);
    expect(fired).toHaveLength(3);
    expect(fired[0]?.[0]).toBe("CRITICAL");
    expect(email.stdout).toMatch(/^Subject: \[CRITICAL\] /m);
    expect(section.match(/^ {2}Runbook: /gm)).toHaveLength(3);
    const slack = JSON.parse((await runCli(["render", "--rules", RULES, "--event", EVENT])).stdout) as { blocks: { text?: { text: string } }[] }[];
    const listed = slack[0]?.blocks.find((b) => b.text?.text.startsWith("*Policies that fired on this event (3)*"));
    expect(listed?.text?.text.split("\n")).toHaveLength(4);
  });

  it("--format json keeps one object per policy, like eval --json", async () => {
    const json = JSON.parse((await runCli(["render", "--rules", RULES, "--event", EVENT, "--format", "json"])).stdout) as unknown[];
    const evaluated = JSON.parse((await runCli(["eval", "--rules", RULES, "--event", EVENT, "--json"])).stdout) as unknown[];
    expect(json).toHaveLength(3);
    expect(new Set(json.map((j) => JSON.stringify(j)))).toEqual(new Set(evaluated.map((j) => JSON.stringify(j))));
  });

  it("prints an empty list when nothing alerts", async () => {
    const r = await runCli(["render", "--rules", RULES, "--event", path.join(repoRoot, "test/fixtures/records/get-channel-root.json"), "--format", "json"]);
    expect([r.code, r.stdout]).toEqual([0, "[]\n"]);
  });

  it.each([
    [["render", "--rules", RULES, "--event", EVENT, "--format", "emial"], 'did you mean "email"?'],
    [["render", "--rules", RULES], "--event FILE"],
  ])("exits 2 on %j", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
