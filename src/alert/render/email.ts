import { firedAlerts, runbookLink } from "../group.js";
import { serviceName } from "../../record/service.js";
import type { Alert } from "../types.js";
import { alertFacts, type AlertFacts } from "./facts.js";
import { requestParametersText } from "./params.js";
import { cleanOr, cleanText } from "../../text/sanitise.js";
import { byteLength, truncateBytes } from "../../text/truncate.js";

/** SNS Publish: message body plus every attribute name, type and value (bytes). */
export const SNS_MESSAGE_MAX_BYTES = 262_144;
/** SNS Publish: the subject must be *fewer than* 100 characters. */
export const SNS_SUBJECT_MAX = 99;

/** Shape of an SNS String (or String.Array: a JSON array) message attribute (matches the SDK's `MessageAttributeValue`). */
export interface StringAttribute {
  readonly DataType: "String" | "String.Array";
  readonly StringValue: string;
}

/** Printable ASCII only: accents dropped (NFKD), anything else becomes `?`, one line. */
function asciiLine(value: string): string {
  return cleanText(value)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "?")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether the title already says who called (`... by the root user`, `... by alice`). */
function namesActor(title: string, actor: AlertFacts["actor"]): boolean {
  const lower = title.toLowerCase();
  return lower.includes(actor.name.toLowerCase()) || (actor.kind === "root" && /\broot\b/.test(lower));
}

/** Whether the title already says what was done: it shares a word with the eventName (`Contact channel deleted`, DeleteContactChannel). */
function namesOperation(title: string, eventName: string): boolean {
  const words = eventName.split(/(?=[A-Z])/).filter((w) => w.length >= 4).map((w) => w.slice(0, 5).toLowerCase());
  const lower = title.toLowerCase();
  return words.some((w) => lower.includes(w));
}

/** `text` cut to `room` characters with `...` (nothing when there is no room at all). */
function fit(text: string, room: number): string {
  if (text.length <= room) return text;
  return room <= 3 ? "" : `${text.slice(0, room - 3).trimEnd()}...`;
}

/**
 * `[CRITICAL] Contact channel deleted by the root user - 111122223333`: severity and title
 * first, then the caller (unless the title names it) and the operation (unless the title
 * says it), the account last. When too long, "Incident Manager" goes first, then the title
 * is cut: the caller and the operation stay.
 */
export function emailSubject(alert: Alert): string {
  const facts = alertFacts(alert);
  const head = `[${facts.severity}] `;
  const tail = alert.account ? ` - ${asciiLine(alert.account).slice(0, 20)}` : "";
  let title = asciiLine(alert.title);
  const by = namesActor(title, facts.actor) ? "" : ` by ${asciiLine(facts.actor.name)}`;
  const op = alert.eventName && !namesOperation(title, alert.eventName) ? ` (${asciiLine(alert.eventName).slice(0, 40)})` : "";
  const room = SNS_SUBJECT_MAX - head.length - tail.length;
  if (title.length + by.length + op.length > room) title = title.replace(/^incident manager /i, "");
  const titleRoom = Math.max(12, room - by.length - op.length);
  const middle = `${fit(title, titleRoom)}${fit(by, room - Math.min(title.length, titleRoom) - op.length)}${op}`;
  return `${head}${fit(middle, room)}${tail}`.slice(0, SNS_SUBJECT_MAX);
}

/**
 * Attributes for SNS subscription filter policies: `severity`, `policy` (the lead policy),
 * `service`, and `policies`, every policy the message carries (String.Array, lead first), so
 * a filter on a policy that fired with a more severe one still sees the grouped message.
 */
export function messageAttributes(alert: Alert): Record<string, StringAttribute> {
  const service = serviceName(alert.eventSource) || "unknown";
  const attr = (value: string): StringAttribute => ({ DataType: "String", StringValue: value || "unknown" });
  const policies: StringAttribute = { DataType: "String.Array", StringValue: JSON.stringify(firedAlerts(alert).map((a) => a.policy || "unknown")) };
  return { severity: attr(alert.severity), policy: attr(alert.policy), service: attr(service), policies };
}

function attributesBytes(attributes: Record<string, StringAttribute>): number {
  return Object.entries(attributes).reduce(
    (sum, [name, value]) => sum + byteLength(name) + byteLength(value.DataType) + byteLength(value.StringValue),
    0,
  );
}

const line = (label: string, value: string | undefined): string => `${label}: ${cleanOr(value, "unknown")}`;

function bodyHead(alert: Alert, facts: AlertFacts): string[] {
  const error = facts.error
    ? ["", "FAILED CALL", line("Error", facts.error.code), cleanOr(facts.error.message, "(no message)")]
    : [];
  return [
    `[${facts.severity}] ${cleanText(alert.title)}`,
    ...(alert.notice ? ["", `NOTE: ${cleanText(alert.notice)}`] : []),
    "",
    "WHAT HAPPENED",
    cleanOr(alert.summary, "(no summary)", { multiline: true }),
    ...firedSection(alert),
    "",
    "WHO",
    line("Actor", facts.who),
    line("ARN", facts.actor.arn),
    `MFA: ${facts.mfa}`,
    `Console: ${facts.console}`,
    "",
    "WHERE AND WHEN",
    line("Account", facts.account),
    line("Region", facts.region),
    line("Source IP", facts.sourceIp),
    line("Time", facts.time),
    line("Call", facts.event),
    ...error,
  ];
}

/** Several policies fired on this record: each one, most severe first, with its own runbook link. */
function firedSection(alert: Alert): string[] {
  const fired = firedAlerts(alert);
  if (fired.length < 2) return [];
  const entries = fired.flatMap((a) => [
    `- [${a.severity.toUpperCase()}] ${cleanText(a.title)} (${cleanText(a.policy)})`,
    `  ${cleanOr(a.summary, "(no summary)")}`,
    `  Runbook: ${cleanOr(runbookLink(a), "(no link in the policy)")}`,
  ]);
  return ["", `POLICIES THAT FIRED ON THIS EVENT (${fired.length})`, ...entries];
}

function bodyPolicy(alert: Alert, facts: AlertFacts): string[] {
  const refs = alert.references.map((ref) => `- ${cleanText(ref)}`);
  return [
    "",
    "WHAT TO DO",
    cleanOr(alert.description, "(no runbook in the policy)", { multiline: true }),
    ...(refs.length > 0 ? ["", "REFERENCES", ...refs] : []),
    ...(alert.mitre.length > 0 ? ["", `MITRE ATT&CK: ${cleanText(alert.mitre.join(", "))}`] : []),
    "",
    "OPEN IN CLOUDTRAIL",
    facts.consoleUrl,
  ];
}

function bodyFooter(alert: Alert): string[] {
  return ["", "--", line("Policy", alert.policy), line("eventID", alert.eventId)];
}

/**
 * The plain-text body an on-call engineer reads on a phone. Request parameters come last
 * before the footer and are the only part cut (with `[truncated N bytes]`) so the whole
 * Publish, attributes included, stays within `maxBytes`.
 */
export function emailBody(alert: Alert, maxBytes: number = SNS_MESSAGE_MAX_BYTES): string {
  const facts = alertFacts(alert);
  const before = [...bodyHead(alert, facts), ...bodyPolicy(alert, facts), "", "REQUEST PARAMETERS"].join("\n");
  const after = bodyFooter(alert).join("\n");
  const allowed = maxBytes - attributesBytes(messageAttributes(alert));
  const budget = allowed - byteLength(before) - byteLength(after) - 3;
  const params = truncateBytes(requestParametersText(alert.record), Math.max(0, budget));
  // Only a pathological summary or runbook gets here; cutting the body still delivers it.
  return truncateBytes(`${before}\n${params}\n${after}\n`, allowed);
}
