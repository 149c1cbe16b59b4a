import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { startHttpServer, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A fake Amazon SQS queue speaking the AWS JSON 1.0 protocol that @aws-sdk/client-sqs 3.1169
 * sends: `POST /`, `Content-Type: application/x-amz-json-1.0`, `X-Amz-Target: AmazonSQS.<Op>`,
 * errors as `__type` plus the `x-amzn-query-error` header (the SDK is query-compatible).
 * Supports ReceiveMessage (visibility timeout, long polling, system and message attributes,
 * MD5OfBody and MD5OfMessageAttributes computed as SQS computes them), DeleteMessage,
 * ChangeMessageVisibilityBatch and GetQueueAttributes, on one standard queue.
 */

export interface AttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64, as the JSON protocol carries blobs. */
  readonly BinaryValue?: string;
}

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp: number | undefined;
  /** Epoch ms from which the message can be received again (0: visible now). */
  visibleAt: number;
  /** The handle of the latest receive; only that one deletes the message. */
  receiptHandle: string | undefined;
}

export interface SqsServer {
  /** Put this in `AWS_ENDPOINT_URL_SQS`. */
  readonly url: string;
  /** `<url>/111122223333/trailwatch-dlq`: the only queue; any other QueueUrl does not exist. */
  readonly queueUrl: string;
  readonly http: TestHttpServer;
  /** Messages still in the queue (visible or in flight), oldest first. */
  readonly messages: QueuedMessage[];
  /** `X-Amz-Target` operation names, in arrival order. */
  readonly calls: string[];
  /** Enqueues a message; plain strings become `String` attributes. Returns the MessageId. */
  send(body: string, attributes?: Readonly<Record<string, string | AttributeValue>>): string;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
const CONTENT_TYPE = "application/x-amz-json-1.0";
const ACCOUNT = "111122223333";
const DEFAULT_VISIBILITY_SECONDS = 30;

const md5 = (bytes: Buffer | string): string => createHash("md5").update(bytes).digest("hex");

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * SQS's MD5OfMessageAttributes: for each attribute in name order, the length-prefixed name,
 * data type, a transport byte (1 string, 2 binary) and the length-prefixed value.
 */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, AttributeValue>>): string {
  const parts = Object.keys(attributes).sort().flatMap((name) => {
    const value = attributes[name] as AttributeValue;
    const binary = value.BinaryValue !== undefined;
    const payload = binary ? Buffer.from(value.BinaryValue ?? "", "base64") : Buffer.from(value.StringValue ?? "", "utf8");
    return [lengthPrefixed(Buffer.from(name, "utf8")), lengthPrefixed(Buffer.from(value.DataType, "utf8")), Buffer.from([binary ? 2 : 1]), lengthPrefixed(payload)];
  });
  return md5(Buffer.concat(parts));
}

/** An SQS error as the query-compatible JSON protocol carries it. */
export function sqsError(code: string, queryCode: string, message: string, status = 400): Reply {
  const fault = status >= 500 ? "Receiver" : "Sender";
  return {
    status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-query-error": `${queryCode};${fault}`, "x-amzn-requestid": randomUUID() },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }),
  };
}

const ok = (body: unknown): Reply => ({ status: 200, headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": randomUUID() }, body: JSON.stringify(body) });
const invalidValue = (message: string) => sqsError("InvalidParameterValueException", "InvalidParameterValue", message);

/** `All`, `.*`, exact names and `prefix.*`, as SQS filters MessageAttributeNames. */
function selectAttributes(all: Readonly<Record<string, AttributeValue>>, wanted: unknown): Record<string, AttributeValue> {
  const names = Array.isArray(wanted) ? wanted.map(String) : [];
  const wants = (name: string) => names.some((w) => w === "All" || w === ".*" || w === name || (w.endsWith(".*") && name.startsWith(w.slice(0, -1))));
  return Object.fromEntries(Object.entries(all).filter(([name]) => wants(name)));
}

function systemAttributes(message: QueuedMessage, wanted: unknown): Record<string, string> {
  const names = Array.isArray(wanted) ? wanted.map(String) : [];
  const all: Record<string, string> = {
    SenderId: "AIDAEXAMPLESENDER",
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? ""),
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.includes("All") || names.includes(name)));
}

function integerIn(body: Body, key: string, min: number, max: number, fallback: number): number | string {
  const value = body[key] ?? fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    return `Value ${String(value)} for parameter ${key} is invalid. Reason: must be between ${min} and ${max}.`;
  }
  return value;
}

class Queue {
  readonly messages: QueuedMessage[] = [];
  private handles = 0;

  visible(now: number): QueuedMessage[] {
    return this.messages.filter((m) => m.visibleAt <= now);
  }

  receive(message: QueuedMessage, now: number, visibilitySeconds: number): string {
    message.receiveCount += 1;
    message.firstReceiveTimestamp ??= now;
    message.visibleAt = now + visibilitySeconds * 1000;
    message.receiptHandle = Buffer.from(`${message.messageId}#${++this.handles}`).toString("base64");
    return message.receiptHandle;
  }

  /** The message a receipt handle names, or why the handle is unusable. */
  byHandle(handle: unknown): QueuedMessage | "gone" | "invalid" | "expired" {
    if (typeof handle !== "string" || handle === "") return "invalid";
    const id = Buffer.from(handle, "base64").toString("utf8").split("#")[0] ?? "";
    const message = this.messages.find((m) => m.messageId === id);
    if (message === undefined) return /^[0-9a-f-]{36}$/.test(id) ? "gone" : "invalid";
    return message.receiptHandle === handle ? message : "expired";
  }
}

async function receiveMessage(queue: Queue, body: Body): Promise<Reply> {
  const max = integerIn(body, "MaxNumberOfMessages", 1, 10, 1);
  const visibility = integerIn(body, "VisibilityTimeout", 0, 43_200, DEFAULT_VISIBILITY_SECONDS);
  const wait = integerIn(body, "WaitTimeSeconds", 0, 20, 0);
  for (const value of [max, visibility, wait]) if (typeof value === "string") return invalidValue(value);
  const deadline = Date.now() + (wait as number) * 1000;
  while (queue.visible(Date.now()).length === 0 && Date.now() < deadline) await sleep(20);
  const now = Date.now();
  const messages = queue.visible(now).slice(0, max as number).map((m) => {
    const receiptHandle = queue.receive(m, now, visibility as number);
    const attributes = selectAttributes(m.attributes, body["MessageAttributeNames"]);
    const hasAttributes = Object.keys(attributes).length > 0;
    const system = systemAttributes(m, body["MessageSystemAttributeNames"] ?? body["AttributeNames"]);
    return {
      MessageId: m.messageId,
      ReceiptHandle: receiptHandle,
      MD5OfBody: md5(m.body),
      Body: m.body,
      ...(Object.keys(system).length > 0 ? { Attributes: system } : {}),
      ...(hasAttributes ? { MessageAttributes: attributes, MD5OfMessageAttributes: md5OfMessageAttributes(attributes) } : {}),
    };
  });
  return ok(messages.length > 0 ? { Messages: messages } : {});
}

function deleteMessage(queue: Queue, body: Body): Reply {
  const found = queue.byHandle(body["ReceiptHandle"]);
  if (found === "invalid") return sqsError("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", `The input receipt handle "${String(body["ReceiptHandle"])}" is not a valid receipt handle.`);
  if (found === "expired") return invalidValue("Value for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
  if (found !== "gone") queue.messages.splice(queue.messages.indexOf(found), 1);
  return ok({});
}

function changeVisibilityBatch(queue: Queue, body: Body): Reply {
  const entries = Array.isArray(body["Entries"]) ? (body["Entries"] as Body[]) : [];
  if (entries.length === 0) return sqsError("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", "There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.");
  if (entries.length > 10) return sqsError("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "Maximum number of entries per request are 10.");
  const now = Date.now();
  const successful: Body[] = [];
  const failed: Body[] = [];
  for (const entry of entries) {
    const found = queue.byHandle(entry["ReceiptHandle"]);
    const seconds = entry["VisibilityTimeout"] ?? 0;
    if (typeof found === "string") failed.push({ Id: entry["Id"], SenderFault: true, Code: "ReceiptHandleIsInvalid", Message: `receipt handle is ${found}` });
    else if (found.visibleAt <= now) failed.push({ Id: entry["Id"], SenderFault: true, Code: "AWS.SimpleQueueService.MessageNotInflight", Message: "Message is not in flight" });
    else if (typeof seconds !== "number" || seconds < 0 || seconds > 43_200) failed.push({ Id: entry["Id"], SenderFault: true, Code: "InvalidParameterValue", Message: "VisibilityTimeout out of range" });
    else {
      found.visibleAt = now + seconds * 1000;
      successful.push({ Id: entry["Id"] });
    }
  }
  return ok({ Successful: successful, Failed: failed });
}

function getQueueAttributes(queue: Queue, body: Body): Reply {
  const now = Date.now();
  const names = Array.isArray(body["AttributeNames"]) ? (body["AttributeNames"] as unknown[]).map(String) : [];
  const all: Record<string, string> = {
    ApproximateNumberOfMessages: String(queue.visible(now).length),
    ApproximateNumberOfMessagesNotVisible: String(queue.messages.length - queue.visible(now).length),
    VisibilityTimeout: String(DEFAULT_VISIBILITY_SECONDS),
    QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:trailwatch-dlq`,
  };
  return ok({ Attributes: Object.fromEntries(Object.entries(all).filter(([name]) => names.includes("All") || names.includes(name))) });
}

type Operation = (queue: Queue, body: Body) => Reply | Promise<Reply>;

const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ["ReceiveMessage", receiveMessage],
  ["DeleteMessage", deleteMessage],
  ["ChangeMessageVisibilityBatch", changeVisibilityBatch],
  ["GetQueueAttributes", getQueueAttributes],
]);

async function handle(request: RecordedRequest, queue: Queue, queueUrl: string, calls: string[]): Promise<Reply> {
  const target = String(request.headers["x-amz-target"] ?? "");
  const operation = OPERATIONS.get(target.replace(/^AmazonSQS\./, ""));
  if (!target.startsWith("AmazonSQS.") || operation === undefined) return sqsError("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", `Unsupported target ${target}`);
  if (request.headers["content-type"] !== CONTENT_TYPE) return sqsError("SerializationException", "SerializationException", `Expected ${CONTENT_TYPE}`);
  if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/sqs\/aws4_request/.test(request.headers.authorization ?? "")) {
    return sqsError("MissingAuthenticationToken", "MissingAuthenticationToken", "Request is missing a SigV4 Authorization header for sqs", 403);
  }
  calls.push(target.slice("AmazonSQS.".length));
  const body = JSON.parse(request.body || "{}") as Body;
  if (body["QueueUrl"] !== queueUrl) return sqsError("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
  return operation(queue, body);
}

/** Start a fake SQS with one queue on 127.0.0.1 with an ephemeral port. */
export async function startSqsServer(): Promise<SqsServer> {
  const queue = new Queue();
  const calls: string[] = [];
  let queueUrl = "";
  const http = await startHttpServer((request) => handle(request, queue, queueUrl, calls));
  queueUrl = `${http.url}/${ACCOUNT}/trailwatch-dlq`;
  const send = (body: string, attributes: Readonly<Record<string, string | AttributeValue>> = {}): string => {
    const messageId = randomUUID();
    const typed = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, typeof v === "string" ? { DataType: "String", StringValue: v } : v]));
    queue.messages.push({ messageId, body, attributes: typed, sentTimestamp: Date.now(), receiveCount: 0, firstReceiveTimestamp: undefined, visibleAt: 0, receiptHandle: undefined });
    return messageId;
  };
  return { url: http.url, queueUrl, http, messages: queue.messages, calls, send, close: () => http.close() };
}
