import { alertJson } from "../alert/build.js";
import { formatProblem, readInput } from "../input/read.js";
import { createPolicySet } from "../policy/policy-set.js";
import { alertBlock } from "./alert-text.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";

export const evaluate: Command = {
  name: "eval",
  usage: "eval --event FILE|- [--rules DIR] [--json]",
  summary: "Evaluate every record of an input against every policy; print the alerts.",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, event: { type: "string" }, json: { type: "boolean", default: false } });
    if (values.event === undefined) throw new UsageError("--event FILE (or - for stdin) is required");
    const policies = loadRulesOrReport(values.rules, io);
    if (policies === undefined) return EXIT.usage;
    const batch = await readInput(values.event, io.stdin);
    for (const p of batch.problems) writeLine(io.stderr, formatProblem(p));
    if (batch.records.length === 0 && batch.problems.length > 0) return EXIT.usage;
    const set = createPolicySet(policies);
    const alerts = batch.records.flatMap((r) => set.evaluate(r.record).map((alert) => ({ alert, origin: `${r.origin}#${r.index}` })));
    if (values.json) writeLine(io.stdout, JSON.stringify(alerts.map((a) => alertJson(a.alert)), null, 2));
    else {
      for (const { alert, origin } of alerts) writeLine(io.stdout, `${alertBlock(alert, origin)}\n`);
      writeLine(io.stdout, `${batch.records.length} record(s), ${alerts.length} alert(s)`);
    }
    return EXIT.ok;
  },
};
