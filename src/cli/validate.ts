import { processEnv } from "../env.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import { deploymentFromEnv } from "../policy/deployment.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type Command } from "./io.js";
import { checkRules } from "./load-rules.js";

export const validate: Command = {
  name: "validate",
  usage: "validate [--rules DIR] [--strict]",
  summary: "Check every policy file (and local/silences.yml) and lint it; print all diagnostics as file:line:column (--strict: warnings fail).",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, strict: { type: "boolean", default: false } });
    const deployment = deploymentFromEnv(processEnv());
    const checked = checkRules(values.rules, deployment);
    if ("problem" in checked) {
      writeLine(io.stderr, checked.problem);
      return EXIT.usage;
    }
    const { diagnostics, policies } = checked;
    for (const d of diagnostics) writeLine(io.stdout, formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.level === "error").length;
    const warnings = diagnostics.length - errors;
    writeLine(io.stderr, `expected regions in force: ${deployment.expectedRegions.join(", ")} (from ${deployment.origin})`);
    writeLine(io.stdout, `${policies.length} policies, ${errors} error(s), ${warnings} warning(s)`);
    return errors > 0 || (values.strict && warnings > 0) ? EXIT.findings : EXIT.ok;
  },
};
