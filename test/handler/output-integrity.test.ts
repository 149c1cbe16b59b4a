import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAlertHandler, type CloudTrailEvent } from "../../src/handler/lambda.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { slackTexts } from "../hostile/support/checks.js";
import { runCli } from "../support/cli.js";
import { lambdaContext } from "../support/lambda-context.js";
import { repoRoot } from "../support/shared.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";

// Output integrity (issue #13, one sanitiser of #12): a record value can neither add a line
// to an alert nor hide behind invisible code points, in the e-mail, in Slack or on a terminal.

const TOKEN = "xoxb-1111-2222-integrity";
const FORGED = "WHO\nActor: user trusted-admin\nMFA: yes";

// U+200B-U+200D, U+2060, U+FEFF, U+00AD, U+180E, U+034F, U+115F, U+3164, U+FFA0, and tag characters.
const INVISIBLE = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E", "\u034F", "\u115F", "\u3164", "\uFFA0", "\u{E0001}", "\u{E0041}", "\u{E007F}"];
// eslint-disable-next-line no-misleading-character-class -- U+034F is listed to be found, not to combine
const INVISIBLE_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E\u034F\u115F\u3164\uFFA0]|\uDB40[\uDC00-\uDC7F]/u;

let sns: SnsServer;
let slack: SlackServer;
let env: Record<string, string | undefined>;

const shipped = loadPolicies(path.join(repoRoot, "rules"));
const created = shipped.policies.find((p) => p.id === "ssm-contacts.contact-channel-created");
const denied = shipped.policies.find((p) => p.id === "incident-manager.access-denied-write");

/** The shipped policy's own positive test event: a real CreateContactChannel record. */
function channelCreated(): CloudTrailRecord {
  const event = created?.tests.find((t) => t.alert)?.event;
  if (event === undefined) throw new Error("contact-channel-created has no positive test event");
  return structuredClone(event) as CloudTrailRecord;
}

function envelope(record: CloudTrailRecord): CloudTrailEvent {
  return { version: "0", id: "e7f1c2d3-0000-4000-8000-000000000001", "detail-type": "AWS API Call via CloudTrail", source: "aws.ssm-contacts", account: "111122223333", time: "2026-11-09T17:14:26Z", region: "us-east-1", resources: [], detail: record } as CloudTrailEvent;
}

beforeAll(async () => {
  [sns, slack] = await Promise.all([startSnsServer(), startSlackServer({ channels: ["C0SECOPS"], tokens: [TOKEN] })]);
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "secret";
  process.env.AWS_ENDPOINT_URL_SNS = sns.url;
  env = { ...process.env, SLACK_API_URL: slack.apiUrl, SLACK_BOT_TOKEN: TOKEN, TRAILWATCH_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts", TRAILWATCH_SLACK_CHANNEL: "C0SECOPS", POWERTOOLS_LOG_LEVEL: "ERROR" };
  delete env.TRAILWATCH_STATE_TABLE;
  delete env.SLACK_BOT_TOKEN_PARAMETER;
});

afterAll(async () => Promise.all([sns.close(), slack.close()]));

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
});

async function deliver(record: CloudTrailRecord): Promise<{ mail: string; slack: string[] }> {
  const { config } = loadRoutingConfigText(readFileSync(path.join(repoRoot, "trailwatch.yml"), "utf8"), "trailwatch.yml", env);
  if (!config || !created || !denied) throw new Error("shipped policies or routing did not load");
  const handler = createAlertHandler({
    policySet: createPolicySet([created, denied]),
    routing: config,
    env,
    deps: { sns: { retryStrategy: new ConfiguredRetryStrategy(1, 0) }, slack: { retryConfig: { retries: 0 } } },
  });
  const result = await handler(envelope(record), lambdaContext());
  expect(result).toMatchObject({ alerts: 1, delivered: 2 });
  expect(sns.published).toHaveLength(1);
  expect(slack.posts).toHaveLength(1);
  const post = slack.posts[0];
  return { mail: sns.published[0]?.message ?? "", slack: post ? slackTexts(post) : [] };
}

/** The e-mail has exactly the template's sections: one WHO, one Actor line, the real actor. */
function expectOneWhoSection(mail: string, actor: string): void {
  const lines = mail.split("\n");
  expect(lines.filter((l) => l === "WHO")).toHaveLength(1);
  expect(lines.filter((l) => l.startsWith("Actor: "))).toEqual([`Actor: ${actor}`]);
  expect(lines.filter((l) => l.startsWith("MFA: "))).toHaveLength(1);
}

describe("record values never create lines (through the handler, SNS and Slack servers)", () => {
  it("a line break in deliveryAddress.simpleAddress cannot forge an e-mail section or a Slack line", async () => {
    const record = channelCreated();
    (record.requestParameters as { deliveryAddress: { simpleAddress: string } }).deliveryAddress.simpleAddress = `ops@example.net\n\n${FORGED}\r\n\u2028x`;
    const out = await deliver(record);
    expectOneWhoSection(out.mail, "user bob");
    const summary = out.mail.split("\n")[3] ?? "";
    expect(summary).toContain("channel ops@example.net");
    expect(summary).toContain("Actor: user trusted-admin");
    const summarySection = out.slack[2] ?? "";
    expect(summarySection).toContain("ops@example.net");
    expect(summarySection, "the Slack summary is one line, as its template").not.toMatch(/[\r\n\u2028\u2029]/);
  });

  it("a line break in errorMessage cannot forge an e-mail section or a Slack line", async () => {
    const record = { ...channelCreated(), errorCode: "AccessDeniedException", errorMessage: `not authorized\n\n${FORGED}` };
    const out = await deliver(record);
    expectOneWhoSection(out.mail, "user bob");
    const failed = out.slack.find((t) => t.startsWith("*Failed with*")) ?? "";
    expect(failed.split("\n"), "label, code, message: three lines").toHaveLength(3);
  });

  it("a U+2028 inside request parameters stays inside its JSON string in the e-mail", async () => {
    const record = channelCreated();
    (record.requestParameters as Record<string, unknown>).name = `alice\u2028--\u2028Policy: trailwatch.all-clear`;
    const out = await deliver(record);
    expect(out.mail.split("\n").filter((l) => l.startsWith("Policy: "))).toEqual(["Policy: ssm-contacts.contact-channel-created"]);
  });
});

describe("invisible code points are replaced in every output, as bidi controls are", () => {
  const hidden = `ad${INVISIBLE.join("")}min`;

  it("e-mail and Slack show U+FFFD, never the invisible character", async () => {
    const record = channelCreated();
    (record.requestParameters as { deliveryAddress: { simpleAddress: string } }).deliveryAddress.simpleAddress = hidden;
    record.userIdentity = { ...record.userIdentity, userName: hidden, arn: `arn:aws:iam::111122223333:user/${hidden}` };
    record.userAgent = hidden;
    const out = await deliver(record);
    expect(out.mail).not.toMatch(INVISIBLE_RE);
    expect(out.mail).toContain("ad\uFFFD");
    for (const text of out.slack) expect(text).not.toMatch(INVISIBLE_RE);
    expect(out.slack.join("\n")).toContain("ad\uFFFD");
    expect(sns.published[0]?.subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it("the terminal (`eval`) shows U+FFFD too, for bidi marks and lone surrogates as well", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-integrity-"));
    try {
      const record = channelCreated();
      record.userIdentity = { ...record.userIdentity, userName: `${hidden}\u200E\u200F\u061C\uD800` };
      (record.requestParameters as { deliveryAddress: { simpleAddress: string } }).deliveryAddress.simpleAddress = `x\n[CRITICAL] forged  (fake.policy)`;
      const file = path.join(dir, "record.json");
      writeFileSync(file, JSON.stringify(record));
      const run = await runCli(["eval", "--rules", path.join(repoRoot, "rules"), "--event", file]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(INVISIBLE_RE);
      expect(run.stdout).not.toMatch(/[\u200E\u200F\u061C]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(run.stdout).toContain("ad\uFFFD");
      const alerts = Number(/(\d+) alert\(s\)/.exec(run.stdout)?.[1]);
      expect(alerts).toBeGreaterThan(0);
      expect(run.stdout.split("\n").filter((l) => l.startsWith("[")), "one header line per alert").toHaveLength(alerts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
