import { processEnv, readEnv, type Env } from "../env.js";
import type { NoiseControl } from "../pipeline/noise-gate.js";
import { createPolicySet } from "../policy/policy-set.js";
import { formatResult, formatSummary } from "../redrive/format.js";
import { redrive as redriveQueue, type RedriveReport } from "../redrive/redrive.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command, type ExitCode, type Io } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { loadRoutingFile, resolveSlackToken } from "./delivery-setup.js";
import { cliLogger } from "./cli-logger.js";

function parseQueueUrl(text: string | undefined): string {
  if (text === undefined) throw new UsageError("--queue-url URL is required (the dead-letter queue's URL, e.g. from `aws sqs get-queue-url --queue-name NAME`)");
  if (text.startsWith("arn:")) throw new UsageError(`--queue-url takes the queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>), not its ARN "${text}"`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--queue-url "${text}" is not a URL (expected https://sqs.<region>.amazonaws.com/<account>/<name>)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--queue-url "${text}" is not an http(s) URL`);
  return text;
}

function parseMax(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) === 0) throw new UsageError(`--max "${text}" is not a whole number of messages (1 or more)`);
  return Number(text);
}

/** Warnings and errors to stderr; the per-message line on stdout already says what was delivered. */
/** The handler's noise control: the delivery ledger is what keeps a redrive from alerting twice. */
async function noiseFor(env: Env, dryRun: boolean, io: Io): Promise<NoiseControl | undefined> {
  const table = readEnv(env, "TRAILWATCH_STATE_TABLE");
  if (table && dryRun) {
    writeLine(io.stderr, "dry run: the delivery ledger is not read; a real run skips destinations it records as delivered");
    return undefined;
  }
  if (table) {
    const { StateStore } = await import("../state/store.js");
    return { store: new StateStore(table), now: () => new Date() };
  }
  writeLine(io.stderr, "warning: TRAILWATCH_STATE_TABLE is not set: no delivery ledger, so destinations that already got an alert get it again");
  return undefined;
}

function exitCode(report: RedriveReport, io: Io): ExitCode {
  for (const problem of report.releaseProblems) writeLine(io.stderr, `warning: could not make a kept message visible again (it reappears after its visibility timeout): ${problem}`);
  if (report.queueError !== undefined) {
    writeLine(io.stderr, `trailwatch redrive: stopped: ${report.queueError.message}`);
    return EXIT.usage;
  }
  return report.results.every((r) => r.disposition === "deleted" || r.disposition === "would-delete") ? EXIT.ok : EXIT.findings;
}

export const redrive: Command = {
  name: "redrive",
  usage: "redrive --queue-url URL [--rules DIR] [--config FILE] [--max N] [--dry-run]",
  summary: "Re-deliver alerts from Trailwatch's dead-letter queue; delete each message once delivered.",
  async run(args, io) {
    const options = { ...RULES_OPTION, "queue-url": { type: "string" }, config: { type: "string", default: "trailwatch.yml" }, max: { type: "string" }, "dry-run": { type: "boolean", default: false } } as const;
    const { values } = parseFlags(args, options);
    const queueUrl = parseQueueUrl(values["queue-url"]);
    const max = parseMax(values.max);
    const dryRun = values["dry-run"];
    const env = processEnv();
    const policies = loadRulesOrReport(values.rules, io);
    const routing = await loadRoutingFile(values.config, env, io);
    if (policies === undefined || routing === undefined) return EXIT.usage;
    // With no policies every message would match nothing and be deleted unalerted.
    if (policies.length === 0) throw new UsageError(`no policies in ${values.rules}: every message would be deleted without an alert`);
    // Loaded on first use: the AWS SDK clients are heavy to import (see send.ts).
    const [{ DeadLetterQueue, QueueError }, { createPipeline }] = await Promise.all([import("../redrive/queue.js"), import("../pipeline/setup.js")]);
    const queue = new DeadLetterQueue(queueUrl);
    const noise = await noiseFor(env, dryRun, io);
    try {
      const { visible, inFlight } = await queue.counts();
      writeLine(io.stderr, `${queueUrl}: about ${visible} message(s) waiting${inFlight > 0 ? `, ${inFlight} in flight (not redriven until visible again)` : ""}`);
      const token = await resolveSlackToken(env);
      const deps = { env, ...(token ? { slack: { token } } : {}) };
      const pipeline = createPipeline({ policySet: createPolicySet(policies), routing, logger: cliLogger(io, { deliveries: false }), deps, noise });
      const report = await redriveQueue({ queue, pipeline, dryRun, max, onResult: (r) => writeLine(io.stdout, formatResult(r)) });
      writeLine(io.stdout, formatSummary(report, dryRun));
      return exitCode(report, io);
    } catch (error) {
      if (!(error instanceof QueueError)) throw error;
      writeLine(io.stderr, `trailwatch redrive: ${error.message}`);
      return EXIT.usage;
    } finally {
      queue.destroy();
      noise?.store.destroy();
    }
  },
};
