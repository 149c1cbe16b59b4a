import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import middy from "@middy/core";
import ssm from "@middy/ssm";
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDestination } from "../../src/outputs/registry.js";
import { sampleAlert } from "../alert/sample-alert.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSsmServer, type SsmServer } from "../support/ssm-server.js";
import { useFakeAws } from "./env.js";

const TOKEN_PARAM = "/trailwatch/slack-bot-token";
const TOKEN = "xoxb-from-ssm";
let ssmServer: SsmServer;
let slackServer: SlackServer;

beforeAll(async () => {
  ssmServer = await startSsmServer({
    [TOKEN_PARAM]: { value: TOKEN, type: "SecureString" },
    "/trailwatch/channel": { value: "C0SECOPS" },
  });
  slackServer = await startSlackServer({ tokens: [TOKEN] });
  useFakeAws({ AWS_ENDPOINT_URL_SSM: ssmServer.url });
});
afterAll(async () => {
  await ssmServer.close();
  await slackServer.close();
});

describe("fake SSM with the real SSMClient", () => {
  it.each([
    [true, TOKEN],
    [false, Buffer.from(`kms:${TOKEN}`).toString("base64")],
  ])("GetParameter SecureString, WithDecryption=%s", async (decrypt, expected) => {
    const out = await new SSMClient({}).send(new GetParameterCommand({ Name: TOKEN_PARAM, WithDecryption: decrypt }));
    expect(out.Parameter).toMatchObject({ Name: TOKEN_PARAM, Type: "SecureString", Value: expected, Version: 1 });
    expect(out.Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it("answers a missing parameter with ParameterNotFound", async () => {
    const error = await new SSMClient({}).send(new GetParameterCommand({ Name: "/nope" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ParameterNotFound", $metadata: { httpStatusCode: 400 } });
  });
});

it("a Middy handler reads the bot token with @middy/ssm (GetParameters) and delivers to Slack", async () => {
  const handler = middy(async (_event: unknown, context: Context & { slackToken: unknown }) => {
    const destination = createDestination(
      { name: "secops-slack", type: "slack", config: { channel: "C0SECOPS" } },
      { env: { SLACK_API_URL: slackServer.apiUrl }, slack: { token: String(context.slackToken), retryConfig: { retries: 0 } } },
    );
    await destination.deliver(sampleAlert());
  }).use(ssm({ fetchData: { slackToken: TOKEN_PARAM }, setToContext: true, disablePrefetch: true }));

  await handler({}, {} as Parameters<typeof handler>[1]);
  expect(ssmServer.calls).toContain("GetParameters");
  expect(slackServer.posts.map((p) => p.token)).toEqual([TOKEN]);
});
