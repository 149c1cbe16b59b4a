import type { Severity } from "../../record/severity.js";
import { firedAlerts, runbookLink } from "../group.js";
import type { Alert } from "../types.js";
import { codeSpan, escapeCode, escapeEntities, escapeMrkdwn } from "./escape.js";
import { alertFacts, type AlertFacts } from "./facts.js";
import { requestParametersText } from "./params.js";
import { fitBlocks, SLACK_LIMITS } from "./slack-limits.js";
import {
  mrkdwn,
  type ActionsBlock, type ButtonElement, type ContextBlock, type HeaderBlock, type Mrkdwn, type SectionBlock, type SlackBlock,
} from "./slack-blocks.js";
import { cleanText } from "../../text/sanitise.js";
import { truncateMrkdwn, truncateText } from "../../text/truncate.js";

/** The `chat.postMessage` arguments except `channel`, which the destination adds. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: SlackBlock[];
  /** Never unfurl: a URL an attacker put in a request parameter must not preview. */
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = {
  info: ":information_source:",
  low: ":large_blue_circle:",
  medium: ":large_yellow_circle:",
  high: ":large_orange_circle:",
  critical: ":rotating_light:",
};

const ERROR_MESSAGE_MAX = 1000;

/** Policy-authored links only become Slack links when they cannot break out of `<...>`. */
const SAFE_LINK = /^https:\/\/[^\s<>|]+$/;

function header(alert: Alert, facts: AlertFacts): HeaderBlock {
  // plain_text: Slack renders it literally (no mentions, links or formatting).
  const text = `${SEVERITY_EMOJI[alert.severity]} ${facts.severity}: ${cleanText(alert.title)}`;
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

function section(text: string): SectionBlock {
  return { type: "section", text: mrkdwn(text) };
}

function field(label: string, value: string): Mrkdwn {
  return mrkdwn(`*${label}*\n${value}`);
}

function fields(facts: AlertFacts): SectionBlock {
  const who = escapeMrkdwn(facts.who) + (facts.actor.arn ? `\n${codeSpan(facts.actor.arn)}` : "");
  const list = [
    field("Who", who),
    field("Account", codeSpan(facts.account)),
    field("Region", codeSpan(facts.region)),
    field("Time", escapeMrkdwn(facts.time ?? "unknown")),
    field("Source IP", codeSpan(facts.sourceIp)),
    field("MFA", facts.mfa),
    field("Console session", facts.console),
    field("Call", codeSpan(facts.event)),
  ];
  if (facts.error) {
    // Capped well below the field limit: the whole message must stay under Slack's
    // undocumented ~12k total-text ceiling (msg_blocks_too_long).
    const message = facts.error.message ? `\n${truncateMrkdwn(escapeMrkdwn(facts.error.message), ERROR_MESSAGE_MAX)}` : "";
    list.push(field("Failed with", codeSpan(facts.error.code) + message));
  }
  return { type: "section", fields: list };
}

/** Request parameters in a code block, cut inside the fence so the fence always closes. */
function parameters(alert: Alert): SectionBlock {
  const open = "*Request parameters*\n```\n";
  const close = "\n```";
  const body = escapeCode(requestParametersText(alert.record), { multiline: true });
  return section(open + truncateText(body, SLACK_LIMITS.sectionText - open.length - close.length) + close);
}

function reference(url: string): string {
  return SAFE_LINK.test(url) ? `• <${url}>` : `• ${escapeEntities(url)}`;
}

/** Several policies fired on this record: each one, most severe first, with its own runbook link. */
function fired(alert: Alert): SectionBlock[] {
  const all = firedAlerts(alert);
  if (all.length < 2) return [];
  const lines = all.map((a) => {
    const link = runbookLink(a);
    const runbook = link === undefined ? "" : ` · ${SAFE_LINK.test(link) ? `<${link}|runbook>` : escapeEntities(link)}`;
    return `${SEVERITY_EMOJI[a.severity]} *${a.severity.toUpperCase()}* ${escapeMrkdwn(a.title)} ${codeSpan(a.policy)}${runbook}`;
  });
  return [section([`*Policies that fired on this event (${all.length})*`, ...lines].join("\n"))];
}

function policyNotes(alert: Alert): SectionBlock[] {
  const notes: SectionBlock[] = [];
  if (alert.description) notes.push(section(`*What to do*\n${escapeEntities(alert.description, { multiline: true })}`));
  const refs = alert.references.map(reference);
  const mitre = alert.mitre.length > 0 ? [`*MITRE ATT&amp;CK:* ${escapeEntities(alert.mitre.join(", "))}`] : [];
  if (refs.length + mitre.length > 0) notes.push(section([...(refs.length > 0 ? ["*References*", ...refs] : []), ...mitre].join("\n")));
  return notes;
}

/** action_ids the `interact` function answers (src/interact/). */
export const ACK_ACTION = "trailwatch_ack";
export const SILENCE_1H_ACTION = "trailwatch_silence_1h";

/** What a click hands back: which alert (never trusted alone: the handler re-checks who clicked). */
export function buttonValue(alert: Alert): string {
  return JSON.stringify({ policy: alert.policy, eventId: alert.eventId });
}

function onCallButtons(alert: Alert): ButtonElement[] {
  const value = buttonValue(alert);
  // An over-long value would make Slack refuse the whole message: the alert matters more than the buttons.
  if (value.length > SLACK_LIMITS.buttonValue) return [];
  const plain = (text: string) => ({ type: "plain_text", text }) as const;
  const ack: ButtonElement = { type: "button", text: plain("Acknowledge"), action_id: ACK_ACTION, value, style: "primary" };
  // Trailwatch's own notices (drill, silences) are never silenced from a button.
  if (alert.policy.startsWith("trailwatch.")) return [ack];
  return [ack, { type: "button", text: plain("Silence 1h"), action_id: SILENCE_1H_ACTION, value }];
}

function actions(alert: Alert, facts: AlertFacts): ActionsBlock {
  const text = { type: "plain_text", text: "Open in CloudTrail" } as const;
  return { type: "actions", elements: [{ type: "button", text, url: facts.consoleUrl, action_id: "open_cloudtrail" }, ...onCallButtons(alert)] };
}

function context(alert: Alert): ContextBlock {
  return { type: "context", elements: [mrkdwn(`Policy ${codeSpan(alert.policy)} · eventID ${codeSpan(alert.eventId)}`)] };
}

/** Notification text (push, screen readers, clients without Block Kit); names the caller once. */
function fallback(alert: Alert, facts: AlertFacts): string {
  const named = alert.summary.toLowerCase().includes(facts.actor.name.toLowerCase());
  const who = named ? "" : ` (${escapeMrkdwn(facts.who)})`;
  const text = `[${facts.severity}] ${escapeMrkdwn(alert.title)}: ${escapeMrkdwn(alert.summary)}${who}`;
  return truncateMrkdwn(text, SLACK_LIMITS.fallbackText);
}

/** Block Kit message for one alert; every record-derived string escaped, every limit met. */
export function slackMessage(alert: Alert): SlackMessage {
  const facts = alertFacts(alert);
  const blocks: SlackBlock[] = [
    header(alert, facts),
    ...(alert.notice ? [{ type: "context", elements: [mrkdwn(`:warning: ${escapeMrkdwn(alert.notice)}`)] } satisfies ContextBlock] : []),
    section(escapeMrkdwn(alert.summary || "(no summary)", { multiline: true })),
    ...fired(alert),
    fields(facts),
    ...policyNotes(alert),
    parameters(alert),
    actions(alert, facts),
    context(alert),
  ];
  return { text: fallback(alert, facts), blocks: fitBlocks(blocks), unfurl_links: false, unfurl_media: false };
}
