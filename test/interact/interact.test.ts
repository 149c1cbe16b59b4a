import { createHmac } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildAlert } from "../../src/alert/build.js";
import { slackMessage } from "../../src/alert/render/slack.js";
import { createInteractHandler, type InteractResponse } from "../../src/handler/interact.js";
import type { FunctionUrlRequest } from "../../src/interact/verify.js";
import { SilenceStore } from "../../src/silence/store.js";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";
import { lambdaContext } from "../support/lambda-context.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";
import { startSsmServer, type SsmServer } from "../support/ssm-server.js";
import { burstPolicy, event, handlerWith } from "../support/alert-handler.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const SECRET_PARAMETER = "/trailwatch/test/slack-signing-secret";
const TOKEN_PARAMETER = "/trailwatch/test/slack-bot-token";

let dynamo: LocalDynamo;
let slack: SlackServer;
let ssm: SsmServer;
let sns: SnsServer;
let clock: Date;
let handler: (event: FunctionUrlRequest, context: ReturnType<typeof lambdaContext>) => Promise<InteractResponse>;
let alertTs: string;
const policy = burstPolicy();

function signed(body: string, options: { secret?: string; at?: number } = {}): FunctionUrlRequest {
  const timestamp = String(Math.floor((options.at ?? clock.getTime()) / 1000));
  const signature = `v0=${createHmac("sha256", options.secret ?? SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-signature": signature, "x-slack-request-timestamp": timestamp }, body, isBase64Encoded: false };
}

/** A block_actions payload as Slack sends it for a press on our posted alert. */
function click(action: string, user: string): string {
  const alert = buildAlert(policy, event(1).detail);
  const message = slackMessage(alert);
  const value = JSON.stringify({ policy: alert.policy, eventId: alert.eventId });
  const payload = {
    type: "block_actions", user: { id: user, username: user.toLowerCase().slice(2) }, container: { type: "message", message_ts: alertTs, channel_id: "C0SECOPS" },
    channel: { id: "C0SECOPS" }, message: { ts: alertTs, text: message.text, blocks: message.blocks }, actions: [{ action_id: action, value, type: "button" }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

beforeAll(async () => {
  [dynamo, slack, ssm, sns] = await Promise.all([
    startDynamo(), startSlackServer({ userGroups: { S0ONCALL: ["U0CAROL"] } }),
    startSsmServer({ [SECRET_PARAMETER]: { value: SECRET, type: "SecureString" }, [TOKEN_PARAMETER]: { value: "xoxb-interact", type: "SecureString" } }),
    startSnsServer(),
  ]);
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, AWS_ENDPOINT_URL_SSM: ssm.url, AWS_ENDPOINT_URL_SNS: sns.url });
  const env: Record<string, string | undefined> = { ...process.env, TRAILWATCH_STATE_TABLE: dynamo.table, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET_PARAMETER: SECRET_PARAMETER, SLACK_BOT_TOKEN_PARAMETER: TOKEN_PARAMETER };
  delete env.SLACK_BOT_TOKEN;
  delete env.SLACK_SIGNING_SECRET;
  handler = createInteractHandler({ access: { allowedUsers: ["U0ALICE", "U0BOB"], allowedGroups: ["S0ONCALL"] }, env, logger: new Logger({ logLevel: "SILENT" }), now: () => clock });
  const web = new WebClient("xoxb-poster", { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR });
  alertTs = (await web.chat.postMessage({ channel: "C0SECOPS", ...slackMessage(buildAlert(policy, event(1).detail)) })).ts ?? "";
});

afterAll(async () => Promise.all([dynamo.close(), slack.close(), ssm.close(), sns.close()]));

beforeEach(() => {
  clock = new Date(clock === undefined ? "2026-11-20T10:44:00Z" : clock.getTime() + 1000);
  slack.updates.length = 0;
  slack.ephemerals.length = 0;
});

const updateText = () => JSON.stringify(slack.updates.map((u) => u.blocks));

describe("interact: signature verification (Slack v0, secret from SSM SecureString)", () => {
  it.each([
    ["forged (another secret)", () => signed(click("trailwatch_ack", "U0ALICE"), { secret: "not-the-secret" })],
    ["tampered body", () => ({ ...signed(click("trailwatch_ack", "U0ALICE")), body: click("trailwatch_silence_1h", "U0ALICE") })],
    ["stale (6 minutes old)", () => signed(click("trailwatch_ack", "U0ALICE"), { at: clock.getTime() - 6 * 60_000 })],
    ["from the future (6 minutes ahead)", () => signed(click("trailwatch_ack", "U0ALICE"), { at: clock.getTime() + 6 * 60_000 })],
    ["unsigned", () => ({ headers: {}, body: click("trailwatch_ack", "U0ALICE") })],
  ])("refuses a %s request with 401 and changes nothing", async (_name, request) => {
    const response = await handler(request(), lambdaContext());
    expect(response.statusCode).toBe(401);
    expect(slack.updates).toHaveLength(0);
  });

  it("accepts a genuine click once, and refuses its replay", async () => {
    const request = signed(click("trailwatch_ack", "U0ALICE"));
    expect((await handler(request, lambdaContext())).statusCode).toBe(200);
    expect((await handler(request, lambdaContext())).statusCode).toBe(401);
    expect(slack.updates).toHaveLength(1);
    expect(ssm.calls).toContain("GetParameters");
  });
});

describe("interact: Acknowledge and Silence 1h", () => {
  it("records an acknowledgement and edits the message", async () => {
    expect((await handler(signed(click("trailwatch_ack", "U0BOB")), lambdaContext())).statusCode).toBe(200);
    expect(slack.updates).toHaveLength(1);
    expect(slack.updates[0]).toMatchObject({ channel: "C0SECOPS", ts: alertTs });
    expect(updateText()).toContain(":white_check_mark: acknowledged by <@U0BOB> 10:44 UTC");
    expect(updateText()).not.toContain("trailwatch_ack");
    expect(updateText()).toContain("trailwatch_silence_1h");
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const ack = await doc.send(new GetCommand({ TableName: dynamo.table, Key: { pk: "ack#evt-0001#ssm-contacts.burst", sk: "U0BOB" } }));
    doc.destroy();
    expect(ack.Item?.at).toBe(clock.toISOString());
  });

  it("lets a member of an allowed user group act", async () => {
    expect((await handler(signed(click("trailwatch_ack", "U0CAROL")), lambdaContext())).statusCode).toBe(200);
    expect(updateText()).toContain("acknowledged by <@U0CAROL>");
  });

  it("answers anyone else with an ephemeral refusal and changes nothing", async () => {
    expect((await handler(signed(click("trailwatch_silence_1h", "U0MALLORY")), lambdaContext())).statusCode).toBe(200);
    expect(slack.updates).toHaveLength(0);
    expect(slack.ephemerals).toHaveLength(1);
    expect(slack.ephemerals[0]?.raw.user).toBe("U0MALLORY");
    expect(slack.ephemerals[0]?.text).toMatch(/Only the people trailwatch.yml allows/);
  });

  it("creates a 1-hour silence, edits the message, and the alert handler announces it", async () => {
    expect((await handler(signed(click("trailwatch_silence_1h", "U0ALICE")), lambdaContext())).statusCode).toBe(200);
    const store = new SilenceStore(dynamo.table);
    const [silence] = await store.list();
    store.destroy();
    expect(silence).toMatchObject({ match: { source: { policy: ["ssm-contacts.burst"] } }, start: clock.toISOString(), end: new Date(clock.getTime() + 3600_000).toISOString(), creator: "@alice (U0ALICE) via Slack" });
    expect(updateText()).toContain(`:no_bell: silenced 1h by <@U0ALICE> (${silence?.id}, ssm-contacts.burst until 11:4`);

    slack.posts.length = 0;
    const alerts = handlerWith({ slackApiUrl: slack.apiUrl, table: dynamo.table, now: () => clock }, [policy]);
    expect(await alerts(event(2), lambdaContext())).toMatchObject({ silenced: 1 });
    expect(slack.posts.filter((p) => p.text?.includes(`[SILENCE] ${silence?.id} by @alice (U0ALICE) via Slack`))).toHaveLength(1);
    expect(sns.published.filter((m) => m.message.includes(`Silence ${silence?.id} by @alice`))).toHaveLength(1);
  });
});
