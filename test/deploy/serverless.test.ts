import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileRulePatterns, envelopeFor, ruleStateOf, type RulePattern } from "../../src/deploy/rule-patterns.js";
import { METRIC } from "../../src/handler/metrics.js";
import { serviceOf } from "../../src/lint/operations.js";
import { compilePattern } from "../../src/pattern/index.js";
import { deploymentFromEnv } from "../../src/policy/deployment.js";
import { loadPolicies } from "../../src/policy/load.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import type { Policy } from "../../src/policy/types.js";
import { repoRoot } from "../support/shared.js";

// `serverless package` runs once, offline, against whatever rules/ holds right now, and the
// tests read the CloudFormation template it writes.

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; Condition?: string; DeletionPolicy?: string }
type Resolver = (context: { resolveVariable: (v: string) => Promise<unknown> }) => Promise<unknown>;

const run = promisify(execFile);
/** What `serverless package` with default params gives the function: stack trailwatch-dev, expected Regions = the stack's. */
const PACKAGED_ENV = { TRAILWATCH_STACK: "trailwatch-dev", TRAILWATCH_EXPECTED_REGIONS: "us-east-1", TRAILWATCH_SLACK_TOKEN_PARAMETER: "/trailwatch/dev/slack-bot-token" };
const expected = (() => {
  const { policies, diagnostics } = loadPolicies(path.join(repoRoot, "rules"), { tests: true, deployment: deploymentFromEnv(PACKAGED_ENV) });
  const errors = diagnostics.filter((d) => d.level === "error");
  return { policies, errors, patterns: policies.length > 0 && errors.length === 0 ? compileRulePatterns(policies).patterns : [] };
})();
const deployable = expected.patterns.length > 0;

const outDir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-sls-"));
let packaged: { ok: boolean; output: string; seconds: number };
let template: { Resources: Record<string, Resource>; Conditions?: Json };
let resources: Record<string, Resource>;

/** Offline and credential-free: a dummy region and keys, telemetry off, no local overrides. */
function packagingEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "dummy-not-a-secret",
    SLS_TELEMETRY_DISABLED: "1",
    SLS_NOTIFICATIONS_MODE: "off",
  };
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "TRAILWATCH_SNS_TOPIC_ARN", "TRAILWATCH_STATE_TABLE", "TRAILWATCH_ALERT_KEY_ARN"]) delete env[name];
  return env;
}

beforeAll(async () => {
  // The handler bundles generated/rules.json; packaging refuses one older than rules/.
  await run(process.execPath, [path.join(repoRoot, "scripts/bundle-rules.mjs")], { cwd: repoRoot });
  const started = performance.now();
  const bin = path.join(repoRoot, "node_modules/osls/bin/serverless.js");
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, "package", "--package", outDir], { cwd: repoRoot, env: packagingEnv(), maxBuffer: 16 << 20 });
    packaged = { ok: true, output: stdout + stderr, seconds: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    packaged = { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}`, seconds: 0 };
  }
  packaged.seconds = (performance.now() - started) / 1000;
  console.info(`serverless package: ${packaged.seconds.toFixed(1)} s`);
  if (packaged.ok) {
    template = JSON.parse(readFileSync(path.join(outDir, "cloudformation-template-update-stack.json"), "utf8"));
    resources = template.Resources;
  }
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The rules compiled from the policies (the throttle-summary schedule is a rule too, without a pattern). */
const cloudTrailRules = () => ofType("AWS::Events::Rule").filter(([, r]) => r.Properties.EventPattern !== undefined);
const getArn = (id: string) => ({ "Fn::GetAtt": [id, "Arn"] });
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe.runIf(!deployable)("serverless package with an undeployable rules/", () => {
  it("refuses, saying why (errors in rules/ or no policies)", () => {
    expect(packaged.ok).toBe(false);
    expect(packaged.output).toMatch(/error\(s\) in rules\/|holds no policies/);
  });
});

describe.runIf(deployable)("serverless package", () => {
  it("succeeds offline without credentials", () => {
    expect(packaged.output).not.toMatch(/Error/);
    expect(packaged.ok).toBe(true);
  });

  it("deploys exactly the patterns `trailwatch patterns` prints, one rule each", () => {
    const rules = cloudTrailRules();
    expect(rules.length).toBeGreaterThan(0);
    const deployed = rules.map(([, r]) => r.Properties.EventPattern);
    expect([...deployed].sort(byJson)).toEqual([...expected.patterns].sort(byJson));
  });

  it("sweeps throttle summaries every 5 minutes with a schedule rule targeting the function", () => {
    const schedules = ofType("AWS::Events::Rule").filter(([, r]) => r.Properties.ScheduleExpression !== undefined);
    expect(schedules.map(([, r]) => r.Properties.ScheduleExpression)).toEqual(["rate(5 minutes)"]);
    expect(JSON.stringify(schedules[0]?.[1].Properties.Targets)).toContain("AlertLambdaFunction");
  });

  it("puts every CloudTrail rule in ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS (the drill rule ENABLED) on the default bus, targeting the function with retries and a dead-letter queue", () => {
    const states = cloudTrailRules().map(([, rule]) => rule.Properties.State);
    expect(states).toContain("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
    expect(states).toContain("ENABLED");
    for (const [, rule] of cloudTrailRules()) {
      expect(rule.Properties).toMatchObject({ State: ruleStateOf(rule.Properties.EventPattern as unknown as RulePattern), EventBusName: "default" });
      expect(rule.Properties.Targets).toEqual([
        {
          Id: "alert",
          Arn: getArn("AlertLambdaFunction"),
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: getArn("EventsDeadLetterQueue") },
        },
      ]);
    }
  });

  it("lets each rule, and only it, invoke the function", () => {
    const ruleIds = ofType("AWS::Events::Rule").map(([id]) => id);
    const isAlert = (p: Json) => JSON.stringify(p.FunctionName) === JSON.stringify(getArn("AlertLambdaFunction"));
    const permitted = ofType("AWS::Lambda::Permission").map(([, p]) => p.Properties).filter(isAlert);
    // The interact function's two permissions are its Function URL's (public by design; Slack's signature authenticates).
    expect(ofType("AWS::Lambda::Permission").map(([, p]) => p.Properties).filter((p) => !isAlert(p))).toEqual([
      { FunctionName: getArn("InteractLambdaFunction"), Action: "lambda:InvokeFunctionUrl", Principal: "*", FunctionUrlAuthType: "NONE" },
      { FunctionName: getArn("InteractLambdaFunction"), Action: "lambda:InvokeFunction", Principal: "*", InvokedViaFunctionUrl: true },
    ]);
    for (const p of permitted) expect(p).toMatchObject({ Action: "lambda:InvokeFunction", Principal: "events.amazonaws.com", FunctionName: getArn("AlertLambdaFunction") });
    expect(permitted.map((p) => p.SourceArn).sort(byJson)).toEqual(ruleIds.map(getArn).sort(byJson));
  });

  it("lets EventBridge write undeliverable events to the dead-letter queue only from these rules", () => {
    const [[, policy]] = ofType("AWS::SQS::QueuePolicy") as [[string, Resource]];
    expect(policy.Properties.Queues).toEqual([{ Ref: "EventsDeadLetterQueue" }]);
    const [statement] = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statement).toMatchObject({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: getArn("EventsDeadLetterQueue") });
    const sources = (statement?.Condition as { ArnEquals: { "aws:SourceArn": unknown[] } }).ArnEquals["aws:SourceArn"];
    expect([...sources].sort(byJson)).toEqual(cloudTrailRules().map(([id]) => getArn(id)).sort(byJson));
  });

  it("runs the function on nodejs22.x, arm64, with async retries ending in the failure queue and reserved concurrency", () => {
    const fn = resources.AlertLambdaFunction as Resource;
    expect(fn.Properties).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], Handler: "handlers/alert.handler" });
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(5);
    expect(resources.AlertLambdaEvConf?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: getArn("AlertFailureQueue") } },
    });
  });

  it("zips the ESM bundle alone: handlers/alert.mjs, no stray alert.js for Lambda to load first", () => {
    const zip = readFileSync(path.join(outDir, "alert.zip"));
    expect(zip.includes("handlers/alert.mjs")).toBe(true);
    expect(zip.includes("handlers/alert.js")).toBe(false);
  });

  it("zips each function with its own bundle only, so the alert function's code stays small", () => {
    const alert = readFileSync(path.join(outDir, "alert.zip"));
    expect(alert.includes("handlers/interact.mjs")).toBe(false);
    expect(readFileSync(path.join(outDir, "interact.zip")).includes("handlers/alert.mjs")).toBe(false);
    // Issue 15's goal: the deployed zip <= 400 KB (580 KB when both bundles shared one CommonJS-built zip).
    expect(alert.length).toBeLessThanOrEqual(400_000);
  });

  it("alarms on both queues' depth and on the function's errors and throttles, to the alert topic", () => {
    const alarms = Object.fromEntries(ofType("AWS::CloudWatch::Alarm").map(([id, a]) => [id, a.Properties]));
    const depth = { Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", ComparisonOperator: "GreaterThanThreshold", Threshold: 0 };
    expect(alarms.EventsDeadLetterQueueAlarm).toMatchObject({ ...depth, Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": ["EventsDeadLetterQueue", "QueueName"] } }] });
    expect(alarms.AlertFailureQueueAlarm).toMatchObject({ ...depth, Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": ["AlertFailureQueue", "QueueName"] } }] });
    expect(alarms.AlertErrorsAlarm).toMatchObject({ Namespace: "AWS/Lambda", MetricName: "Errors", Dimensions: [{ Name: "FunctionName", Value: { Ref: "AlertLambdaFunction" } }] });
    expect(alarms.AlertThrottlesAlarm).toMatchObject({ Namespace: "AWS/Lambda", MetricName: "Throttles", Dimensions: [{ Name: "FunctionName", Value: { Ref: "AlertLambdaFunction" } }] });
    for (const alarm of Object.values(alarms)) expect(alarm.AlarmActions).toEqual([{ Ref: "AlertTopic" }]);

    const topicPolicy = resources.AlertTopicPolicy?.Properties.PolicyDocument as { Statement: Json[] };
    expect(topicPolicy.Statement).toEqual([
      expect.objectContaining({ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: { Ref: "AlertTopic" } }),
    ]);
    const allowed = (topicPolicy.Statement[0]?.Condition as { ArnLike: { "aws:SourceArn": unknown[] } }).ArnLike["aws:SourceArn"];
    expect([...allowed].sort(byJson)).toEqual(Object.keys(alarms).map(getArn).sort(byJson));
  });

  it("alarms on failed and degraded deliveries (the handler's own metrics), not only on Lambda errors", () => {
    const fn = resources.AlertLambdaFunction as Resource;
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env).toMatchObject({ POWERTOOLS_SERVICE_NAME: "trailwatch", POWERTOOLS_METRICS_NAMESPACE: "Trailwatch/dev" });
    // What the handler emits, with its default dimension: an alarm on other dimensions would watch nothing.
    const watched = { Namespace: "Trailwatch/dev", Dimensions: [{ Name: "service", Value: "trailwatch" }], Statistic: "Sum", Threshold: 0, ComparisonOperator: "GreaterThanThreshold", AlarmActions: [{ Ref: "AlertTopic" }] };
    expect(resources.AlertsFailedAlarm?.Properties).toMatchObject({ ...watched, MetricName: METRIC.failed });
    expect(resources.AlertsDegradedAlarm?.Properties).toMatchObject({ ...watched, MetricName: METRIC.degraded });
  });

  it("encrypts the topic and both queues with a customer managed key that EventBridge and CloudWatch may use", () => {
    for (const id of ["AlertTopic", "EventsDeadLetterQueue", "AlertFailureQueue"]) expect(resources[id]?.Properties.KmsMasterKeyId).toEqual({ Ref: "AlertKey" });
    const key = resources.AlertKey as Resource;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = (key.Properties.KeyPolicy as { Statement: Json[] }).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" } }, Action: "kms:*" }));
    for (const service of ["events.amazonaws.com", "cloudwatch.amazonaws.com"]) {
      expect(statements).toContainEqual(expect.objectContaining({ Principal: { Service: service }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"] }));
    }
    const cloudwatch = statements.find((s) => JSON.stringify(s.Principal).includes("cloudwatch"));
    expect(cloudwatch?.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
      ArnLike: { "aws:SourceArn": { "Fn::Sub": "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:trailwatch-dev-*" } },
    });
  });

  it("subscribes an e-mail address only when one is given", () => {
    expect(resources.AlertEmailSubscription).toMatchObject({ Condition: "HasAlertEmail", Properties: { Protocol: "email", TopicArn: { Ref: "AlertTopic" } } });
    expect(template.Conditions?.HasAlertEmail).toEqual({ "Fn::Not": [{ "Fn::Equals": ["", ""] }] });
  });

  it("keeps alert state in an on-demand table with pk/sk, TTL on expiresAt and point-in-time recovery", () => {
    expect(resources.StateTable?.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("retains the log group when the stack is removed", () => {
    expect(resources.AlertLogGroup?.DeletionPolicy).toBe("Retain");
  });

  it("gives the function its environment: the topic by Ref, parameter names, never a token", () => {
    const variables = (resources.AlertLambdaFunction?.Properties.Environment as { Variables: Json }).Variables;
    expect(variables).toEqual({
      POWERTOOLS_SERVICE_NAME: "trailwatch",
      POWERTOOLS_METRICS_NAMESPACE: "Trailwatch/dev",
      TRAILWATCH_SNS_TOPIC_ARN: { Ref: "AlertTopic" },
      TRAILWATCH_STATE_TABLE: "trailwatch-dev-state",
      TRAILWATCH_SLACK_CHANNEL: "",
      SLACK_BOT_TOKEN_PARAMETER: "",
      TRAILWATCH_STACK: "trailwatch-dev",
      TRAILWATCH_EXPECTED_REGIONS: "us-east-1",
      TRAILWATCH_SLACK_TOKEN_PARAMETER: "/trailwatch/dev/slack-bot-token",
      TRAILWATCH_ALERT_KEY_ARN: getArn("AlertKey"),
    });
  });

  it("holds no plaintext secret: TOKEN/SECRET variables name a parameter, and no Slack token appears", () => {
    for (const [, fn] of ofType("AWS::Lambda::Function")) {
      const variables = (fn.Properties.Environment as { Variables: Json } | undefined)?.Variables ?? {};
      for (const [name, value] of Object.entries(variables)) {
        if (/TOKEN|SECRET/i.test(name)) expect(value, name).toMatch(/^$|^(\/[A-Za-z0-9_.-]+)+$/);
      }
    }
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/xox[abposr]-/);
    expect(readFileSync(path.join(outDir, "serverless-state.json"), "utf8")).not.toMatch(/xox[abposr]-/);
  });

  describe("IAM", () => {
    interface Found { where: string; statement: Json }
    /** Every statement of every policy document in the template (roles, resource policies, key policies). */
    function statements(): Found[] {
      const found: Found[] = [];
      const walk = (node: unknown, where: string): void => {
        if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
        if (node === null || typeof node !== "object") return;
        for (const [key, value] of Object.entries(node)) {
          if (["PolicyDocument", "KeyPolicy", "AssumeRolePolicyDocument"].includes(key)) {
            for (const statement of (value as { Statement: Json[] }).Statement) found.push({ where: `${where}.${key}`, statement });
          } else walk(value, `${where}.${key}`);
        }
      };
      walk(resources, "Resources");
      return found;
    }
    const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const readOnly = (action: string) => /^[a-z0-9-]+:(Get|List|Describe|BatchGet|Query|Scan)/.test(action);
    const wildcard = (resource: unknown) => resource === "*" || (typeof resource === "string" && /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(resource));

    it("allows no write action on a wildcard resource (a key policy's `*` is the key itself)", () => {
      const all = statements();
      expect(all.length).toBeGreaterThan(10);
      const offending = all.filter(({ where, statement }) => {
        if (statement.Effect !== "Allow" || where.endsWith("KeyPolicy")) return false;
        const writes = list(statement.Action as string | string[]).filter((a) => !readOnly(a));
        return writes.length > 0 && list(statement.Resource).some(wildcard);
      });
      expect(offending).toEqual([]);
    });

    it("grants key policy rights only to this account's root and to named AWS services", () => {
      for (const { where, statement } of statements().filter((s) => s.where.endsWith("KeyPolicy"))) {
        expect(statement.Principal, where).not.toBe("*");
        expect(JSON.stringify(statement.Principal), where).not.toContain('"*"');
      }
    });

    it("gives the function role exactly its own resources", () => {
      const role = resources.IamRoleLambdaExecution?.Properties.Policies as { PolicyDocument: { Statement: Json[] } }[];
      const bySid = Object.fromEntries(role.flatMap((p) => p.PolicyDocument.Statement).filter((s) => s.Sid).map((s) => [s.Sid, s]));
      expect(bySid.PublishAlerts).toMatchObject({ Action: ["sns:Publish"], Resource: { Ref: "AlertTopic" } });
      expect(bySid.UseAlertKey).toMatchObject({ Resource: getArn("AlertKey") });
      expect(bySid.ReadSlackTokenParameter).toMatchObject({
        Action: ["ssm:GetParameter", "ssm:GetParameters"],
        Resource: { "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/trailwatch/dev/slack-bot-token" },
      });
      expect(bySid.AlertState).toMatchObject({ Resource: getArn("StateTable") });
      const sends = role.flatMap((p) => p.PolicyDocument.Statement).filter((s) => list(s.Action as string[]).includes("sqs:SendMessage"));
      expect(sends).toEqual([expect.objectContaining({ Resource: getArn("AlertFailureQueue") })]);
      expect(JSON.stringify(role)).not.toContain('"*"');
    });
  });

  describe("interact function (Slack buttons)", () => {
    it("sits behind a Function URL Slack can call, authenticated by Slack's signature, with a 3 s timeout", () => {
      expect(resources.InteractLambdaFunctionUrl).toMatchObject({ Type: "AWS::Lambda::Url", Properties: { AuthType: "NONE", TargetFunctionArn: getArn("InteractLambdaFunction") } });
      expect(resources.InteractLambdaFunction?.Properties).toMatchObject({ Handler: "handlers/interact.handler", Timeout: 3, Role: getArn("InteractRole") });
    });

    it("reads the signing secret from the SSM SecureString it names (never the secret itself)", () => {
      const variables = (resources.InteractLambdaFunction?.Properties.Environment as { Variables: Json }).Variables;
      expect(variables.SLACK_SIGNING_SECRET_PARAMETER).toBe("/trailwatch/dev/slack-signing-secret");
      expect(variables.TRAILWATCH_STATE_TABLE).toBe("trailwatch-dev-state");
    });

    it("has a role of its own: the state table, the two parameters and its logs, nothing else", () => {
      const role = resources.InteractRole?.Properties.Policies as { PolicyDocument: { Statement: Json[] } }[];
      const statements = role.flatMap((p) => p.PolicyDocument.Statement);
      expect(statements.map((s) => s.Sid)).toEqual(["InteractState", "ReadSlackSecrets", "InteractLogs"]);
      const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
      expect(bySid.InteractState).toMatchObject({ Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"], Resource: getArn("StateTable") });
      expect(bySid.ReadSlackSecrets).toMatchObject({
        Action: ["ssm:GetParameter", "ssm:GetParameters"],
        Resource: [
          { "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/trailwatch/dev/slack-signing-secret" },
          { "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/trailwatch/dev/slack-bot-token" },
        ],
      });
      expect(bySid.InteractLogs).toMatchObject({ Resource: { "Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/trailwatch-dev-interact:*" } });
      const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? (s.Action as string[]) : [String(s.Action)]));
      expect(actions.filter((a) => /^(sns|sqs|kms|events|lambda):/.test(a))).toEqual([]);
      expect(JSON.stringify(role)).not.toContain('"*"');
    });
  });
});

describe.runIf(deployable)("serverless package: what reaches the function (issue 18)", () => {
  const packTests = () => expected.policies.flatMap((p) => p.tests.map((t) => ({ id: `${p.id} › ${t.name}`, record: (t.event as { detail?: unknown }).detail ?? t.event }))) as { id: string; record: CloudTrailRecord }[];
  const reads = () => (JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/read-heavy.json"), "utf8")) as { Records: CloudTrailRecord[] }).Records;
  const deployedMatchers = () => cloudTrailRules().map(([, r]) => compilePattern(r.Properties.EventPattern));
  const isRead = (r: CloudTrailRecord) => serviceOf(String(r.eventSource))?.operations.find((o) => o.name === r.eventName)?.access === "read-only";

  it("lets no successful read in an expected Region reach the function: the pack's test events and a read-heavy sample", () => {
    const matchers = deployedMatchers();
    const candidates = [...packTests(), ...reads().map((record, i) => ({ id: `read-heavy #${i}`, record }))].filter(
      ({ record }) => isRead(record) && record.errorCode === undefined && record.awsRegion === "us-east-1",
    );
    expect(candidates.length).toBeGreaterThan(150);
    expect(candidates.filter(({ record }) => matchers.some((m) => m.matches(envelopeFor(record)))).map((c) => c.id)).toEqual([]);
  });

  it("still lets every alerting test event through (no false negatives in the packaged template)", () => {
    const matchers = deployedMatchers();
    const { policies } = loadPolicies(path.join(repoRoot, "rules"), { tests: true, deployment: deploymentFromEnv(PACKAGED_ENV) });
    const alerting = policies.flatMap((p) => p.tests.filter((t) => t.alert).map((t) => ({ id: `${p.id} › ${t.name}`, record: ((t.event as { detail?: unknown }).detail ?? t.event) as CloudTrailRecord })));
    // The embedded tests assume the example deployment's us-west-2; the packaged stack expects us-east-1 only.
    const missed = alerting.filter(({ record }) => !matchers.some((m) => m.matches(envelopeFor(record))));
    expect(missed.map((c) => c.id)).toEqual([]);
  });

  it("carries the self-protection events on rules of their own, apart from the Incident Manager rules", () => {
    const sources = cloudTrailRules().map(([, r]) => (r.Properties.EventPattern as unknown as RulePattern).source[0]);
    for (const s of ["aws.events", "aws.lambda", "aws.sns", "aws.cloudtrail"]) expect(sources).toContain(s);
    for (const [, r] of cloudTrailRules()) {
      const text = JSON.stringify(r.Properties.EventPattern);
      if (text.includes("ssm-contacts") || text.includes("ssm-incidents")) expect(text).not.toMatch(/lambda|cloudtrail|events\.amazonaws/);
    }
  });

  it("puts a fire drill on the bus on a schedule (daily by default) and alarms when none was delivered, missing data breaching", () => {
    const schedule = resources.HeartbeatSchedule as Resource;
    expect(schedule.Type).toBe("AWS::Scheduler::Schedule");
    expect(schedule.Properties).toMatchObject({ ScheduleExpression: "rate(24 hours)", State: "ENABLED" });
    const target = schedule.Properties.Target as Json;
    expect(target.EventBridgeParameters).toEqual({ Source: "trailwatch.drill", DetailType: "Trailwatch Fire Drill" });
    const drillRule = cloudTrailRules().find(([, r]) => JSON.stringify(r.Properties.EventPattern).includes("trailwatch.drill"));
    expect(drillRule?.[1].Properties.EventPattern).toMatchObject({ source: ["trailwatch.drill"], "detail-type": ["Trailwatch Fire Drill"] });
    const detail = JSON.parse(((target.Input as { "Fn::Sub": string })["Fn::Sub"]).replaceAll("${AWS::Region}", "us-east-1").replaceAll("${AWS::AccountId}", "111122223333"));
    expect(detail.eventID).toMatch(/^drill-/);
    expect(compilePattern(drillRule?.[1].Properties.EventPattern).matches({ source: "trailwatch.drill", "detail-type": "Trailwatch Fire Drill", detail })).toBe(true);
    const alarm = resources.HeartbeatMissingAlarm?.Properties as Json;
    expect(alarm).toMatchObject({ Period: 86400, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "LessThanThreshold", TreatMissingData: "breaching", AlarmActions: [{ Ref: "AlertTopic" }] });
    const filter = resources.DrillDeliveredMetricFilter?.Properties as Json;
    expect(filter).toMatchObject({ LogGroupName: { Ref: "AlertLogGroup" } });
    expect(filter.MetricTransformations).toEqual([expect.objectContaining({ MetricNamespace: alarm.Namespace, MetricName: alarm.MetricName })]);
  });

  it("uses the alert key only through SNS and SQS", () => {
    const role = resources.IamRoleLambdaExecution?.Properties.Policies as { PolicyDocument: { Statement: Json[] } }[];
    const key = role.flatMap((p) => p.PolicyDocument.Statement).find((s) => s.Sid === "UseAlertKey");
    expect(key?.Condition).toEqual({ StringEquals: { "kms:ViaService": [{ "Fn::Sub": "sns.${AWS::Region}.amazonaws.com" }, { "Fn::Sub": "sqs.${AWS::Region}.amazonaws.com" }] } });
  });
});

describe("scripts/serverless helpers", () => {
  const helpers = createRequire(import.meta.url)("../../scripts/serverless/variables.cjs") as Record<string, Resolver>;
  const rulesModule = () =>
    import(pathToFileURL(path.join(repoRoot, "scripts/serverless/event-rules.mjs")).href) as Promise<{
      ruleIds(patterns: RulePattern[]): string[];
      ruleResources(patterns: RulePattern[], settings: Json): Record<string, Resource>;
    }>;
  const params = (values: Record<string, string>) => ({
    resolveVariable: async (v: string) => ({ slackTokenParameter: "/trailwatch/prod/slack-bot-token", slackChannel: "", slackTokenKmsKeyArn: "", ...values })[v.replace(/^param:/, "")],
  });

  it("names rules per service, stable when services come and go; split patterns and the catch-all get their own", async () => {
    const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
    const base = policies[0] as Policy;
    const at = (id: string, eventSource: string, eventName: string[] | undefined): Policy => ({ ...base, id, matchSource: { eventSource: [eventSource], ...(eventName ? { eventName } : {}) } });
    const long = Array.from({ length: 100 }, (_, i) => `SomeVeryLongOperationName${i}`);
    const pack = [
      at("a.one", "ssm-contacts.amazonaws.com", ["DeleteContact"]),
      at("b.two", "ssm-incidents.amazonaws.com", long),
      at("c.three", "iam.amazonaws.com", undefined),
      { ...base, id: "d.loose", matchSource: { eventName: ["DeleteThing"] } },
    ];
    const { patterns } = compileRulePatterns(pack);
    const { ruleIds, ruleResources } = await rulesModule();
    const ids = ruleIds(patterns);
    expect(ids).toEqual(["AlertRuleIam", "AlertRuleSsmContacts", "AlertRuleSsmIncidents", "AlertRuleSsmIncidents2", "AlertRuleAnyAwsService"]);
    expect(ruleIds(compileRulePatterns(pack.slice(1)).patterns)).toEqual(ids.filter((id) => id !== "AlertRuleSsmContacts"));
    const built = ruleResources(patterns, { eventBus: "arn:aws:events:us-east-1:111122223333:event-bus/trailwatch", retryPolicy: {}, stage: "prod" });
    expect(ids.map((id) => built[id]?.Properties.EventPattern)).toEqual(patterns);
    for (const id of ids) expect(built[id]?.Properties.EventBusName).toBe("arn:aws:events:us-east-1:111122223333:event-bus/trailwatch");
  });

  it("gives ReservedConcurrentExecutions a number, none as no property, and refuses 0 (it would stop every alert)", async () => {
    await expect(helpers.reservedConcurrency?.(params({ reservedConcurrency: "5" }))).resolves.toBe(5);
    await expect(helpers.reservedConcurrency?.(params({ reservedConcurrency: "none" }))).resolves.toEqual({ Ref: "AWS::NoValue" });
    await expect(helpers.reservedConcurrency?.(params({ reservedConcurrency: "0" }))).rejects.toThrow(/reservedConcurrency must be a whole number of at least 1/);
  });

  it("schedules the heartbeat every heartbeatHours (1 to 24) and alarms over the same period", async () => {
    const resolve = (values: Record<string, string>) => ({ resolveVariable: async (v: string) => ({ "param:eventBus": "trailwatch", "self:service": "trailwatch", "sls:stage": "prod", ...values })[v] });
    const { Resources } = (await helpers.heartbeatResources?.(resolve({ "param:heartbeatHours": "1" }))) as { Resources: Record<string, Resource> };
    expect(Resources.HeartbeatSchedule?.Properties.ScheduleExpression).toBe("rate(1 hour)");
    expect(Resources.HeartbeatMissingAlarm?.Properties).toMatchObject({ Period: 3600, AlarmName: "trailwatch-prod-heartbeat-missing" });
    expect((Resources.HeartbeatSchedule?.Properties.Target as Json).Arn).toEqual({ "Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/trailwatch" });
    await expect(helpers.heartbeatResources?.(resolve({ "param:heartbeatHours": "48" }))).rejects.toThrow(/heartbeatHours must be a whole number of hours from 1 to 24/);
  });

  it("expects the stack's Region plus the forwarders' unless expectedRegions is given", async () => {
    const resolve = (values: Record<string, string>) => ({ resolveVariable: async (v: string) => ({ "param:expectedRegions": "", "self:provider.region": "eu-west-1", "param:forwarderRegions": "", ...values })[v] });
    await expect(helpers.expectedRegions?.(resolve({}))).resolves.toBe("eu-west-1");
    await expect(helpers.expectedRegions?.(resolve({ "param:forwarderRegions": "us-east-1, eu-west-1,eu-north-1" }))).resolves.toBe("eu-west-1,us-east-1,eu-north-1");
    await expect(helpers.expectedRegions?.(resolve({ "param:expectedRegions": "ap-southeast-2" }))).resolves.toBe("ap-southeast-2");
  });

  it("sets SLACK_BOT_TOKEN_PARAMETER only when Slack is on, so a missing parameter cannot fail every invocation", async () => {
    await expect(helpers.slackTokenParameterEnv?.(params({}))).resolves.toBe("");
    await expect(helpers.slackTokenParameterEnv?.(params({ slackChannel: "C0123" }))).resolves.toBe("/trailwatch/prod/slack-bot-token");
  });

  it.each([["xoxb-1234-5678-abcdef"], ["trailwatch/no-leading-slash"], ["/bad name"]])("refuses %s as a parameter name", async (value) => {
    await expect(helpers.slackTokenParameterArn?.(params({ slackTokenParameter: value }))).rejects.toThrow(/slackTokenParameter/);
  });

  it("grants kms:Decrypt only for a customer managed key, only through SSM, only for the token's parameter", async () => {
    await expect(helpers.slackTokenResources?.(params({}))).resolves.toEqual({ Resources: {} });
    const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { Resources } = (await helpers.slackTokenResources?.(params({ slackTokenKmsKeyArn: key }))) as { Resources: Record<string, Resource> };
    const [statement] = (Resources.SlackTokenKeyPolicy?.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statement).toEqual({
      Sid: "DecryptSlackTokenThroughSsm",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: key,
      Condition: {
        StringEquals: {
          "kms:ViaService": { "Fn::Sub": "ssm.${AWS::Region}.amazonaws.com" },
          "kms:EncryptionContext:PARAMETER_ARN": { "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/trailwatch/prod/slack-bot-token" },
        },
      },
    });
  });

  it("builds the member-account forwarder from the same patterns and state, targeting the central bus through a role", async () => {
    const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
    const { patterns } = compileRulePatterns(policies);
    const { forwarderTemplate } = (await import(pathToFileURL(path.join(repoRoot, "scripts/serverless/forwarder.mjs")).href)) as {
      forwarderTemplate(patterns: RulePattern[]): { Resources: Record<string, Resource> };
    };
    const rules = Object.values(forwarderTemplate(patterns).Resources).filter((r) => r.Type === "AWS::Events::Rule");
    expect(rules.map((r) => r.Properties.EventPattern)).toEqual(patterns);
    for (const rule of rules) {
      expect(rule.Properties).toMatchObject({ EventBusName: "default", State: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" });
      expect(rule.Properties.Targets).toEqual([
        {
          Id: "trailwatch-bus",
          Arn: { Ref: "CentralEventBusArn" },
          RoleArn: getArn("ForwardRole"),
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: getArn("ForwardDeadLetterQueue") },
        },
      ]);
    }
  });

  it("gives forwarders a dead-letter queue only their rules may write, and alarms on it and on failed invocations", async () => {
    const { policies } = loadPolicies(path.join(repoRoot, "rules"));
    const { forwarderTemplate } = (await import(pathToFileURL(path.join(repoRoot, "scripts/serverless/forwarder.mjs")).href)) as {
      forwarderTemplate(patterns: RulePattern[]): { Resources: Record<string, Resource>; Parameters: Json };
    };
    const template = forwarderTemplate(compileRulePatterns(policies).patterns);
    const ruleIds = Object.entries(template.Resources).filter(([, r]) => r.Type === "AWS::Events::Rule").map(([id]) => id);
    expect(JSON.stringify(template.Resources)).not.toContain("trailwatch.drill");
    const [statement] = (template.Resources.ForwardDeadLetterQueuePolicy?.Properties.PolicyDocument as { Statement: Json[] }).Statement;
    expect((statement?.Condition as { ArnEquals: { "aws:SourceArn": unknown[] } }).ArnEquals["aws:SourceArn"]).toEqual(ruleIds.map(getArn));
    const alarms = Object.values(template.Resources).filter((r) => r.Type === "AWS::CloudWatch::Alarm").map((r) => r.Properties);
    expect(alarms).toContainEqual(expect.objectContaining({ Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible" }));
    expect(alarms.filter((a) => a.MetricName === "FailedInvocations").map((a) => (a.Dimensions as Json[])[0]?.Value)).toEqual(ruleIds.map((id) => ({ Ref: id })));
    expect(template.Parameters.AlarmTopicArn).toMatchObject({ Default: "" });
  });

  it.each([
    [["node", "serverless", "invoke", "local", "--function", "alert"], "invoke local", false],
    [["node", "serverless", "invoke", "--function", "alert"], "invoke", false],
    [["node", "serverless", "package"], "package", true],
    [["node", "serverless", "--stage", "prod", "deploy"], "deploy", true],
    [["node", "serverless", "deploy", "function", "-f", "alert"], "deploy function", true],
    [["node", "serverless", "remove"], "remove", false],
  ])("reads %j as `%s` (stops on a stale pack: %s)", async (argv, command, strict) => {
    const cli = (await import(pathToFileURL(path.join(repoRoot, "scripts/serverless/command.mjs")).href)) as {
      commandOf(argv: string[]): string;
      shipsArtifacts(command: string): boolean;
    };
    expect(cli.commandOf(argv)).toBe(command);
    expect(cli.shipsArtifacts(command)).toBe(strict);
  });
});
