import type { CompiledPattern } from "../pattern/index.js";
import { didYouMean } from "../text/did-you-mean.js";
import type { Template } from "../alert/template.js";
import { checkFields } from "./field-kinds.js";
import { applyOutcome } from "./outcome.js";
import { EXAMPLE_DEPLOYMENT, withDeployment, type Deployment } from "./deployment.js";
import type { Diagnostic } from "./diagnostics.js";
import { TUNE_FIELDS } from "./fields.js";
import type { Severity } from "../record/severity.js";
import type { Policy } from "./types.js";
import { YamlSource } from "./yaml-source.js";

/** A local adjustment of a shipped policy (Falco-style append/override), from `<rules>/local/*.yml`. */
export interface Tune {
  readonly target: string;
  readonly file: string;
  readonly line: number;
  readonly enabled: boolean | undefined;
  readonly severity: Severity | undefined;
  readonly match: CompiledPattern | undefined;
  readonly unless: readonly CompiledPattern[];
  readonly summary: Template | undefined;
}

export function loadTuneFile(text: string, file: string, deployment: Deployment = EXAMPLE_DEPLOYMENT): { tune?: Tune; diagnostics: Diagnostic[] } {
  const source = new YamlSource(file, text);
  if (source.value === undefined) return { diagnostics: source.diagnostics };
  const values = checkFields(withDeployment(source, deployment), TUNE_FIELDS, source, "tune");
  if (values === undefined || source.diagnostics.some((d) => d.level === "error")) return { diagnostics: source.diagnostics };
  const tune: Tune = {
    target: values.get("tune") as string,
    file,
    line: source.position(["tune"]).line,
    enabled: values.get("enabled") as boolean | undefined,
    severity: values.get("severity") as Severity | undefined,
    match: values.get("match") as CompiledPattern | undefined,
    unless: (values.get("unless") as CompiledPattern[] | undefined) ?? [],
    summary: values.get("summary") as Template | undefined,
  };
  return { tune, diagnostics: source.diagnostics };
}

function applyTune(policy: Policy, tune: Tune): Policy {
  const { match, errorCodeFromOutcome } = tune.match === undefined ? { match: policy.match, errorCodeFromOutcome: policy.errorCodeFromOutcome } : applyOutcome(tune.match, policy.outcome);
  return {
    ...policy,
    severity: tune.severity ?? policy.severity,
    match,
    errorCodeFromOutcome,
    matchSource: match.source,
    unless: [...policy.unless, ...tune.unless],
    summary: tune.summary?.source ?? policy.summary,
  };
}

/** Applies tunes in file order; drops disabled policies; reports tunes naming no policy. */
export function applyTunes(policies: readonly Policy[], tunes: readonly Tune[], diagnostics: Diagnostic[]): Policy[] {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const disabled = new Set<string>();
  for (const tune of tunes) {
    const policy = byId.get(tune.target);
    if (policy === undefined) {
      diagnostics.push({ file: tune.file, line: tune.line, column: 1, level: "error", path: "tune", message: `no policy has id "${tune.target}"${didYouMean(tune.target, byId.keys())}` });
      continue;
    }
    byId.set(policy.id, applyTune(policy, tune));
    if (tune.enabled === false) disabled.add(policy.id);
    if (tune.enabled === true) disabled.delete(policy.id);
  }
  return [...byId.values()].filter((p) => !disabled.has(p.id));
}
