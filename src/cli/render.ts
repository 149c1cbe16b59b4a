import { alertJson } from "../alert/build.js";
import { firedAlerts, groupAlerts } from "../alert/group.js";
import { emailBody, emailSubject, messageAttributes } from "../alert/render/email.js";
import { slackMessage } from "../alert/render/slack.js";
import type { Alert } from "../alert/types.js";
import { didYouMean } from "../text/did-you-mean.js";
import { createPolicySet } from "../policy/policy-set.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { readRecordsOrReport } from "./read-input.js";
import { silenceNoteText, silenceNotes, silencesInForce } from "./silence-preview.js";

/** The SNS Publish an `sns` destination makes, minus the topic: subject, attributes, body. */
function emailText(alert: Alert, index: number, count: number): string {
  const attributes = Object.entries(messageAttributes(alert)).map(([name, a]) => `  ${name.padEnd(8)}  ${a.DataType}  ${a.StringValue}`);
  const policies = firedAlerts(alert).map((a) => a.policy).join(", ");
  return [
    `=== message ${index + 1} of ${count}: ${policies}  eventID ${alert.eventId}`,
    `Subject: ${emailSubject(alert)}`,
    "MessageAttributes:",
    ...attributes,
    "Message:",
    emailBody(alert),
  ].join("\n");
}

/**
 * One renderer per format, each the function the matching output itself uses. Slack and
 * e-mail get one message per record (every policy that fired listed in it, as a destination
 * receives them); json keeps one object per policy, like `eval --json`.
 */
const FORMATS: ReadonlyMap<string, (perRecord: readonly Alert[][]) => string> = new Map([
  // chat.postMessage arguments; the destination adds `channel` from trailwatch.yml.
  ["slack", (perRecord) => JSON.stringify(messagesOf(perRecord).map(slackMessage), null, 2)],
  ["email", (perRecord) => messagesOf(perRecord).map((a, i, all) => emailText(a, i, all.length)).join("\n")],
  ["json", (perRecord) => JSON.stringify(perRecord.flat().map(alertJson), null, 2)],
]);

function messagesOf(perRecord: readonly Alert[][]): Alert[] {
  return perRecord.flatMap((alerts) => groupAlerts(alerts) ?? []);
}

export const render: Command = {
  name: "render",
  usage: "render --event FILE|- [--format slack|email|json] [--rules DIR]",
  summary: "Print exactly what would be sent (one Slack/e-mail message per record, listing every policy that fired; or alert JSON); sends nothing.",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, event: { type: "string" }, format: { type: "string", default: "slack" } });
    if (values.event === undefined) throw new UsageError("--event FILE (or - for stdin) is required");
    const renderer = FORMATS.get(values.format);
    if (renderer === undefined) throw new UsageError(`--format must be one of ${[...FORMATS.keys()].join(", ")}, not "${values.format}"${didYouMean(values.format, FORMATS.keys())}`);
    const policies = loadRulesOrReport(values.rules, io);
    if (policies === undefined) return EXIT.usage;
    const records = await readRecordsOrReport(values.event, io);
    if (records === undefined) return EXIT.usage;
    const set = createPolicySet(policies);
    const perRecord = records.map((r) => set.evaluate(r.record));
    const text = renderer(perRecord);
    if (text !== "") writeLine(io.stdout, text);
    // The count goes to stderr so that stdout stays exactly the payload, ready to pipe.
    const alerts = perRecord.flat();
    const now = new Date();
    const held = silenceNotes(await silencesInForce(values.rules, io, now), alerts, policies, now);
    for (const note of held) writeLine(io.stderr, silenceNoteText(note));
    const heldCount = held.length > 0 ? ` (${held.filter((n) => n.held).length} held by silences)` : "";
    writeLine(io.stderr, `${records.length} record(s), ${alerts.length} alert(s) in ${messagesOf(perRecord).length} message(s)${heldCount}, nothing sent`);
    return EXIT.ok;
  },
};
