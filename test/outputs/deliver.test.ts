import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliverAll } from "../../src/outputs/deliver.js";
import { DeliveryError } from "../../src/outputs/errors.js";
import type { OutputDeps } from "../../src/outputs/output.js";
import { createDestination, type DestinationSpec } from "../../src/outputs/registry.js";
import { sampleAlert } from "../alert/sample-alert.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";
import { useFakeAws } from "./env.js";

let sns: SnsServer;
let slack: SlackServer;

beforeAll(async () => {
  sns = await startSnsServer();
  slack = await startSlackServer({ channels: ["C0SECOPS"] });
  useFakeAws({ AWS_ENDPOINT_URL_SNS: sns.url });
});
afterAll(async () => {
  await sns.close();
  await slack.close();
});

it("tries every destination and reports each failure, swallowing none", async () => {
  sns.down();
  const deps: OutputDeps = {
    env: { SLACK_API_URL: slack.apiUrl },
    sns: { retryStrategy: new ConfiguredRetryStrategy(2, 0) },
    slack: { token: "xoxb-t", retryConfig: { retries: 0 } },
    stream: new PassThrough(),
  };
  const specs: DestinationSpec[] = [
    { name: "mail", type: "sns", config: { topicArn: "arn:aws:sns:us-east-1:111122223333:alerts" } },
    { name: "wrong-channel", type: "slack", config: { channel: "C0GONE" } },
    { name: "secops", type: "slack", config: { channel: "C0SECOPS" } },
    { name: "local", type: "console", config: {} },
  ];
  const report = await deliverAll(specs.map((s) => createDestination(s, deps)), sampleAlert());
  expect(report.delivered).toEqual(["secops", "local"]);
  expect(report.failures.map((f) => [f.destination, f.destinationType])).toEqual([["mail", "sns"], ["wrong-channel", "slack"]]);
  expect(report.failures.every((f) => f instanceof DeliveryError && f.eventId === sampleAlert().eventId)).toBe(true);
  expect(slack.posts.map((p) => p.channel)).toEqual(["C0SECOPS"]);
});

it("wraps a non-DeliveryError from a custom destination", async () => {
  const odd = { name: "odd", type: "custom", deliver: () => Promise.reject(new TypeError("boom")) };
  const report = await deliverAll([odd], sampleAlert());
  expect(report.failures[0]).toMatchObject({ name: "DeliveryError", destination: "odd", reason: "TypeError: boom" });
});
