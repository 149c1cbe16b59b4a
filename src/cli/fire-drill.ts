import type { Alert } from "../alert/types.js";
import { drillRecord } from "../deploy/drill.js";
import { DRILL_SOURCE, envelopeFor } from "../deploy/rule-patterns.js";
import { processEnv, readEnv } from "../env.js";
import { deliverAll } from "../outputs/deliver.js";
import { didYouMean } from "../text/did-you-mean.js";
import { loadPolicies, rulesDirProblem, loadPolicyText } from "../policy/load.js";
import { createPolicySet } from "../policy/policy-set.js";
import type { Policy } from "../policy/types.js";
import type { RoutingConfig } from "../routing/config.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { routeAlert } from "../routing/router.js";
import { eventBridgeClient, putRecord } from "./eventbridge.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command, type ExitCode, type Io } from "./io.js";
import { loadRoutingFile, resolveSlackToken } from "./delivery-setup.js";

export { drillRecord };
export const DRILL_POLICY_ID = "trailwatch.fire-drill";

/** The policy behind every drill alert; ship it as rules/trailwatch/fire-drill.yml to drill a deployed stack. */
export const DRILL_POLICY_YAML = `# yaml-language-server: $schema=../../schema/policy.schema.json
# Alerts only on the synthetic record \`trailwatch fire-drill\` builds (never on a real call),
# so a drill envelope sent to the deployed function goes through routing and every destination.
id: ${DRILL_POLICY_ID}
title: "[DRILL] Trailwatch fire drill: test alert, no action needed"
severity: info
outcome: any
description: |
  A test alert sent by \`trailwatch fire-drill\`. Nothing happened in AWS. Receiving it proves that Trailwatch alerts reach this destination end to end.

  If a scheduled drill does not arrive, alerting is broken: read the alert function's logs ("alert delivery failed" names the destination, the reason and what to do).
tags: [drill]
match:
  eventSource: [trailwatch.fire-drill]
  eventName: [FireDrill]
  eventID: [{ prefix: drill- }]
summary: "[DRILL] fire drill {{eventID}}: if you can read this, Trailwatch alerts reach this destination"
tests:
  - name: the drill record alerts
    alert: true
    event: { eventSource: trailwatch.fire-drill, eventName: FireDrill, eventID: drill-20260101T000000Z }
  - name: a real CloudTrail record never does
    alert: false
    event: { eventSource: ssm-contacts.amazonaws.com, eventName: DeleteContactChannel, eventID: 5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b }
`;

function builtInPolicy(): Policy {
  const { policy } = loadPolicyText(DRILL_POLICY_YAML, "<built-in fire-drill policy>", DRILL_POLICY_ID, { tests: false });
  if (policy === undefined) throw new Error("the built-in fire-drill policy does not load: a Trailwatch bug");
  return policy;
}

/** The rules' own drill policy when there is one (what the deployed function runs), else the built-in one. */
function drillPolicy(rulesDir: string, io: Io): Policy | undefined {
  const problem = rulesDirProblem(rulesDir);
  if (problem !== undefined) {
    writeLine(io.stderr, problem);
    return undefined;
  }
  const shipped = loadPolicies(rulesDir, { tests: false }).policies.find((p) => p.id === DRILL_POLICY_ID);
  if (shipped !== undefined) return shipped;
  writeLine(io.stderr, `note: ${rulesDir} has no ${DRILL_POLICY_ID} policy, so the deployed function would not alert on a drill envelope; add it with \`trailwatch fire-drill --print policy > ${rulesDir}/trailwatch/fire-drill.yml\``);
  return builtInPolicy();
}

/** The destinations to drill: every active one, or the ones named; exits 2 when none is active. */
function chosen(routing: RoutingConfig, names: readonly string[] | undefined, io: Io): string[] | ExitCode {
  const active = routing.destinations.map((d) => d.name);
  const all = [...active, ...routing.inactive.map((d) => d.name)];
  for (const name of names ?? []) if (!all.includes(name)) throw new UsageError(`no destination "${name}" in the routing config${didYouMean(name, all)}`);
  const wanted = names ?? all;
  const off = routing.inactive.filter((d) => wanted.includes(d.name));
  for (const d of off) writeLine(io.stdout, `  off        ${d.name}: ${d.reason}`);
  const picked = active.filter((name) => wanted.includes(name));
  if (picked.length > 0) return picked;
  writeLine(io.stderr, `no destination is active${off.length > 0 ? `: set ${off.map((d) => d.reason.replace(/^environment variable (\S+) is not set$/, "$1")).join(", ")}` : ""} (Slack also needs SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_PARAMETER), then run again`);
  return EXIT.usage;
}

/** The Slack token as `send` finds it; an SSM failure is reported and Slack destinations then fail visibly. */
async function slackToken(env: NodeJS.ProcessEnv, io: Io): Promise<string | undefined> {
  try {
    return await resolveSlackToken(env);
  } catch (cause) {
    writeLine(io.stderr, `cannot read the Slack token from SSM parameter ${readEnv(env, "SLACK_BOT_TOKEN_PARAMETER")}: ${(cause as Error).message}`);
    return undefined;
  }
}

async function deliver(policy: Policy, alert: Alert, routing: RoutingConfig, names: readonly string[], io: Io): Promise<ExitCode> {
  const env = processEnv();
  const token = await slackToken(env, io);
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  // Loaded on first use: the output clients are heavy to import (see send.ts).
  const { createPipeline } = await import("../pipeline/setup.js");
  const pipeline = createPipeline({ policySet: createPolicySet([policy]), routing, logger: quiet, deps: { env, ...(token ? { slack: { token } } : {}) } });
  const routed = new Set(routeAlert(routing, alert, policy.tags));
  const destinations = names.flatMap((name) => pipeline.destinations.get(name) ?? []);
  const report = await deliverAll(destinations, alert);
  for (const d of destinations) {
    const how = routed.has(d.name) ? "routed" : `not routed for ${alert.severity} alerts (sent anyway)`;
    const failure = report.failures.find((f) => f.destination === d.name);
    if (failure === undefined) writeLine(io.stdout, `  delivered  ${d.name} (${d.type})  ${how}`);
    else writeLine(io.stdout, `  FAILED     ${d.name} (${d.type})  ${failure.reason}. ${d.type === "slack" && !token ? "Set SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_PARAMETER" : failure.hint}`);
  }
  writeLine(io.stdout, `${destinations.length} destination(s): ${report.delivered.length} delivered, ${report.failures.length} failed`);
  return report.failures.length > 0 ? EXIT.findings : EXIT.ok;
}

const PRINTABLE = ["envelope", "policy"] as const;
const VIAS = ["direct", "eventbridge"] as const;

/**
 * `--via eventbridge`: PutEvents of the drill record on the bus (source trailwatch.drill), so
 * it crosses the deployed drill rule, the function and every destination, as the scheduled
 * heartbeat does. The CLI only learns that EventBridge accepted it; the destinations show
 * the rest (and the heartbeat alarm, when none arrives).
 */
async function viaEventBridge(record: CloudTrailRecord, bus: string, io: Io): Promise<ExitCode> {
  let result;
  try {
    result = await putRecord(eventBridgeClient(readEnv(processEnv(), "AWS_REGION")), bus, DRILL_SOURCE, record);
  } catch (cause) {
    writeLine(io.stderr, `PutEvents on bus ${bus} failed: ${(cause as Error).name}: ${(cause as Error).message}`);
    return EXIT.findings;
  }
  if (result.error !== undefined) {
    writeLine(io.stderr, `EventBridge refused the drill on bus ${bus}: ${result.error}`);
    return EXIT.findings;
  }
  writeLine(io.stdout, `fire drill ${String(record.eventID)} put on bus ${bus} (EventBridge id ${result.eventId ?? "?"}, source ${DRILL_SOURCE.source})`);
  writeLine(io.stdout, `the deployed drill rule sends it to the alert function: every destination should get "[DRILL] fire drill ${String(record.eventID)}" within a minute; if none does, run \`trailwatch verify\``);
  return EXIT.ok;
}

export const fireDrill: Command = {
  name: "fire-drill",
  usage: "fire-drill [--via direct|eventbridge] [--bus NAME] [--destination NAME]... [--config FILE] [--rules DIR] [--print envelope|policy]",
  summary: "Send a [DRILL] test alert to every configured destination and report each (--via eventbridge: put it on the bus, through the deployed rule and function); --print writes the drill envelope or policy.",
  async run(args, io) {
    const { values } = parseFlags(args, {
      ...RULES_OPTION,
      config: { type: "string", default: "trailwatch.yml" },
      destination: { type: "string", multiple: true },
      print: { type: "string" },
      via: { type: "string", default: "direct" },
      bus: { type: "string" },
    });
    if (!(VIAS as readonly string[]).includes(values.via)) throw new UsageError(`--via takes ${VIAS.join(" or ")}, not "${values.via}"`);
    if (values.bus !== undefined && values.via !== "eventbridge") throw new UsageError("--bus goes with --via eventbridge");
    const record = drillRecord(new Date(), processEnv());
    if (values.print !== undefined) {
      if (!(PRINTABLE as readonly string[]).includes(values.print)) throw new UsageError(`--print takes ${PRINTABLE.join(" or ")}, not "${values.print}"`);
      writeLine(io.stdout, values.print === "policy" ? DRILL_POLICY_YAML.trimEnd() : JSON.stringify(envelopeFor(record), null, 2));
      return EXIT.ok;
    }
    if (values.via === "eventbridge") {
      if (drillPolicy(values.rules, io) === undefined) return EXIT.usage;
      return viaEventBridge(record, values.bus ?? "default", io);
    }
    const routing = await loadRoutingFile(values.config, processEnv(), io, values.destination);
    if (routing === undefined) return EXIT.usage;
    const policy = drillPolicy(values.rules, io);
    if (policy === undefined) return EXIT.usage;
    const [alert] = createPolicySet([policy]).evaluate(record);
    if (alert === undefined) {
      writeLine(io.stderr, `the ${DRILL_POLICY_ID} policy in ${policy.file} does not alert on the drill record; compare it with \`trailwatch fire-drill --print policy\``);
      return EXIT.findings;
    }
    writeLine(io.stdout, `fire drill ${alert.eventId}: "${alert.title}" (${alert.severity}, policy ${alert.policy})`);
    const names = chosen(routing, values.destination, io);
    return typeof names === "number" ? names : deliver(policy, alert, routing, names, io);
  },
};
