import { readFile } from "node:fs/promises";
import { SSM_REQUEST_HANDLER, SSM_CALL_MS } from "../deadline.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import { createPolicySet } from "../policy/policy-set.js";
import { loadRoutingConfigText, type RoutingConfig } from "../routing/config.js";
import { processRecord } from "../handler/pipeline.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command, type Io } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { readRecordsOrReport } from "./read-input.js";
import { cliLogger } from "./cli-logger.js";

// Loaded on first use: the AWS SDK and Slack clients cost ~0.3 s to import, which every
// other command (validate, eval, replay...) should not pay.
type Env = Readonly<Record<string, string | undefined>>;

/** SLACK_BOT_TOKEN for local runs, else the SecureString named by SLACK_BOT_TOKEN_PARAMETER. */
export async function resolveSlackToken(env: Env): Promise<string | undefined> {
  if (env.SLACK_BOT_TOKEN) return env.SLACK_BOT_TOKEN;
  const name = env.SLACK_BOT_TOKEN_PARAMETER;
  if (!name) return undefined;
  const { GetParameterCommand, SSMClient } = await import("@aws-sdk/client-ssm");
  const client = new SSMClient({ requestHandler: SSM_REQUEST_HANDLER });
  try {
    const reply = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: AbortSignal.timeout(SSM_CALL_MS) });
    return reply.Parameter?.Value;
  } finally {
    client.destroy();
  }
}

export async function loadRoutingFile(file: string, env: Env, io: Io): Promise<RoutingConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read routing config "${file}": ${(cause as Error).message}`);
  }
  const { config, diagnostics } = loadRoutingConfigText(text, file, env);
  for (const d of diagnostics) writeLine(io.stderr, formatDiagnostic(d));
  return config;
}

export const send: Command = {
  name: "send",
  usage: "send --event FILE|- [--rules DIR] [--config FILE]",
  summary: "Evaluate, route and deliver alerts for an input, exactly as the Lambda handler does.",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, event: { type: "string" }, config: { type: "string", default: "trailwatch.yml" } });
    if (values.event === undefined) throw new UsageError("--event FILE (or - for stdin) is required");
    const env = process.env;
    const policies = loadRulesOrReport(values.rules, io);
    const routing = await loadRoutingFile(values.config, env, io);
    if (policies === undefined || routing === undefined) return EXIT.usage;
    const records = await readRecordsOrReport(values.event, io);
    if (records === undefined) return EXIT.usage;
    const token = await resolveSlackToken(env);
    const { createPipeline } = await import("../handler/setup.js");
    const pipeline = createPipeline({ policySet: createPolicySet(policies), routing, logger: cliLogger(io, { deliveries: true }), deps: { env, ...(token ? { slack: { token } } : {}) } });
    let alerts = 0;
    let failures = 0;
    for (const { record } of records) {
      for (const outcome of await processRecord(pipeline, record)) {
        alerts++;
        failures += outcome.failures.length;
      }
    }
    writeLine(io.stdout, `${records.length} record(s), ${alerts} alert(s), ${failures} delivery failure(s)`);
    return failures > 0 ? EXIT.findings : EXIT.ok;
  },
};
