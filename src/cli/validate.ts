import { lintPolicies } from "../lint/lint.js";
import { formatDiagnostic, sortDiagnostics } from "../policy/diagnostics.js";
import { deploymentFromEnv } from "../policy/deployment.js";
import { loadPolicies } from "../policy/load.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type Command } from "./io.js";

export const validate: Command = {
  name: "validate",
  usage: "validate [--rules DIR] [--strict]",
  summary: "Check every policy file and lint it; print all diagnostics as file:line:column (--strict: warnings fail).",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, strict: { type: "boolean", default: false } });
    const deployment = deploymentFromEnv(process.env);
    const loaded = loadPolicies(values.rules, { tests: true, deployment });
    // Lint what loaded: a file with errors has no policy to lint, and its errors come first anyway.
    const diagnostics = sortDiagnostics([...loaded.diagnostics, ...lintPolicies(loaded.policies, { rulesDir: values.rules })]);
    for (const d of diagnostics) writeLine(io.stdout, formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.level === "error").length;
    const warnings = diagnostics.length - errors;
    writeLine(io.stderr, `expected regions in force: ${deployment.expectedRegions.join(", ")} (from ${deployment.origin})`);
    writeLine(io.stdout, `${loaded.policies.length} policies, ${errors} error(s), ${warnings} warning(s)`);
    return errors > 0 || (values.strict && warnings > 0) ? EXIT.findings : EXIT.ok;
  },
};
