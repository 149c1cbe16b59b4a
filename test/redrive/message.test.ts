import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dlqShapes, parseDlqMessage } from "../../src/redrive/message.js";
import { repoRoot } from "../support/shared.js";

const envelope = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.envelope.json"), "utf8")) as Record<string, unknown>;
const event = JSON.stringify(envelope);

/** What Lambda sends to an on-failure destination after the last retry of an async invocation. */
function lambdaRecord(requestPayload: unknown, response: Record<string, unknown> = { errorType: "DeliveryFailedError", errorMessage: "1 delivery failure(s): slack: ratelimited" }): string {
  return JSON.stringify({
    version: "1.0",
    timestamp: "2026-11-20T10:16:02.133Z",
    requestContext: { requestId: "e4b46cbf-b738-4a7e-a4f7-6a0b1a4d1e57", functionArn: "arn:aws:lambda:us-east-1:111122223333:function:trailwatch-alert:$LATEST", condition: "RetriesExhausted", approximateInvokeCount: 3 },
    requestPayload,
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: response,
  });
}

const EVENTBRIDGE_ATTRIBUTES = {
  ERROR_CODE: "SDK_CLIENT_ERROR",
  ERROR_MESSAGE: "Unable to invoke Lambda function arn:aws:lambda:us-east-1:111122223333:function:trailwatch-alert: Rate Exceeded.",
  RULE_ARN: "arn:aws:events:us-east-1:111122223333:rule/trailwatch-incident-manager",
  TARGET_ARN: "arn:aws:lambda:us-east-1:111122223333:function:trailwatch-alert",
};

interface UsableCase {
  readonly label: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly shape: string;
  readonly reason: string;
}

describe("parseDlqMessage: usable bodies", () => {
  it.each<UsableCase>([
    { label: "EventBridge target DLQ", body: event, attributes: EVENTBRIDGE_ATTRIBUTES, shape: "EventBridge target DLQ", reason: `SDK_CLIENT_ERROR: ${EVENTBRIDGE_ATTRIBUTES.ERROR_MESSAGE}` },
    { label: "Lambda function DLQ (ErrorCode/ErrorMessage)", body: event, attributes: { RequestID: "r-1", ErrorCode: "200", ErrorMessage: "1 delivery failure(s)" }, shape: "EventBridge target DLQ", reason: "200: 1 delivery failure(s)" },
    { label: "EventBridge event with no attributes", body: event, attributes: {}, shape: "EventBridge target DLQ", reason: "no reason recorded" },
    { label: "Lambda on-failure destination", body: lambdaRecord(envelope), attributes: {}, shape: "Lambda on-failure destination", reason: "RetriesExhausted after 3 attempt(s): DeliveryFailedError: 1 delivery failure(s): slack: ratelimited" },
    { label: "Lambda destination after EventAgeExceeded (no response)", body: JSON.stringify({ ...JSON.parse(lambdaRecord(envelope)), requestContext: { condition: "EventAgeExceeded", approximateInvokeCount: 0 }, responsePayload: undefined }), attributes: {}, shape: "Lambda on-failure destination", reason: "EventAgeExceeded after 0 attempt(s)" },
  ])("$label", ({ body, attributes, shape, reason }) => {
    const parsed = parseDlqMessage({ body, attributes });
    expect(parsed).toMatchObject({ ok: true, shape, reason });
    expect(parsed.ok && parsed.record.eventID).toBe("5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b");
  });
});

describe("parseDlqMessage: unusable bodies are explained, never dropped", () => {
  it.each([
    { label: "not JSON", body: "{oops", problem: /^the body is not JSON \(/ },
    { label: "a JSON array", body: "[1,2]", problem: /not an object \(an array\)/ },
    { label: "JSON null", body: "null", problem: /not an object \(null\)/ },
    { label: "an unrelated object", body: '{"hello":"world"}', problem: /neither a Lambda on-failure record \(requestContext, requestPayload\) nor an EventBridge event/ },
    { label: "a bare CloudTrail record", body: JSON.stringify(envelope.detail), problem: /neither/ },
    { label: "an envelope whose detail is not a record", body: JSON.stringify({ ...envelope, detail: { eventSource: "ssm-contacts.amazonaws.com" } }), problem: /not a CloudTrail record: missing "eventName"/ },
    { label: "a scheduled sweep", body: JSON.stringify({ "detail-type": "Scheduled Event", source: "aws.events", detail: {} }), problem: /scheduled sweep/ },
    { label: "a Lambda record whose payload is not an event", body: lambdaRecord("hello"), problem: /not an EventBridge event/ },
  ])("$label", ({ body, problem }) => {
    const parsed = parseDlqMessage({ body, attributes: {} });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatch(problem);
  });

  it("keeps the failure reason of a Lambda record even when its payload is unusable", () => {
    expect(parseDlqMessage({ body: lambdaRecord({ "detail-type": "x" }), attributes: {} })).toMatchObject({ ok: false, reason: expect.stringContaining("DeliveryFailedError") });
  });
});

describe("DLQ shape registry", () => {
  it("lists the Lambda record before the bare event, since a Lambda record is an object too", () => {
    expect([...dlqShapes.keys()]).toEqual(["Lambda on-failure destination", "EventBridge target DLQ"]);
  });
});
