import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actorOf } from "../../src/record/actor.js";
import { DeliveryError } from "../../src/outputs/errors.js";
import type { OutputDeps } from "../../src/outputs/output.js";
import { createDestination } from "../../src/outputs/registry.js";
import { fifoDeduplicationId } from "../../src/outputs/sns.js";
import { HOSTILE, hostileAlert, sampleAlert } from "../alert/sample-alert.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";
import { useFakeAws } from "./env.js";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const FIFO_TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts.fifo";
/** Three attempts in all, no backoff: the SDK's own retry logic, minus the waiting. */
const deps = (): OutputDeps => ({ sns: { retryStrategy: new ConfiguredRetryStrategy(3, 0) } });

let server: SnsServer;

beforeAll(async () => {
  server = await startSnsServer({ topics: [TOPIC, FIFO_TOPIC] });
  useFakeAws({ AWS_ENDPOINT_URL_SNS: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  server.heal();
  server.published.length = 0;
  server.deduplicated.length = 0;
  server.http.requests.length = 0;
});

const destination = (topicArn = TOPIC) => createDestination({ name: "oncall-email", type: "sns", config: { topicArn } }, deps());

describe("sns destination", () => {
  it("publishes subject, body and filter attributes to the topic", async () => {
    await destination().deliver(sampleAlert());
    expect(server.published).toHaveLength(1);
    const [sent] = server.published;
    expect(sent?.topicArn).toBe(TOPIC);
    expect(sent?.subject).toBe("[CRITICAL] Contact channel deleted by root - 111122223333");
    expect(sent?.attributes).toEqual({
      severity: { dataType: "String", stringValue: "critical" },
      policy: { dataType: "String", stringValue: "ssm-contacts.contact-channel-deleted" },
      service: { dataType: "String", stringValue: "ssm-contacts" },
      policies: { dataType: "String.Array", stringValue: '["ssm-contacts.contact-channel-deleted"]' },
    });
    expect(sent?.message).toContain("Actor: root\nARN: arn:aws:iam::111122223333:root\nMFA: yes\nConsole: yes");
    expect(sent?.message).toContain("https://us-east-2.console.aws.amazon.com/cloudtrail/home?region=us-east-2#/events/2f6b1c9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b");
    expect(sent?.messageGroupId).toBeUndefined();
  });

  it("signs for the topic's region", async () => {
    const other = "arn:aws:sns:eu-west-1:111122223333:trailwatch-alerts";
    await expect(destination(other).deliver(sampleAlert())).rejects.toThrow(DeliveryError);
    expect(server.http.requests[0]?.headers.authorization).toMatch(/\/eu-west-1\/sns\/aws4_request/);
  });

  it("keeps hostile record fields out of the subject's line structure and the body's bidi", async () => {
    await destination().deliver(hostileAlert());
    const [sent] = server.published;
    expect(sent?.subject).toMatch(/^\[CRITICAL\] Contact deleted line1 Subject: injected by /);
    expect(sent?.subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    expect(sent?.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069\r]/);
    expect(sent?.message).toContain(`"channel": "${HOSTILE.channel}"`);
  });

  it("sets a group and a deduplication id per (eventID, policy) on FIFO topics: two policies on one event both arrive", async () => {
    const first = sampleAlert();
    const second = sampleAlert({ policy: "ssm-contacts.any-write-by-root" });
    await destination(FIFO_TOPIC).deliver(first);
    await destination(FIFO_TOPIC).deliver(second);
    await destination(FIFO_TOPIC).deliver(first);
    expect(server.published.map((m) => m.messageGroupId)).toEqual([first.policy, second.policy]);
    expect(server.published.map((m) => m.messageDeduplicationId)).toEqual([fifoDeduplicationId(first), fifoDeduplicationId(second)]);
    expect(server.deduplicated.map((m) => m.messageGroupId)).toEqual([first.policy]);
  });

  it("cuts huge request parameters so the publish stays within 256 KB", async () => {
    const record = { ...sampleAlert().record, requestParameters: { blob: "x".repeat(400_000) } };
    await destination().deliver(sampleAlert({ record }));
    const [sent] = server.published;
    expect(Buffer.byteLength(sent?.message ?? "")).toBeLessThanOrEqual(262_144);
    expect(sent?.message).toMatch(/\n\[truncated \d+ bytes\]\n/);
    expect(sent?.message).toContain("eventID: 2f6b1c9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b");
  });
});

describe("sns destination faults", () => {
  it("recovers from HTTP 500 twice (SDK retries), then delivers once", async () => {
    server.failNext(2, 500);
    await destination().deliver(sampleAlert());
    expect(server.http.requests.map((r) => r.headers["amz-sdk-request"])).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    expect(server.published).toHaveLength(1);
  });

  it("reports a DeliveryError naming policy, eventID and destination when SNS stays down", async () => {
    server.down();
    const alert = sampleAlert();
    const error = await destination().deliver(alert).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({
      name: "DeliveryError",
      destination: "oncall-email",
      destinationType: "sns",
      policy: alert.policy,
      eventId: alert.eventId,
    });
    expect((error as Error).message).toMatch(/HTTP 503/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.http.requests).toHaveLength(3);
    expect(server.published).toHaveLength(0);
  });

  it("says the topic does not exist, without retrying, on NotFound", async () => {
    const error = await destination("arn:aws:sns:us-east-1:111122223333:nope").deliver(sampleAlert()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).reason).toMatch(/NotFound/);
    expect((error as DeliveryError).hint).toMatch(/topic does not exist/);
    expect(server.http.requests).toHaveLength(1);
  });
});

it("the hostile actor really is hostile (guards the fixture)", () => {
  expect(actorOf(hostileAlert().record).name).toContain(HOSTILE.channel);
});
