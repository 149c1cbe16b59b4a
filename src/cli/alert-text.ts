import { actorLabel, actorOf } from "../alert/actor.js";
import type { Alert } from "../alert/types.js";

/** Strips control and bidi-override characters so a hostile field cannot rewrite the terminal. */
export function safeText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "\uFFFD");
}

/** One readable block per alert, as `eval` and `replay` print them. */
export function alertBlock(alert: Alert, origin?: string): string {
  const actor = actorOf(alert.record);
  const lines = [
    `[${alert.severity.toUpperCase()}] ${alert.title}  (${alert.policy})`,
    `  ${alert.summary}`,
    `  event   ${alert.eventName} on ${alert.eventSource} at ${alert.eventTime ?? "unknown time"}`,
    `  who     ${actorLabel(actor)}${actor.arn ? ` (${actor.arn})` : ""}  mfa=${actor.mfa}${actor.console ? "  console" : ""}`,
    `  where   account ${alert.account ?? "unknown"}  ${alert.awsRegion ?? "unknown region"}  from ${alert.sourceIPAddress ?? "unknown IP"}`,
    `  id      ${alert.eventId}${origin ? `  (${origin})` : ""}`,
  ];
  if (typeof alert.record.errorCode === "string") lines.splice(3, 0, `  failed  ${alert.record.errorCode}: ${String(alert.record.errorMessage ?? "")}`);
  return safeText(lines.join("\n"));
}
