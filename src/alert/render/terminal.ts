import { actorLabel, actorOf } from "../../record/actor.js";
import { safeText } from "../../text/sanitise.js";
import { firedAlerts, runbookLink } from "../group.js";
import type { Alert } from "../types.js";

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
  const fired = firedAlerts(alert);
  if (fired.length > 1) {
    lines.push(`  fired   ${fired.length} policies on this event:`);
    for (const a of fired) lines.push(`          [${a.severity.toUpperCase()}] ${s(a.title)}  (${s(a.policy)})${runbookLink(a) ? `  ${s(runbookLink(a) as string)}` : ""}`);
  }
  return lines.join("\n");
}
