import { explainRecord, recordExplanationText, type RecordExplanation } from "../explain/explain.js";
import { selectPolicies } from "../replay/engine.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { readRecordsOrReport } from "./read-input.js";
import { createPolicySet } from "../policy/policy-set.js";
import { silenceNoteText, silenceNotes, silencesInForce, type SilenceNote } from "./silence-preview.js";

export const explain: Command = {
  name: "explain",
  usage: "explain --event FILE|- [--policy ID] [--rules DIR] [--all] [--json]",
  summary: "Say, field by field, why each policy alerted, was suppressed or did not match a record.",
  async run(args, io) {
    const { values } = parseFlags(args, {
      ...RULES_OPTION,
      event: { type: "string" },
      policy: { type: "string" },
      all: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    });
    if (values.event === undefined) throw new UsageError("--event FILE (or - for stdin) is required");
    const loaded = loadRulesOrReport(values.rules, io);
    if (loaded === undefined) return EXIT.usage;
    const policies = selectPolicies(loaded, values.policy);
    if (typeof policies === "string") {
      writeLine(io.stderr, `${policies} in ${values.rules}`);
      return EXIT.usage;
    }
    const records = await readRecordsOrReport(values.event, io);
    if (records === undefined) return EXIT.usage;
    // A named policy is always shown in full, whatever it missed on.
    const options = { all: values.all || values.policy !== undefined };
    const explained: (RecordExplanation & { silenced: SilenceNote[] })[] = [];
    const now = new Date();
    const silences = await silencesInForce(values.rules, io, now);
    const set = createPolicySet(policies);
    for (const { record, origin, index } of records) {
      const exp = explainRecord(policies, record, `${origin}#${index}`, options);
      const silenced = silenceNotes(silences, set.evaluate(record), policies, now);
      if (values.json) explained.push({ ...exp, silenced });
      else writeLine(io.stdout, `${[recordExplanationText(exp, record), ...silenced.map((n) => `  ${silenceNoteText(n)}`)].join("\n")}\n`);
    }
    if (values.json) writeLine(io.stdout, JSON.stringify(explained, null, 2));
    return EXIT.ok;
  },
};
