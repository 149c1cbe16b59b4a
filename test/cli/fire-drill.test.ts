import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DRILL_POLICY_YAML } from "../../src/cli/fire-drill.js";
import { createAlertHandler, type CloudTrailEvent } from "../../src/handler/lambda.js";
import { lintPolicies } from "../../src/lint/lint.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { runCli } from "../support/cli.js";
import { lambdaContext } from "../support/lambda-context.js";
import { repoRoot } from "../support/shared.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const TOKEN = "xoxb-1111-2222-drill-token";
const DRILL_ID = /drill-\d{8}T\d{6}Z/;

let sns: SnsServer;
let slack: SlackServer;

beforeAll(async () => {
  [sns, slack] = await Promise.all([startSnsServer(), startSlackServer({ channels: ["C0SECOPS"], tokens: [TOKEN] })]);
});
afterAll(async () => Promise.all([sns.close(), slack.close()]));

function pointAtFakes(): void {
  const env: Record<string, string> = {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_SNS: sns.url,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: TOKEN,
    TRAILWATCH_SNS_TOPIC_ARN: TOPIC,
    TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
}

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
  sns.heal();
  slack.heal();
  for (const name of ["TRAILWATCH_SNS_TOPIC_ARN", "TRAILWATCH_SLACK_CHANNEL", "SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN_PARAMETER"]) vi.stubEnv(name, undefined);
});
afterEach(() => vi.unstubAllEnvs());

describe("trailwatch fire-drill", () => {
  it("sends a [DRILL] alert to every destination of trailwatch.yml and reports each", async () => {
    pointAtFakes();
    const r = await runCli(["fire-drill"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fire drill drill-\d{8}T\d{6}Z: "\[DRILL\] Trailwatch fire drill: test alert, no action needed" \(info, policy trailwatch\.fire-drill\)$/m);
    expect(r.stdout).toContain("  delivered  email (sns)  routed");
    expect(r.stdout).toContain("  delivered  slack (slack)  routed");
    expect(r.stdout).toContain("2 destination(s): 2 delivered, 0 failed");
    const mail = sns.published[0];
    expect(mail?.subject).toMatch(/^\[INFO\] \[DRILL\] Trailwatch fire drill/);
    expect(mail?.attributes.policy?.stringValue).toBe("trailwatch.fire-drill");
    expect(mail?.attributes.severity?.stringValue).toBe("info");
    expect(mail?.message).toMatch(DRILL_ID);
    const header = slack.posts[0]?.blocks?.[0];
    expect(header?.text?.text).toBe(":information_source: INFO: [DRILL] Trailwatch fire drill: test alert, no action needed");
    expect(slack.posts[0]?.channel).toBe("C0SECOPS");
  });

  it("drills only the destinations named with --destination", async () => {
    pointAtFakes();
    const r = await runCli(["fire-drill", "--destination", "slack"]);
    expect([r.code, sns.published.length, slack.posts.length]).toEqual([0, 0, 1]);
  });

  it("reports a failing destination with its reason and hint, delivers the rest, and exits 1", async () => {
    pointAtFakes();
    slack.failWith("channel_not_found", 10);
    const r = await runCli(["fire-drill"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("  FAILED     slack (slack)  channel_not_found. The channel does not exist or the bot cannot see it");
    expect(r.stdout).toContain("2 destination(s): 1 delivered, 1 failed");
    expect(sns.published).toHaveLength(1);
  });

  it("says which Slack variables to set when a Slack destination has no token", async () => {
    pointAtFakes();
    vi.stubEnv("SLACK_BOT_TOKEN", undefined);
    const r = await runCli(["fire-drill", "--destination", "slack"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Set SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_PARAMETER");
  });

  it("exits 2 and names the variables to set when no destination is active", async () => {
    const r = await runCli(["fire-drill"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("  off        email: environment variable TRAILWATCH_SNS_TOPIC_ARN is not set");
    expect(r.stderr).toContain("no destination is active: set TRAILWATCH_SNS_TOPIC_ARN, TRAILWATCH_SLACK_CHANNEL");
    expect(sns.published).toHaveLength(0);
  });

  it("lists switched-off destinations beside the delivered ones", async () => {
    pointAtFakes();
    const dir = mkdtempSync(path.join(tmpdir(), "trailwatch-drill-"));
    const config = path.join(dir, "trailwatch.yml");
    writeFileSync(config, `destinations:\n  email: { type: sns, topicArn: "\${TRAILWATCH_SNS_TOPIC_ARN}" }\n  pager: { type: sns, topicArn: "\${PAGER_TOPIC_ARN}" }\n`);
    const r = await runCli(["fire-drill", "--config", config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  off        pager: environment variable PAGER_TOPIC_ARN is not set");
    expect(r.stdout).toContain("1 destination(s): 1 delivered, 0 failed");
  });

  it("exits 2 on an unknown destination, suggesting the closest", async () => {
    pointAtFakes();
    const r = await runCli(["fire-drill", "--destination", "slak"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no destination "slak" in the routing config (did you mean "slack"?)');
  });

  it("notes when the rules lack the drill policy the deployed function needs", async () => {
    pointAtFakes();
    const r = await runCli(["fire-drill", "--rules", "test/fixtures/rules", "--destination", "email"]);
    expect(r.stderr).toContain("note: test/fixtures/rules has no trailwatch.fire-drill policy");
  });
});

describe("drilling a deployed stack", () => {
  it("--print policy gives a policy that loads, lints clean and passes its own tests", async () => {
    const r = await runCli(["fire-drill", "--print", "policy"]);
    expect(r.stdout.trimEnd()).toBe(DRILL_POLICY_YAML.trimEnd());
    const file = path.join(repoRoot, "rules/trailwatch/fire-drill.yml");
    // The shipped pack carries exactly this policy (docs/authoring.md, "Drilling the deployed stack").
    expect(readFileSync(file, "utf8").trimEnd()).toBe(DRILL_POLICY_YAML.trimEnd());
    const { policy, diagnostics } = loadPolicyText(DRILL_POLICY_YAML, file, "trailwatch.fire-drill");
    expect(diagnostics).toEqual([]);
    if (policy === undefined) throw new Error("drill policy did not load");
    expect(lintPolicies([policy], { rulesDir: "rules", readText: () => DRILL_POLICY_YAML })).toEqual([]);
    const set = createPolicySet([policy]);
    for (const t of policy.tests) expect(set.verdict(policy, t.event as never) === "alert").toBe(t.alert);
  });

  it("--print envelope gives an event the Lambda handler turns into a [DRILL] alert", async () => {
    pointAtFakes();
    const r = await runCli(["fire-drill", "--print", "envelope"]);
    const envelope = JSON.parse(r.stdout) as CloudTrailEvent;
    expect(envelope.detail.eventID).toMatch(DRILL_ID);
    const { policy } = loadPolicyText(DRILL_POLICY_YAML, "rules/trailwatch/fire-drill.yml", "trailwatch.fire-drill", { tests: false });
    const env = { ...process.env };
    const { config } = loadRoutingConfigText("destinations:\n  slack: { type: slack, channel: C0SECOPS }\n", "trailwatch.yml", env);
    if (policy === undefined || config === undefined) throw new Error("setup failed");
    const handler = createAlertHandler({ policySet: createPolicySet([policy]), routing: config, env: { ...env, POWERTOOLS_LOG_LEVEL: "ERROR" } });
    expect(await handler(envelope, lambdaContext())).toMatchObject({ alerts: 1, delivered: 1 });
    expect(slack.posts[0]?.text).toContain("[DRILL]");
  });

  it("rejects an unknown --print value", async () => {
    expect((await runCli(["fire-drill", "--print", "yaml"])).code).toBe(2);
  });
});
