import { isEventBridgeEnvelope, isScheduledSweep, recordProblem } from "../input/formats.js";
import { isJsonObject, type JsonObject } from "../pattern/json.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";

/** One message as received from a dead-letter queue: body and string message attributes. */
export interface DlqMessage {
  readonly id: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A kind of body that lands in a Trailwatch DLQ: where the event is, and why it failed. */
export interface DlqShape {
  readonly name: string;
  /** What such a body looks like, for the message about a body of no known shape. */
  readonly looksLike: string;
  /** Whether this body is of this shape (checked in registry order; the first wins). */
  matches(body: JsonObject): boolean;
  /** The original EventBridge event (still to be checked). */
  event(body: JsonObject): unknown;
  /** Why the event ended in the DLQ, in the words of whoever put it there. */
  reason(body: JsonObject, attributes: Readonly<Record<string, string>>): string | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

const joined = (...parts: (string | undefined)[]): string | undefined => {
  const present = parts.filter((p): p is string => p !== undefined);
  return present.length > 0 ? present.join(": ") : undefined;
};

/** Lambda's asynchronous-invocation on-failure destination: the event is `requestPayload`. */
const lambdaDestination: DlqShape = {
  name: "Lambda on-failure destination",
  looksLike: "a Lambda on-failure record (requestContext, requestPayload)",
  matches: (body) => "requestPayload" in body && isJsonObject(body.requestContext),
  event: (body) => body.requestPayload,
  reason(body) {
    const context = isJsonObject(body.requestContext) ? body.requestContext : {};
    const response = isJsonObject(body.responsePayload) ? body.responsePayload : {};
    const attempts = typeof context.approximateInvokeCount === "number" ? ` after ${context.approximateInvokeCount} attempt(s)` : "";
    const condition = text(context.condition) && `${text(context.condition)}${attempts}`;
    return joined(condition, text(response.errorType), text(response.errorMessage));
  },
};

/**
 * The event itself, as an EventBridge target DLQ stores it (ERROR_CODE / ERROR_MESSAGE
 * attributes) or as a Lambda function's own dead-letter queue does (ErrorCode / ErrorMessage).
 */
const eventBridgeDlq: DlqShape = {
  name: "EventBridge target DLQ",
  looksLike: "an EventBridge event (detail-type, detail)",
  matches: (body) => "detail-type" in body || "detail" in body,
  event: (body) => body,
  reason: (_body, attributes) =>
    joined(attributes.ERROR_CODE ?? attributes.ErrorCode, attributes.ERROR_MESSAGE ?? attributes.ErrorMessage),
};

function registry(list: readonly DlqShape[]): ReadonlyMap<string, DlqShape> {
  const map = new Map<string, DlqShape>();
  for (const shape of list) {
    if (map.has(shape.name)) throw new Error(`DLQ message shape "${shape.name}" is registered twice`);
    map.set(shape.name, shape);
  }
  return map;
}

/** Tried in order: the Lambda record first, since it is itself an object with other keys. */
export const dlqShapes: ReadonlyMap<string, DlqShape> = registry([lambdaDestination, eventBridgeDlq]);

export type ParsedMessage =
  | { readonly ok: true; readonly shape: string; readonly record: CloudTrailRecord; readonly reason: string }
  | { readonly ok: false; readonly shape: string | undefined; readonly problem: string; readonly reason: string | undefined };

const NO_REASON = "no reason recorded";

function checkEvent(shape: DlqShape, event: unknown, reason: string): ParsedMessage {
  const fail = (problem: string): ParsedMessage => ({ ok: false, shape: shape.name, problem, reason });
  if (isScheduledSweep(event)) return fail("a scheduled sweep event, not a CloudTrail event: there is nothing to redrive (purge it)");
  if (!isEventBridgeEnvelope(event)) return fail("the event is not an EventBridge event with a detail-type and a detail object");
  const problem = recordProblem(event.detail);
  if (problem !== undefined) return fail(`the event's detail is not a CloudTrail record: ${problem}`);
  return { ok: true, shape: shape.name, record: event.detail, reason };
}

/** The CloudTrail record in a DLQ message and why it failed, or why the body is unusable. */
export function parseDlqMessage(message: Pick<DlqMessage, "body" | "attributes">): ParsedMessage {
  let body: unknown;
  try {
    body = JSON.parse(message.body);
  } catch (cause) {
    return { ok: false, shape: undefined, problem: `the body is not JSON (${(cause as Error).message})`, reason: undefined };
  }
  if (!isJsonObject(body)) {
    return { ok: false, shape: undefined, problem: `the body is JSON but not an object (${body === null ? "null" : Array.isArray(body) ? "an array" : typeof body})`, reason: undefined };
  }
  const shape = [...dlqShapes.values()].find((s) => s.matches(body));
  if (shape === undefined) {
    const shapes = [...dlqShapes.values()].map((s) => s.looksLike).join(" nor ");
    return { ok: false, shape: undefined, problem: `the body is neither ${shapes}`, reason: undefined };
  }
  return checkEvent(shape, shape.event(body), shape.reason(body, message.attributes) ?? NO_REASON);
}
