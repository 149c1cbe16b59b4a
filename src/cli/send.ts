import { processEnv } from "../env.js";
import { createPolicySet } from "../policy/policy-set.js";
import { processRecord } from "../pipeline/process.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { readRecordsOrReport } from "./read-input.js";
import { cliLogger } from "./cli-logger.js";
import { loadRoutingFile, resolveSlackToken } from "./delivery-setup.js";

export const send: Command = {
  name: "send",
  usage: "send --event FILE|- [--rules DIR] [--config FILE]",
  summary: "Evaluate, route and deliver alerts for an input, exactly as the Lambda handler does.",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, event: { type: "string" }, config: { type: "string", default: "trailwatch.yml" } });
    if (values.event === undefined) throw new UsageError("--event FILE (or - for stdin) is required");
    const env = processEnv();
    const policies = loadRulesOrReport(values.rules, io);
    const routing = await loadRoutingFile(values.config, env, io);
    if (policies === undefined || routing === undefined) return EXIT.usage;
    const records = await readRecordsOrReport(values.event, io);
    if (records === undefined) return EXIT.usage;
    const token = await resolveSlackToken(env);
    // Loaded on first use: the AWS SDK and Slack clients cost ~0.3 s to import.
    const { createPipeline } = await import("../pipeline/setup.js");
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
