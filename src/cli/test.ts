import { recordOf } from "../input/formats.js";
import { selectPolicies } from "../replay/engine.js";
import { createPolicySet } from "../policy/policy-set.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";

export const test: Command = {
  name: "test",
  usage: "test [--rules DIR] [--policy ID]",
  summary: "Run every policy's embedded tests.",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, policy: { type: "string" } });
    const policies = loadRulesOrReport(values.rules, io);
    if (policies === undefined) return EXIT.usage;
    const set = createPolicySet(policies);
    const chosen = selectPolicies(policies, values.policy);
    if (typeof chosen === "string") {
      writeLine(io.stderr, `${chosen} in ${values.rules}`);
      return EXIT.usage;
    }
    let passed = 0;
    let failed = 0;
    for (const policy of chosen) {
      for (const t of policy.tests) {
        const verdict = set.verdict(policy, recordOf(t.event) as CloudTrailRecord);
        const alerted = verdict === "alert";
        if (alerted === t.alert) {
          passed++;
          continue;
        }
        failed++;
        const why = t.alert ? `expected an alert, got none (${verdict === "suppressed" ? "matched, but an unless pattern suppressed it" : "match did not match"})` : "expected no alert, but it alerted";
        writeLine(io.stdout, `FAIL ${t.at.file}:${t.at.line}:${t.at.column} ${policy.id} › ${t.name}: ${why}`);
      }
    }
    const untested = chosen.filter((p) => p.tests.length === 0).map((p) => p.id);
    if (untested.length > 0) writeLine(io.stdout, `note: no tests in ${untested.join(", ")}`);
    writeLine(io.stdout, `${chosen.length} policies, ${passed + failed} tests: ${passed} passed, ${failed} failed`);
    return failed > 0 ? EXIT.findings : EXIT.ok;
  },
};
