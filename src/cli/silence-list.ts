import { loadSilencesFile } from "../silence/declared.js";
import type { SilenceStore } from "../silence/store.js";
import { isActive, type Silence, type StoredSilence } from "../silence/types.js";
import { matchText } from "../silence/messages.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import { EXIT, parseFlags, RULES_OPTION, writeLine, type ExitCode, type Io } from "./io.js";

type State = "active" | "pending" | "ended";

const stateOf = (s: Silence, now: Date): State => (isActive(s, now) ? "active" : Date.parse(s.end) <= now.getTime() ? "ended" : "pending");

interface Row {
  readonly silence: Silence;
  readonly state: State;
  readonly held: number;
  readonly announced: boolean;
}

function rowJson(r: Row): Record<string, unknown> {
  const s = r.silence;
  return { id: s.id, state: r.state, start: s.start, end: s.end, reason: s.reason, creator: s.creator, match: s.match.source, holdCritical: s.holdCritical, origin: s.origin, held: r.held, announced: r.announced };
}

function rowText(r: Row): string {
  const s = r.silence;
  const flags = [s.origin === "code" ? "silences.yml" : "", s.holdCritical ? "holds critical" : "", r.announced ? "" : "not announced yet"].filter((f) => f !== "");
  return `${s.id.padEnd(12)} ${r.state.padEnd(7)} ${s.start} – ${s.end}  by ${s.creator}  held ${r.held}  "${s.reason}"  ${matchText(s)}${flags.length > 0 ? `  (${flags.join(", ")})` : ""}`;
}

/** `silence list`: table silences and those declared in silences.yml; ended ones only with --all. */
export async function listSilences(args: string[], io: Io, store: () => SilenceStore, now: Date): Promise<ExitCode> {
  const { values } = parseFlags(args, { ...RULES_OPTION, all: { type: "boolean", default: false }, json: { type: "boolean", default: false } });
  const declared = loadSilencesFile(values.rules, now);
  for (const d of declared.diagnostics) writeLine(io.stderr, formatDiagnostic(d));
  const s = store();
  try {
    const stored = await s.list();
    const known = new Set(stored.map((x) => x.id));
    const all: (StoredSilence | Silence)[] = [...stored, ...declared.silences.filter((d) => !known.has(d.id))];
    const rows: Row[] = [];
    for (const silence of all.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1))) {
      const state = stateOf(silence, now);
      if (state === "ended" && !values.all) continue;
      const held = known.has(silence.id) ? (await s.held(silence.id)).count : 0;
      rows.push({ silence, state, held, announced: "announcedAt" in silence && silence.announcedAt !== undefined });
    }
    if (values.json) writeLine(io.stdout, JSON.stringify(rows.map(rowJson), null, 2));
    else if (rows.length === 0) writeLine(io.stdout, values.all ? "no silences" : "no active or pending silences (--all shows ended ones)");
    else for (const r of rows) writeLine(io.stdout, rowText(r));
    return EXIT.ok;
  } finally {
    s.destroy();
  }
}
