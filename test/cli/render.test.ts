import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emailSubject } from "../../src/alert/render/email.js";
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
    expect(r.stderr).toBe("1 record(s), 3 alert(s), nothing sent\n");
    await expect(r.stdout).toMatchFileSnapshot(`../fixtures/golden/${golden}`);
  });

  it("prints the payloads the outputs themselves build", async () => {
    const record = JSON.parse(readFileSync(EVENT, "utf8")) as CloudTrailRecord;
    const alerts = createPolicySet(loadPolicies(RULES).policies).evaluate(record);
    const slack = await runCli(["render", "--rules", RULES, "--event", EVENT]);
    expect(JSON.parse(slack.stdout)).toEqual(JSON.parse(JSON.stringify(alerts.map(slackMessage))));
    const email = await runCli(["render", "--rules", RULES, "--event", EVENT, "--format", "email"]);
    for (const alert of alerts) expect(email.stdout).toContain(`Subject: ${emailSubject(alert)}\n`);
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
