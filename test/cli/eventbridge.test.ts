import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { compileRulePatterns, ruleStateOf, type RulePattern } from "../../src/deploy/rule-patterns.js";
import { createAlertHandler, type CloudTrailEvent } from "../../src/handler/lambda.js";
import { deploymentFromEnv } from "../../src/policy/deployment.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { runCli } from "../support/cli.js";
import { startEventBridgeServer, type EventBridgeServer } from "../support/eventbridge-server.js";
import { lambdaContext } from "../support/lambda-context.js";
import { repoRoot } from "../support/shared.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";

// `trailwatch fire-drill --via eventbridge` and `trailwatch verify`, with the real
// @aws-sdk/client-eventbridge against a local EventBridge (test/support/eventbridge-server.ts).

const STACK = "trailwatch-prod";
const ENV = { TRAILWATCH_STACK: STACK, TRAILWATCH_EXPECTED_REGIONS: "eu-west-1" };
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:111122223333:function:${STACK}-alert`;
const DLQ_ARN = `arn:aws:sqs:us-east-1:111122223333:${STACK}-EventsDeadLetterQueue-M2K9Q0ZJ1XWP`;
const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-prod-AlertTopic-4JD0QX2M9ZLK";
const TOKEN = "xoxb-1111-2222-eventbridge-drill";

let eb: EventBridgeServer;
let sns: SnsServer;
let slack: SlackServer;
const policies = () => loadPolicies(path.join(repoRoot, "rules"), { tests: false, deployment: deploymentFromEnv(ENV) }).policies;
const expected = (): RulePattern[] => compileRulePatterns(policies()).patterns;

/** The rules as `serverless deploy` leaves them: one per compiled pattern, plus the sweep schedule. */
function deploy(): string[] {
  eb.rules.clear();
  const names = expected().map((pattern, i) => {
    const name = `${STACK}-AlertRule${i}-1VQ7ZK3M0X2J${i}`;
    eb.putRule(name, pattern, ruleStateOf(pattern));
    eb.putTargets(name, [{ Id: "alert", Arn: FUNCTION_ARN, DeadLetterConfig: { Arn: DLQ_ARN }, RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 } }]);
    return name;
  });
  eb.putRule(`${STACK}-AlertEventsRuleSchedule1-5QWZ0K1J`, undefined);
  eb.putRule("billing-nightly-export", { source: ["aws.s3"] });
  return names;
}

beforeAll(async () => {
  process.chdir(repoRoot);
  [eb, sns, slack] = await Promise.all([startEventBridgeServer(), startSnsServer(), startSlackServer({ channels: ["C0SECOPS"], tokens: [TOKEN] })]);
});
afterAll(async () => Promise.all([eb.close(), sns.close(), slack.close()]));
beforeEach(() => {
  const env: Record<string, string> = {
    ...ENV,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_ENDPOINT_URL_EVENTBRIDGE: eb.url,
    AWS_ENDPOINT_URL_SNS: sns.url,
    SLACK_API_URL: slack.apiUrl,
    SLACK_BOT_TOKEN: TOKEN,
    TRAILWATCH_SNS_TOPIC_ARN: TOPIC,
    TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  eb.calls.length = 0;
  eb.http.faults.heal();
  deploy();
});
afterEach(() => vi.unstubAllEnvs());

describe("trailwatch verify", () => {
  it("finds no drift in a stack as deployed, reading every page of ListRules, and exits 0", async () => {
    const r = await runCli(["verify"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`us-east-1 bus default: ${expected().length} rule(s) expected for stack ${STACK}, ${expected().length} ok, 0 drift`);
    expect(eb.calls.filter((c) => c === "ListRules").length).toBeGreaterThan(1);
    expect(eb.calls).toContain("DescribeRule");
    expect(eb.calls).toContain("ListTargetsByRule");
  });

  const sourceRule = (source: string) => [...eb.rules.values()].find((r) => r.eventPattern?.includes(`"source":["${source}"]`) && r.name.startsWith(STACK)) ?? expect.fail(`no ${source} rule`);

  it.each([
    ["disabled rule", () => void (sourceRule("aws.ssm-contacts").state = "DISABLED"), /disabled rule: rule trailwatch-prod-AlertRule\d+-\w+ is DISABLED, not ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS/],
    ["changed rule", () => void (sourceRule("aws.ssm-incidents").eventPattern = JSON.stringify({ source: ["aws.ssm-incidents"], "detail-type": ["Nothing"] })), /changed rule: rule trailwatch-prod-AlertRule\d+-\w+ \(source "aws.ssm-incidents"\) no longer has the pattern/],
    ["missing rule", () => void eb.rules.delete(`default/${sourceRule("trailwatch.drill").name}`), /missing rule: no rule carries the pattern for source "trailwatch.drill"/],
    ["missing target", () => void (sourceRule("aws.cloudtrail").targets = []), /missing target: rule \S+ does not target function trailwatch-prod-alert/],
    ["missing dead-letter queue", () => void (sourceRule("aws.lambda").targets = [{ Id: "alert", Arn: FUNCTION_ARN }]), /missing dead-letter queue: rule \S+'s target has no dead-letter queue/],
  ])("reports a %s and exits 1", async (_, tamper, message) => {
    tamper();
    const r = await runCli(["verify", "--bus", "default"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/, 1 drift$/m);
  });

  it("sees one of the twin EventBridge-watching rules disabled", async () => {
    const twins = [...eb.rules.values()].filter((r) => r.eventPattern?.includes('"source":["aws.events"]'));
    expect(twins).toHaveLength(2);
    (twins[0] ?? expect.fail("no twin")).state = "DISABLED";
    const r = await runCli(["verify"]);
    expect([r.code, (r.stdout.match(/^DRIFT/gm) ?? []).length]).toEqual([1, 1]);
  });

  it("checks every --region given, and a region it cannot read is drift, not silence", async () => {
    eb.http.faults.failNext(1, { status: 400, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify({ __type: "AccessDeniedException", message: "not authorized to perform: events:ListRules" }) });
    const r = await runCli(["verify", "--region", "eu-west-1", "--region", "us-east-1"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DRIFT {2}eu-west-1 bus default: cannot read the rules \(AccessDeniedException: not authorized/m);
    expect(r.stdout).toMatch(/us-east-1 bus default: \d+ rule\(s\) expected .*, 0 drift/);
  });
});

describe("trailwatch fire-drill --via eventbridge", () => {
  it("puts the drill on the bus, where the deployed drill rule takes it to the function and every destination", async () => {
    const routing = loadRoutingConfigText(`destinations:\n  email: { type: sns, topicArn: "${TOPIC}" }\n  slack: { type: slack, channel: C0SECOPS }\n`, "trailwatch.yml", process.env).config ?? expect.fail("routing");
    const handler = createAlertHandler({ policySet: createPolicySet(policies()), routing, env: { ...process.env, POWERTOOLS_LOG_LEVEL: "ERROR" } });
    const results: unknown[] = [];
    eb.onDelivery(async ({ envelope }) => void results.push(await handler(envelope as unknown as CloudTrailEvent, lambdaContext())));
    const r = await runCli(["fire-drill", "--via", "eventbridge", "--bus", "default"]);
    await eb.settled();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fire drill drill-\d{8}T\d{6}Z put on bus default \(EventBridge id [0-9a-f-]{36}, source trailwatch\.drill\)$/m);
    expect(eb.events).toEqual([expect.objectContaining({ source: "trailwatch.drill", "detail-type": "Trailwatch Fire Drill" })]);
    expect(results).toEqual([expect.objectContaining({ alerts: 1, delivered: 2 })]);
    expect(sns.published.at(-1)?.subject).toMatch(/\[DRILL\] Trailwatch fire drill/);
    expect(slack.posts.at(-1)?.text).toContain("[DRILL]");
  });

  it("reaches no rule when the drill rule is disabled: the function never sees it (what the heartbeat alarm and verify catch)", async () => {
    const drill = [...eb.rules.values()].find((r) => r.eventPattern?.includes("trailwatch.drill")) ?? expect.fail("no drill rule");
    drill.state = "DISABLED";
    let delivered = 0;
    eb.onDelivery(() => void delivered++);
    const r = await runCli(["fire-drill", "--via", "eventbridge"]);
    await eb.settled();
    expect([r.code, delivered]).toEqual([0, 0]);
    expect((await runCli(["verify"])).code).toBe(1);
  });

  it("exits 1 naming EventBridge's reason when PutEvents fails", async () => {
    eb.http.faults.failAlways({ status: 400, headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify({ __type: "ResourceNotFoundException", message: "Event bus trailwatch does not exist." }) });
    try {
      const r = await runCli(["fire-drill", "--via", "eventbridge", "--bus", "trailwatch"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("PutEvents on bus trailwatch failed: ResourceNotFoundException: Event bus trailwatch does not exist.");
    } finally {
      eb.http.faults.heal();
    }
  });

  it("refuses --bus without --via eventbridge and an unknown --via", async () => {
    expect((await runCli(["fire-drill", "--bus", "default"])).code).toBe(2);
    expect((await runCli(["fire-drill", "--via", "pigeon"])).code).toBe(2);
  });
});
