import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { viewsOf } from "../record/views.js";
import { cleanText } from "../text/sanitise.js";
import { parseTemplate, renderTemplate, type Template } from "./template.js";
import type { Alert, AlertSource } from "./types.js";

const templates = new Map<string, Template>();

/** Templates are validated at load; parsing is cached so rendering costs one pass. */
function templateFor(source: string): Template {
  let template = templates.get(source);
  if (template === undefined) {
    const parsed = parseTemplate(source);
    template = typeof parsed === "string" ? { source, parts: [{ text: source }] } : parsed;
    templates.set(source, template);
  }
  return template;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The alert for a record a policy matched: everything an output needs, and nothing computed later. */
export function buildAlert(policy: AlertSource, record: CloudTrailRecord): Alert {
  // Record values stay on one line and lose invisible and control characters: only the
  // template's own line breaks survive, so a value cannot forge a section of an e-mail.
  const summary = renderTemplate(templateFor(policy.summary), record, viewsOf(record), { value: (text) => cleanText(text) });
  return {
    policy: policy.id,
    severity: policy.severity,
    title: policy.title,
    summary,
    eventId: text(record.eventID) ?? "<missing:eventID>",
    eventName: text(record.eventName) ?? "<missing:eventName>",
    eventSource: text(record.eventSource) ?? "<missing:eventSource>",
    eventTime: text(record.eventTime),
    awsRegion: text(record.awsRegion),
    account: text(record.recipientAccountId) ?? text(record.userIdentity?.accountId),
    sourceIPAddress: text(record.sourceIPAddress),
    description: policy.description,
    references: policy.references,
    mitre: policy.mitre,
    record,
  };
}

/** The keys `eval --json` and `replay --json` print for an alert (the record stays out). */
export function alertJson(alert: Alert): Record<string, unknown> {
  return {
    policy: alert.policy,
    severity: alert.severity,
    title: alert.title,
    summary: alert.summary,
    eventId: alert.eventId,
    eventName: alert.eventName,
    eventSource: alert.eventSource,
    eventTime: alert.eventTime ?? null,
    awsRegion: alert.awsRegion ?? null,
    account: alert.account ?? null,
    sourceIPAddress: alert.sourceIPAddress ?? null,
  };
}
