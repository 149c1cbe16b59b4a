import { readFile } from "node:fs/promises";
import { processEnv, readEnv } from "../env.js";
import { parseDuration } from "../policy/noise-options.js";
import { didYouMean } from "../text/did-you-mean.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import { loadPolicies } from "../policy/load.js";
import { YamlSource } from "../policy/yaml-source.js";
import { compilePattern, type CompiledPattern } from "../pattern/index.js";
import { viewPattern } from "../routing/config.js";
import { checkSpan, parseInstant } from "../silence/declared.js";
import type { SilenceStore } from "../silence/store.js";
import type { Silence } from "../silence/types.js";
import { isProtected } from "../silence/holds.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type ExitCode, type Io } from "./io.js";

const DEFAULT_FOR = "1h";

async function matchFromFile(file: string, io: Io): Promise<CompiledPattern | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read --match file "${file}": ${(cause as Error).message}`);
  }
  const source = new YamlSource(file, text);
  const match = source.value === undefined ? undefined : viewPattern(source.value, [], source, "silences");
  for (const d of source.diagnostics) writeLine(io.stderr, formatDiagnostic(d));
  return source.diagnostics.some((d) => d.level === "error") ? undefined : match;
}

/** `--policy ID` must name a loaded policy when the rules load (a typo would silence nothing). */
function checkPolicyId(id: string, rulesDir: string, holdCritical: boolean, io: Io): void {
  const { policies } = loadPolicies(rulesDir, { tests: false });
  const policy = policies.find((p) => p.id === id);
  if (policy !== undefined && !holdCritical && isProtected(policy.id, policy.severity, policy.tags)) {
    writeLine(io.stderr, `warning: ${id} is ${policy.severity === "critical" ? "critical" : "in the self-protection pack"}: this silence holds none of its alerts unless you add --hold-critical`);
  }
  if (policies.length === 0 || policy !== undefined) return;
  throw new UsageError(`no policy "${id}" in ${rulesDir}${didYouMean(id, policies.map((p) => p.id))}: the silence would hold nothing`);
}

function endOf(values: { for?: string; until?: string; max?: string }, start: Date): Date {
  if (values.for !== undefined && values.until !== undefined) throw new UsageError("give --for or --until, not both");
  const max = values.max === undefined ? undefined : parseDuration(values.max, 365 * 86400);
  if (typeof max === "string") throw new UsageError(`--max: ${max}`);
  let end: Date;
  if (values.until !== undefined) {
    const until = parseInstant(values.until);
    if (typeof until === "string") throw new UsageError(`--until ${until}`);
    end = until;
  } else {
    const seconds = parseDuration(values.for ?? DEFAULT_FOR, 365 * 86400);
    if (typeof seconds === "string") throw new UsageError(`--for: ${seconds}`);
    end = new Date(start.getTime() + seconds * 1000);
  }
  const span = checkSpan(start, end, max);
  if (span !== undefined) throw new UsageError(`the silence ${span.replace("max: 14d", "--max 14d")}`);
  return end;
}

/** `silence add`: prints the new id on stdout (and what it holds on stderr). */
export async function addSilence(args: string[], io: Io, store: () => SilenceStore, now: Date): Promise<ExitCode> {
  const { values } = parseFlags(args, {
    ...RULES_OPTION, policy: { type: "string" }, match: { type: "string" }, for: { type: "string" }, until: { type: "string" },
    max: { type: "string" }, reason: { type: "string" }, by: { type: "string" }, "hold-critical": { type: "boolean", default: false },
  });
  if ((values.policy === undefined) === (values.match === undefined)) throw new UsageError("give exactly one of --policy ID or --match FILE");
  if (values.reason === undefined || values.reason.trim() === "") throw new UsageError("--reason TEXT is required: the announcement and the end summary quote it");
  const creator = values.by ?? readEnv(processEnv(), "USER");
  if (creator === undefined || creator.trim() === "") throw new UsageError("--by NAME is required when $USER is not set");
  const end = endOf(values, now);
  let match: CompiledPattern | undefined;
  if (values.policy !== undefined) {
    checkPolicyId(values.policy, values.rules, values["hold-critical"], io);
    match = compilePattern({ policy: [values.policy] });
  } else {
    match = await matchFromFile(values.match as string, io);
    if (match === undefined) return EXIT.usage;
  }
  const s = store();
  try {
    const silence: Silence = { id: await s.nextId(), match, start: now.toISOString(), end: end.toISOString(), reason: values.reason, creator, holdCritical: values["hold-critical"], origin: "table" };
    await s.put(silence, now);
    writeLine(io.stdout, silence.id);
    const critical = silence.holdCritical ? "critical and self-protection alerts INCLUDED" : "critical and self-protection alerts not held";
    writeLine(io.stderr, `silence ${silence.id} holds ${JSON.stringify(match.source)} until ${silence.end} (${critical}); every destination is told when the handler next runs`);
    return EXIT.ok;
  } finally {
    s.destroy();
  }
}
