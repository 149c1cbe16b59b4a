import { processEnv, readEnv } from "../env.js";
import { compileRulePatterns } from "../deploy/rule-patterns.js";
import { findDrift } from "../deploy/verify.js";
import { deploymentFromEnv } from "../policy/deployment.js";
import { readDeployedRules, eventBridgeClient } from "./eventbridge.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";

export const verify: Command = {
  name: "verify",
  usage: "verify [--bus NAME] [--region R]... [--stack NAME] [--rules DIR]",
  summary: "Compare the deployed EventBridge rules with `trailwatch patterns`: report missing, disabled or changed rules and missing targets or dead-letter queues (exit 1 on drift).",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, bus: { type: "string", default: "default" }, region: { type: "string", multiple: true }, stack: { type: "string" } });
    const deployment = deploymentFromEnv(processEnv());
    const stack = values.stack ?? deployment.stack;
    const policies = loadRulesOrReport(values.rules, io, deployment);
    if (policies === undefined) return EXIT.usage;
    const expected = compileRulePatterns(policies).patterns;
    const regions = values.region ?? [readEnv(processEnv(), "AWS_REGION") ?? ""];
    let drifted = 0;
    for (const region of regions) {
      const where = `${region || "(SDK default region)"} bus ${values.bus}`;
      let deployed;
      try {
        deployed = await readDeployedRules(eventBridgeClient(region || undefined), values.bus, `${stack}-`);
      } catch (cause) {
        writeLine(io.stdout, `DRIFT  ${where}: cannot read the rules (${(cause as Error).name}: ${(cause as Error).message}); nothing is verified there`);
        drifted++;
        continue;
      }
      const { ok, drift } = findDrift(expected, deployed, `${stack}-alert`);
      for (const name of ok) writeLine(io.stdout, `ok     ${where}: ${name}`);
      for (const d of drift) writeLine(io.stdout, `DRIFT  ${where}: ${d.kind}: ${d.message}`);
      drifted += drift.length;
      writeLine(io.stdout, `${where}: ${expected.length} rule(s) expected for stack ${stack}, ${ok.length} ok, ${drift.length} drift`);
    }
    return drifted > 0 ? EXIT.findings : EXIT.ok;
  },
};
