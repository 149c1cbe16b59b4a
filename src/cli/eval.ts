import { alertJson } from "../alert/build.js";
import { createPolicySet } from "../policy/policy-set.js";
import { alertBlock } from "../alert/render/terminal.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { readRecordsOrReport } from "./read-input.js";

export const evaluate: Command = {
  name: "eval",
  usage: "eval --event FILE|- [--rules DIR] [--json]",
  summary: "Evaluate every record of an input against every policy; print the alerts.",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, event: { type: "string" }, json: { type: "boolean", default: false } });
    if (values.event === undefined) throw new UsageError("--event FILE (or - for stdin) is required");
    const policies = loadRulesOrReport(values.rules, io);
    if (policies === undefined) return EXIT.usage;
    const records = await readRecordsOrReport(values.event, io);
    if (records === undefined) return EXIT.usage;
    const set = createPolicySet(policies);
    const alerts = records.flatMap((r) => set.evaluate(r.record).map((alert) => ({ alert, origin: `${r.origin}#${r.index}` })));
    if (values.json) writeLine(io.stdout, JSON.stringify(alerts.map((a) => alertJson(a.alert)), null, 2));
    else {
      for (const { alert, origin } of alerts) writeLine(io.stdout, `${alertBlock(alert, origin)}\n`);
      writeLine(io.stdout, `${records.length} record(s), ${alerts.length} alert(s)`);
    }
    return EXIT.ok;
  },
};
