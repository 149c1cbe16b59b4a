import { processEnv } from "../env.js";
import { compileRulePatterns, MAX_RULES_PER_BUS } from "../deploy/rule-patterns.js";
import { createPatternStats, formatPatternStats } from "../deploy/pattern-stats.js";
import { formatProblem, readInput } from "../input/read.js";
import { deploymentFromEnv } from "../policy/deployment.js";
import type { Policy } from "../policy/types.js";
import { walkInputs } from "../replay/walk.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command, type ExitCode, type Io } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";

/** `--stats FILE…`: how many records of a corpus the deployed rules pass and how many alert; exit 1 on a false negative. */
async function stats(policies: readonly Policy[], paths: readonly string[], io: Io): Promise<ExitCode> {
  const counter = createPatternStats(policies);
  let problems = 0;
  for await (const input of walkInputs(paths)) {
    if (input.kind === "unreadable") {
      writeLine(io.stderr, `${input.origin}: ${input.message}`);
      problems++;
      continue;
    }
    const batch = await readInput(input.kind === "stdin" ? "-" : input.path, io.stdin);
    for (const p of batch.problems) writeLine(io.stderr, formatProblem(p));
    problems += batch.problems.length;
    for (const { record } of batch.records) counter.add(record);
  }
  const result = counter.result();
  for (const line of formatPatternStats(result)) writeLine(io.stdout, line);
  if (problems > 0) writeLine(io.stderr, `${problems} input problem(s) above; those records were not counted`);
  return result.missed > 0 ? EXIT.findings : EXIT.ok;
}

export const patterns: Command = {
  name: "patterns",
  usage: "patterns [--rules DIR] [--stats FILE...]",
  summary: "Print the EventBridge event patterns that will be deployed, as JSON; --stats: how many records of FILEs (log files, directories) they pass and how many alert.",
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { ...RULES_OPTION, stats: { type: "boolean", default: false } }, true);
    if (!values.stats && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (files go with --stats)`);
    if (values.stats && positionals.length === 0) throw new UsageError("--stats needs at least one FILE or directory");
    const policies = loadRulesOrReport(values.rules, io, deploymentFromEnv(processEnv()));
    if (policies === undefined) return EXIT.usage;
    if (values.stats) return stats(policies, positionals, io);
    const compiled = compileRulePatterns(policies);
    if (compiled.unscoped.length > 0) {
      writeLine(io.stderr, `warning: ${compiled.unscoped.join(", ")} name no exact eventSource; their rule receives every CloudTrail API call`);
    }
    if (compiled.unreachable.length > 0) {
      writeLine(io.stderr, `warning: ${compiled.unreachable.join(", ")} name an eventSource that never arrives via CloudTrail (not <service>.amazonaws.com); no rule is deployed for it`);
    }
    if (compiled.patterns.length > MAX_RULES_PER_BUS) {
      writeLine(io.stderr, `warning: ${compiled.patterns.length} rules exceed the default quota of ${MAX_RULES_PER_BUS} rules per event bus`);
    }
    writeLine(io.stdout, JSON.stringify(compiled.patterns, null, 2));
    return EXIT.ok;
  },
};
