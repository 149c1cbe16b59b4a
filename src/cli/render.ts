import { alertJson } from "../alert/build.js";
import { emailBody, emailSubject, messageAttributes } from "../alert/render/email.js";
import { slackMessage } from "../alert/render/slack.js";
import type { Alert } from "../alert/types.js";
import { didYouMean } from "../text/did-you-mean.js";
import { createPolicySet } from "../policy/policy-set.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { readRecordsOrReport } from "./read-input.js";

/** The SNS Publish an `sns` destination makes, minus the topic: subject, attributes, body. */
function emailText(alert: Alert, index: number, count: number): string {
  const attributes = Object.entries(messageAttributes(alert)).map(([name, a]) => `  ${name.padEnd(8)}  ${a.DataType}  ${a.StringValue}`);
  return [
    `=== alert ${index + 1} of ${count}: ${alert.policy}  eventID ${alert.eventId}`,
    `Subject: ${emailSubject(alert)}`,
    "MessageAttributes:",
    ...attributes,
    "Message:",
    emailBody(alert),
  ].join("\n");
}

/** One renderer per format, each the function the matching output itself uses. */
const FORMATS: ReadonlyMap<string, (alerts: readonly Alert[]) => string> = new Map([
  // chat.postMessage arguments; the destination adds `channel` from trailwatch.yml.
  ["slack", (alerts) => JSON.stringify(alerts.map(slackMessage), null, 2)],
  ["email", (alerts) => alerts.map((a, i) => emailText(a, i, alerts.length)).join("\n")],
  ["json", (alerts) => JSON.stringify(alerts.map(alertJson), null, 2)],
]);

export const render: Command = {
  name: "render",
  usage: "render --event FILE|- [--format slack|email|json] [--rules DIR]",
  summary: "Print exactly what each alert would send (Slack payload, SNS e-mail, alert JSON); sends nothing.",
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
    const alerts = records.flatMap((r) => set.evaluate(r.record));
    const text = renderer(alerts);
    if (text !== "") writeLine(io.stdout, text);
    // The count goes to stderr so that stdout stays exactly the payload, ready to pipe.
    writeLine(io.stderr, `${records.length} record(s), ${alerts.length} alert(s), nothing sent`);
    return EXIT.ok;
  },
};
