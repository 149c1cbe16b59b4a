import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { CompiledPattern } from "../pattern/index.js";
import { isJsonObject } from "../pattern/json.js";
import type { Template } from "../alert/template.js";
import { CRITICAL_MIN_PER_MINUTE, ratePerMinute, type DedupeOptions, type ThrottleOptions } from "./noise-options.js";
import { checkFields } from "./field-kinds.js";
import { EXAMPLE_DEPLOYMENT, withDeployment, type Deployment } from "./deployment.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { POLICY_FIELDS, type Outcome } from "./fields.js";
import { listPolicyFiles, type PolicyFileList } from "./policy-files.js";
import { applyOutcome } from "./outcome.js";
import { parseTests } from "./tests.js";
import { applyTunes, loadTuneFile, type Tune } from "./tune.js";
import type { Severity } from "../record/severity.js";
import type { Policy } from "./types.js";
import { MAX_YAML_BYTES, YamlSource } from "./yaml-source.js";

export const DEFAULT_SUMMARY = "{{actor.name}} called {{eventName}} on {{eventSource}} in account {{recipientAccountId}}";
/** Tune files live here, inside the rules directory. */
export const LOCAL_DIR = "local";
/** Silences declared as code sit beside the tune files but are not one (src/silence/ reads them). */
export const SILENCES_FILE = `${LOCAL_DIR}/silences.yml`;

export interface LoadedPolicies {
  readonly policies: Policy[];
  readonly diagnostics: Diagnostic[];
}

/** Adds the errorCode constraint an `outcome` stands for (src/policy/outcome.ts). */
function withOutcome(match: CompiledPattern, outcome: Outcome, source: YamlSource): ReturnType<typeof applyOutcome> {
  if (outcome === "success" && Object.hasOwn(match.source, "errorCode")) {
    source.error(["outcome"], "outcome: success excludes failed calls, but match.errorCode asks for them: use outcome: failure or any");
  }
  return applyOutcome(match, outcome);
}

const TOP_LEVEL_TESTS = /^tests[ \t]*:/;
const TESTS_ANYWHERE = /^tests[ \t]*:/m;
const TOP_LEVEL_LINE = /^[^\s#]/;
/** `- item` in column 0 still belongs to the key above it (a block sequence may sit at its key's indentation). */
const SEQUENCE_ENTRY = /^-(?:[ \t]|$)/;

/**
 * The text with its top-level `tests:` section blanked out, line for line (so positions in
 * diagnostics stay true), for loaders that skip tests: the tests are most of a pack policy's
 * text, and parsing them was ~60% of replay's start-up (0.58 s of YAML for the 39-policy pack,
 * cold). A section ends at the next line that starts in column 0 (another key, `---`), other
 * than a `- ` sequence entry, which YAML lets sit at its key's indentation.
 */
export function withoutTests(text: string): string {
  if (!TESTS_ANYWHERE.test(text)) return text;
  let inTests = false;
  return text
    .split("\n")
    .map((line) => {
      if (TOP_LEVEL_TESTS.test(line)) inTests = true;
      else if (TOP_LEVEL_LINE.test(line) && !SEQUENCE_ENTRY.test(line)) inTests = false;
      return inTests ? "" : line;
    })
    .join("\n");
}

/** Parses and checks one policy file's text; `file` is how diagnostics name it. */
export function loadPolicyText(text: string, file: string, id: string, options: LoadOptions = { tests: true }): { policy?: Policy; diagnostics: Diagnostic[] } {
  const source = new YamlSource(file, options.tests === false ? withoutTests(text) : text);
  if (source.value === undefined) return { diagnostics: source.diagnostics };
  const values = checkFields(withDeployment(source, options.deployment ?? EXAMPLE_DEPLOYMENT), POLICY_FIELDS, source, "policy");
  if (values === undefined) return { diagnostics: source.diagnostics };
  const declared = values.get("id");
  if (declared !== undefined && declared !== id) {
    source.error(["id"], `id "${String(declared)}" does not match the file's location: expected "${id}" (ids are <folder>.<file stem>)`);
  }
  const tests = options.tests === false ? [] : parseTests(isJsonObject(source.value) ? source.value.tests : undefined, file, source);
  const match = values.get("match") as CompiledPattern | undefined;
  if (match === undefined || source.diagnostics.some((d) => d.level === "error")) return { diagnostics: source.diagnostics };
  const throttle = values.get("throttle") as ThrottleOptions | undefined;
  if (throttle !== undefined && values.get("severity") === "critical" && ratePerMinute(throttle) < CRITICAL_MIN_PER_MINUTE) {
    source.error(["throttle"], `a critical policy may not be throttled below ${CRITICAL_MIN_PER_MINUTE} alert per minute per key (this allows ${ratePerMinute(throttle).toFixed(2)})`);
    return { diagnostics: source.diagnostics };
  }
  const outcome = (values.get("outcome") as Outcome | undefined) ?? "any";
  const { match: compiled, errorCodeFromOutcome } = withOutcome(match, outcome, source);
  const summary = values.get("summary") as Template | undefined;
  const policy: Policy = {
    id,
    title: values.get("title") as string,
    severity: values.get("severity") as Severity,
    outcome,
    errorCodeFromOutcome,
    description: values.get("description") as string | undefined,
    notes: values.get("notes") as string | undefined,
    matchSource: compiled.source,
    match: compiled,
    unless: (values.get("unless") as CompiledPattern[] | undefined) ?? [],
    summary: summary?.source ?? DEFAULT_SUMMARY,
    references: (values.get("references") as string[] | undefined) ?? [],
    mitre: (values.get("mitre") as string[] | undefined) ?? [],
    tags: (values.get("tags") as string[] | undefined) ?? [],
    dedupe: values.get("dedupe") as DedupeOptions | undefined,
    throttle: values.get("throttle") as ThrottleOptions | undefined,
    tests,
    file,
    at: { file, line: 1, column: 1 },
    written: { position: (path) => source.position(path), raw: isJsonObject(source.value) ? source.value : {} },
  };
  return { policy, diagnostics: source.diagnostics };
}

function readPolicyFile(file: string): string | Diagnostic {
  const size = statSync(file).size;
  if (size > MAX_YAML_BYTES) {
    return { file, line: 1, column: 1, level: "error", path: "", message: `file is ${Math.round(size / 1024)} KiB, larger than the ${MAX_YAML_BYTES / 1024} KiB limit for a policy file` };
  }
  return readFileSync(file, "utf8");
}

function duplicateIds(policies: readonly Policy[]): Diagnostic[] {
  const seen = new Map<string, Policy>();
  const out: Diagnostic[] = [];
  for (const policy of policies) {
    const first = seen.get(policy.id);
    if (first) out.push({ ...policy.at, level: "error", path: "id", message: `duplicate policy id "${policy.id}" (also defined in ${first.file})` });
    else seen.set(policy.id, policy);
  }
  return out;
}

/** One policy or tune file's text; `relative` is its path inside the rules directory, with "/" separators. */
export interface PolicySource {
  readonly relative: string;
  /** How diagnostics name the file. */
  readonly display: string;
  readonly text: string;
}

export interface LoadOptions {
  /** Read embedded tests (and the event files they name). The Lambda handler skips them. */
  readonly tests?: boolean;
  /** Fills `${deployment.NAME}` in match and unless; the example deployment when absent. */
  readonly deployment?: Deployment;
}

/** Builds the policy set from file texts: what `loadPolicies` and the bundled handler share. */
export function loadPolicySources(sources: readonly PolicySource[], options: LoadOptions = {}): LoadedPolicies {
  const diagnostics: Diagnostic[] = [];
  const policies: Policy[] = [];
  const tunes: Tune[] = [];
  for (const { relative, display, text } of sources) {
    if (relative === SILENCES_FILE) continue;
    if (relative.startsWith(`${LOCAL_DIR}/`)) {
      const tune = loadTuneFile(text, display, options.deployment ?? EXAMPLE_DEPLOYMENT);
      diagnostics.push(...tune.diagnostics);
      if (tune.tune) tunes.push(tune.tune);
      continue;
    }
    const id = relative.replace(/\.ya?ml$/, "").split("/").join(".");
    const loaded = loadPolicyText(text, display, id, options);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.policy) policies.push(loaded.policy);
  }
  diagnostics.push(...duplicateIds(policies));
  const tuned = applyTunes(policies, tunes, diagnostics);
  return { policies: tuned, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Why `rulesDir` cannot be a rules directory (missing, unreadable, a file, no policy files),
 * said so a user can act on it; undefined when it can be read.
 */
export function rulesDirProblem(rulesDir: string): string | undefined {
  try {
    if (!statSync(rulesDir).isDirectory()) return `"${rulesDir}" is a file, not a directory: --rules takes the folder holding <service>/<name>.yml policy files`;
    const listed = listPolicyFiles(rulesDir);
    if (listed.files.length === 0 && listed.problems.length === 0) return `rules directory "${rulesDir}" holds no policy files (<service>/<name>.yml)`;
    return undefined;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return `rules directory "${rulesDir}" does not exist`;
    if (code === "EACCES" || code === "EPERM") return `rules directory "${rulesDir}" cannot be read (permission denied)`;
    return `rules directory "${rulesDir}" cannot be read: ${(cause as Error).message}`;
  }
}

/** Loads every policy under `rulesDir`, collecting all diagnostics across all files in one pass. */
export function loadPolicies(rulesDir: string, options: LoadOptions = { tests: true }): LoadedPolicies {
  let listed: PolicyFileList;
  try {
    listed = listPolicyFiles(rulesDir);
  } catch (cause) {
    const message = (cause as NodeJS.ErrnoException).code === "ENOENT" ? `rules directory "${rulesDir}" does not exist` : (cause as Error).message;
    return { policies: [], diagnostics: [{ file: rulesDir, line: 1, column: 1, level: "error", path: "", message }] };
  }
  const sources: PolicySource[] = [];
  const display = (file: string) => path.relative(process.cwd(), file) || file;
  const unreadable: Diagnostic[] = listed.problems.map((p) => ({ ...p, file: display(p.file) }));
  for (const file of listed.files) {
    const text = readPolicyFile(file.path);
    if (typeof text === "string") sources.push({ relative: file.relative, display: display(file.path), text });
    else unreadable.push({ ...text, file: display(file.path) });
  }
  const loaded = loadPolicySources(sources, options);
  const diagnostics = [...unreadable, ...loaded.diagnostics];
  if (listed.files.length === 0 && listed.problems.length === 0) diagnostics.push({ file: rulesDir, line: 1, column: 1, level: "warning", path: "", message: "no policy files (*.yml) found" });
  return { policies: loaded.policies, diagnostics: sortDiagnostics(diagnostics) };
}
