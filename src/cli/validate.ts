import { lintPolicies } from "../lint/lint.js";
import { formatDiagnostic, sortDiagnostics } from "../policy/diagnostics.js";
import { loadPolicies } from "../policy/load.js";
import { loadSilencesFile } from "../silence/declared.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type Command } from "./io.js";

export const validate: Command = {
  name: "validate",
  usage: "validate [--rules DIR] [--strict]",
  summary: "Check every policy file (and local/silences.yml) and lint it; print all diagnostics as file:line:column (--strict: warnings fail).",
  async run(args, io) {
    const { values } = parseFlags(args, { ...RULES_OPTION, strict: { type: "boolean", default: false } });
    const loaded = loadPolicies(values.rules);
    // Lint what loaded: a file with errors has no policy to lint, and its errors come first anyway.
    const silences = loadSilencesFile(values.rules, new Date());
    const diagnostics = sortDiagnostics([...loaded.diagnostics, ...silences.diagnostics, ...lintPolicies(loaded.policies, { rulesDir: values.rules })]);
    for (const d of diagnostics) writeLine(io.stdout, formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.level === "error").length;
    const warnings = diagnostics.length - errors;
    writeLine(io.stdout, `${loaded.policies.length} policies, ${errors} error(s), ${warnings} warning(s)`);
    return errors > 0 || (values.strict && warnings > 0) ? EXIT.findings : EXIT.ok;
  },
};
