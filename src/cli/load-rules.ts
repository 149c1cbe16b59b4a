import { formatDiagnostic, hasErrors } from "../policy/diagnostics.js";
import { loadPolicies, type LoadOptions } from "../policy/load.js";
import type { Policy } from "../policy/types.js";
import { writeLine, type Io } from "./io.js";

/** Loads policies for a command that needs them; prints errors and returns undefined when any. */
export function loadRulesOrReport(rulesDir: string, io: Io, options: LoadOptions = { tests: true }): Policy[] | undefined {
  const { policies, diagnostics } = loadPolicies(rulesDir, options);
  const errors = diagnostics.filter((d) => d.level === "error");
  if (hasErrors(diagnostics)) {
    for (const d of errors) writeLine(io.stderr, formatDiagnostic(d));
    writeLine(io.stderr, `${errors.length} error(s) in ${rulesDir}: run \`trailwatch validate --rules ${rulesDir}\``);
    return undefined;
  }
  return policies;
}
