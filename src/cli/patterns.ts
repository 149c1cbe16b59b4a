import { compileRulePatterns, MAX_RULES_PER_BUS } from "../deploy/rule-patterns.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";

export const patterns: Command = {
  name: "patterns",
  usage: "patterns [--rules DIR]",
  summary: "Print the EventBridge event patterns that will be deployed, as JSON.",
  async run(args, io) {
    const { values } = parseFlags(args, RULES_OPTION);
    const policies = loadRulesOrReport(values.rules, io);
    if (policies === undefined) return EXIT.usage;
    const compiled = compileRulePatterns(policies);
    if (compiled.unscoped.length > 0) {
      writeLine(io.stderr, `warning: ${compiled.unscoped.join(", ")} name no exact eventSource; their rule receives every CloudTrail API call`);
    }
    if (compiled.patterns.length > MAX_RULES_PER_BUS) {
      writeLine(io.stderr, `warning: ${compiled.patterns.length} rules exceed the default quota of ${MAX_RULES_PER_BUS} rules per event bus`);
    }
    writeLine(io.stdout, JSON.stringify(compiled.patterns, null, 2));
    return EXIT.ok;
  },
};
