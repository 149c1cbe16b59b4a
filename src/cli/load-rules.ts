import { lintPolicies } from "../lint/lint.js";
import type { Deployment } from "../policy/deployment.js";
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from "../policy/diagnostics.js";
import { loadPolicies, rulesDirProblem, type LoadOptions } from "../policy/load.js";
import type { Policy } from "../policy/types.js";
import { loadSilencesFile } from "../silence/declared.js";
import { writeLine, type Io } from "./io.js";

export type CheckedRules = { readonly policies: Policy[]; readonly diagnostics: Diagnostic[] } | { readonly problem: string };

/**
 * Loads and lints every policy under `rulesDir`: what `validate` prints, what every other
 * command refuses to run with errors, and what `npm run build` refuses to bundle. A
 * directory that cannot be used at all is a `problem` (exit 2 in every command).
 */
export function checkRules(rulesDir: string, deployment?: Deployment, options: LoadOptions = { tests: true }): CheckedRules {
  const problem = rulesDirProblem(rulesDir);
  if (problem !== undefined) return { problem };
  // `deployment` fills `${deployment.NAME}` (src/policy/deployment.ts); the example deployment when absent.
  const loaded = loadPolicies(rulesDir, { ...options, ...(deployment ? { deployment } : {}) });
  // Lint what loaded: a file with errors has no policy to lint, and its errors come first anyway.
  // local/silences.yml too: an expired silence is a warning, a broken one an error (nothing is bundled with it).
  const silences = loadSilencesFile(rulesDir, new Date());
  return { policies: loaded.policies, diagnostics: sortDiagnostics([...loaded.diagnostics, ...silences.diagnostics, ...lintPolicies(loaded.policies, { rulesDir })]) };
}

/**
 * Loads policies for a command that needs them; prints the problem or the errors and
 * returns undefined when the set is unusable (the command exits 2: its input is wrong).
 */
export function loadRulesOrReport(rulesDir: string, io: Io, deployment?: Deployment, options: LoadOptions = { tests: true }): Policy[] | undefined {
  const checked = checkRules(rulesDir, deployment, options);
  if ("problem" in checked) {
    writeLine(io.stderr, checked.problem);
    return undefined;
  }
  const errors = checked.diagnostics.filter((d) => d.level === "error");
  if (errors.length > 0) {
    for (const d of errors) writeLine(io.stderr, formatDiagnostic(d));
    writeLine(io.stderr, `${errors.length} error(s) in ${rulesDir}: run \`trailwatch validate --rules ${rulesDir}\``);
    return undefined;
  }
  return checked.policies;
}
