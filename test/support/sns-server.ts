import { randomUUID } from "node:crypto";
import { startHttpServer, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A fake Amazon SNS speaking the Query protocol the AWS SDK uses for SNS: form-encoded POST
 * (`Action=Publish&Version=2010-03-31&TopicArn=...`), XML replies. It checks what real SNS
 * checks on Publish (subject length and characters, message size, FIFO group id, known
 * topic), so a message the fake accepts is one SNS would accept.
 */

export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  readonly attributes: Readonly<Record<string, { readonly dataType: string; readonly stringValue: string | undefined }>>;
  readonly messageGroupId: string | undefined;
  readonly messageDeduplicationId: string | undefined;
  readonly messageId: string;
}

export interface SnsServer {
  /** Put this in `AWS_ENDPOINT_URL_SNS`. */
  readonly url: string;
  readonly http: TestHttpServer;
  /** Every Publish SNS accepted, in order. */
  readonly published: PublishedMessage[];
  /** The next `times` requests get HTTP `status` with an `InternalError` body. */
  failNext(times: number, status?: number): void;
  /** Every request fails with HTTP 503 until `heal()`. */
  down(): void;
  /** Every request is accepted and never answered until `heal()` (a hung SNS endpoint). */
  hang(): void;
  /** FIFO publishes SNS accepted but dropped as duplicates (same MessageDeduplicationId within 5 minutes). */
  readonly deduplicated: PublishedMessage[];
  heal(): void;
  close(): Promise<void>;
}

const XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";
const MAX_MESSAGE_BYTES = 262_144;

const xmlEscape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** SNS's error document for HTTP `status`. */
export function snsError(status: number, code: string, message: string): Reply {
  const type = status >= 500 ? "Receiver" : "Sender";
  const body =
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, headers: { "content-type": "text/xml" }, body };
}

function publishReply(messageId: string): Reply {
  const body =
    `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` -> by name. */
function attributesOf(form: URLSearchParams): PublishedMessage["attributes"] {
  const attributes: Record<string, { dataType: string; stringValue: string | undefined }> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const prefix = `MessageAttributes.entry.${n}`;
    attributes[form.get(`${prefix}.Name`) ?? ""] = {
      dataType: form.get(`${prefix}.Value.DataType`) ?? "",
      stringValue: form.get(`${prefix}.Value.StringValue`) ?? undefined,
    };
  }
  return attributes;
}

/** Real SNS's Publish checks; the first failing one, as SNS words it. */
function invalid(message: PublishedMessage): string | undefined {
  const { subject, attributes } = message;
  if (subject !== undefined && (subject.length === 0 || subject.length >= 100)) return "Subject must be less than 100 characters";
  // eslint-disable-next-line no-control-regex -- SNS rejects control characters in subjects
  if (subject !== undefined && /[\u0000-\u001f\u007f]/.test(subject)) return "Subject must not contain line breaks or control characters";
  if (message.message === "") return "Empty message";
  const attrBytes = Object.entries(attributes).reduce(
    (sum, [name, v]) => sum + Buffer.byteLength(name) + Buffer.byteLength(v.dataType) + Buffer.byteLength(v.stringValue ?? ""),
    0,
  );
  if (Buffer.byteLength(message.message) + attrBytes > MAX_MESSAGE_BYTES) return "Message too long";
  if (Object.values(attributes).some((v) => !v.dataType || !v.stringValue)) return "Message attribute values must not be empty";
  if (message.topicArn.endsWith(".fifo") && !message.messageGroupId) return "The MessageGroupId parameter is required for FIFO topics";
  return undefined;
}

function parsePublish(form: URLSearchParams): PublishedMessage {
  return {
    topicArn: form.get("TopicArn") ?? "",
    subject: form.get("Subject") ?? undefined,
    message: form.get("Message") ?? "",
    attributes: attributesOf(form),
    messageGroupId: form.get("MessageGroupId") ?? undefined,
    messageDeduplicationId: form.get("MessageDeduplicationId") ?? undefined,
    messageId: randomUUID(),
  };
}

export interface SnsServerOptions {
  /** Topics that exist; any other TopicArn gets `NotFound`. All topics exist when omitted. */
  readonly topics?: readonly string[];
  /** A fixed port (the local stand-ins script); ephemeral when omitted. */
  readonly port?: number;
  /** Called for each message published, before the reply (the local stand-ins script prints it). */
  readonly onPublish?: (message: PublishedMessage) => void;
}

/** Start a fake SNS on 127.0.0.1 with an ephemeral port. */
export async function startSnsServer(options: SnsServerOptions = {}): Promise<SnsServer> {
  const published: PublishedMessage[] = [];
  const deduplicated: PublishedMessage[] = [];
  const seenIds = new Map<string, string>();
  const handle = (request: RecordedRequest): Reply => {
    const form = new URLSearchParams(request.body);
    if (request.method !== "POST") return snsError(405, "InvalidAction", "SNS takes POST");
    if (!/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/sns\/aws4_request/.test(request.headers.authorization ?? "")) {
      return snsError(403, "MissingAuthenticationToken", "Request is missing a SigV4 Authorization header for sns");
    }
    if (form.get("Action") !== "Publish") return snsError(400, "InvalidAction", `Unsupported action ${form.get("Action")}`);
    if (form.get("Version") !== "2010-03-31") return snsError(400, "InvalidParameter", "Unknown API version");
    const message = parsePublish(form);
    if (options.topics && !options.topics.includes(message.topicArn)) return snsError(404, "NotFound", "Topic does not exist");
    const why = invalid(message);
    if (why) return snsError(400, "InvalidParameter", `Invalid parameter: ${why}`);
    // FIFO topics drop a message whose deduplication id they saw in the last 5 minutes, and
    // answer as if it was published (the test run is far shorter than the interval).
    const dedupeKey = message.topicArn.endsWith(".fifo") ? `${message.topicArn}|${message.messageDeduplicationId}` : undefined;
    const seen = dedupeKey === undefined ? undefined : seenIds.get(dedupeKey);
    if (seen !== undefined) {
      deduplicated.push(message);
      return publishReply(seen);
    }
    if (dedupeKey !== undefined) seenIds.set(dedupeKey, message.messageId);
    published.push(message);
    options.onPublish?.(message);
    return publishReply(message.messageId);
  };
  const http = await startHttpServer(handle, { port: options.port });
  return {
    url: http.url,
    http,
    published,
    deduplicated,
    failNext: (times, status = 500) => void http.faults.failNext(times, snsError(status, "InternalError", "Internal failure, try again")),
    down: () => void http.faults.failAlways(snsError(503, "ServiceUnavailable", "Service is unavailable")),
    hang: () => void http.faults.failAlways("hold"),
    heal: () => void http.faults.heal(),
    close: () => http.close(),
  };
}
