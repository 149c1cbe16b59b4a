import { actorLabel, actorOf } from "../alert/actor.js";
import type { Alert } from "../alert/types.js";

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One value on one line: control characters (line breaks included) and bidi overrides
 * become U+FFFD, so a hostile field cannot forge lines or rewrite the terminal. Only
 * strings and numbers are shown; anything else from the record is described, never
 * converted (a `{"toString": 1}` object would throw).
 */
export function safeText(value: unknown): string {
  if (typeof value === "string") return value.replace(UNSAFE, "\uFFFD");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined || value === null ? "" : "(not text)";
}

/** One readable block per alert, as `eval` and `replay` print them. */
export function alertBlock(alert: Alert, origin?: string): string {
  const actor = actorOf(alert.record);
  const s = safeText;
  const lines = [
    `[${alert.severity.toUpperCase()}] ${s(alert.title)}  (${s(alert.policy)})`,
    `  ${s(alert.summary)}`,
    `  event   ${s(alert.eventName)} on ${s(alert.eventSource)} at ${s(alert.eventTime ?? "unknown time")}`,
    `  who     ${s(actorLabel(actor))}${actor.arn ? ` (${s(actor.arn)})` : ""}  mfa=${actor.mfa}${actor.console ? "  console" : ""}`,
    `  where   account ${s(alert.account ?? "unknown")}  ${s(alert.awsRegion ?? "unknown region")}  from ${s(alert.sourceIPAddress ?? "unknown IP")}`,
    `  id      ${s(alert.eventId)}${origin ? `  (${s(origin)})` : ""}`,
  ];
  const { errorCode, errorMessage } = alert.record;
  if (errorCode !== undefined && errorCode !== null) lines.splice(3, 0, `  failed  ${s(errorCode)}: ${s(errorMessage)}`);
  return lines.join("\n");
}
