import { ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { md5OfMessageAttributes, startSqsServer, type AttributeValue, type SqsServer } from "../support/sqs-server.js";

let sqs: SqsServer;
let client: SQSClient;

beforeAll(async () => {
  sqs = await startSqsServer();
  client = new SQSClient({ region: "us-east-1", endpoint: sqs.url, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
});

afterAll(async () => {
  client.destroy();
  await sqs.close();
});

beforeEach(() => void (sqs.messages.length = 0));

describe("md5OfMessageAttributes", () => {
  // Values published by other SQS implementations and checked against real SQS by their authors.
  it.each<{ label: string; attributes: Record<string, AttributeValue>; md5: string }>([
    { label: "one Number attribute", attributes: { timestamp: { DataType: "Number", StringValue: "1493147359900" } }, md5: "235c5c510d26fb653d073faed50ae77c" },
    { label: "one String attribute", attributes: { SellerName: { DataType: "String", StringValue: "Example Store" } }, md5: "cd28f3b68aeee4b2eac9c66f2f694b58" },
    { label: "two attributes, sorted by name", attributes: { ordinal: { DataType: "Number", StringValue: "1" }, category: { DataType: "String", StringValue: "test" } }, md5: "d21ae90c49061e927f57df5f5d72be1f" },
  ])("$label", ({ attributes, md5 }) => {
    expect(md5OfMessageAttributes(attributes)).toBe(md5);
  });
});

describe("fake SQS through the real client", () => {
  it("returns body, attributes and MD5s the SDK accepts, and hides a received message", async () => {
    const id = sqs.send('{"hello":"wörld"}', { ERROR_CODE: "SDK_CLIENT_ERROR", RETRY_ATTEMPTS: { DataType: "Number", StringValue: "185" } });
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    const message = first.Messages?.[0];
    expect(message).toMatchObject({ MessageId: id, Body: '{"hello":"wörld"}', Attributes: { ApproximateReceiveCount: "1" } });
    expect(message?.MessageAttributes?.ERROR_CODE).toEqual({ DataType: "String", StringValue: "SDK_CLIENT_ERROR" });
    expect(message?.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(sqs.messages[0]?.attributes ?? {}));
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, MaxNumberOfMessages: 10 }));
    expect(second.Messages).toBeUndefined();
    await client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: sqs.queueUrl, Entries: [{ Id: "0", ReceiptHandle: message?.ReceiptHandle, VisibilityTimeout: 0 }] }));
    const third = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl }));
    expect(third.Messages?.[0]?.MessageId).toBe(id);
    await expect(client.send(new DeleteMessageCommand({ QueueUrl: sqs.queueUrl, ReceiptHandle: message?.ReceiptHandle }))).rejects.toThrow(/expired/);
    await client.send(new DeleteMessageCommand({ QueueUrl: sqs.queueUrl, ReceiptHandle: third.Messages?.[0]?.ReceiptHandle }));
    expect(sqs.messages).toEqual([]);
  });

  it("lets a message reappear when its visibility timeout runs out", async () => {
    sqs.send("{}");
    await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, VisibilityTimeout: 1 }));
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl }))).Messages).toBeUndefined();
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl: sqs.queueUrl, WaitTimeSeconds: 2 }));
    expect(again.Messages?.[0]?.Attributes).toBeUndefined();
    expect(sqs.messages[0]?.receiveCount).toBe(2);
  });

  it("answers an unknown queue as SQS does", async () => {
    await expect(client.send(new ReceiveMessageCommand({ QueueUrl: `${sqs.url}/111122223333/nope` }))).rejects.toMatchObject({ name: "QueueDoesNotExist" });
  });
});
