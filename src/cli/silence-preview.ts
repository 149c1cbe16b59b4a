import type { Alert } from "../alert/types.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import type { Policy } from "../policy/types.js";
import { holdingSilence } from "../silence/holds.js";
import { loadSilencesFile } from "../silence/declared.js";
import type { Silence } from "../silence/types.js";
import { writeLine, type Io } from "./io.js";

/** Which silence would hold an alert now: for `explain` and `render`, which send nothing. */
export interface SilenceNote {
  readonly policy: string;
  readonly eventId: string;
  readonly silence: string;
  readonly reason: string;
  readonly creator: string;
  readonly end: string;
}

/**
 * The silences in force: rules/local/silences.yml, plus the state table's when
 * TRAILWATCH_STATE_TABLE is set (a table that cannot be read is a warning, not a failure).
 */
export async function silencesInForce(rulesDir: string, io: Io, now: Date): Promise<Silence[]> {
  const declared = loadSilencesFile(rulesDir, now);
  for (const d of declared.diagnostics) writeLine(io.stderr, formatDiagnostic(d));
  const table = process.env.TRAILWATCH_STATE_TABLE;
  if (!table) return declared.silences;
  const { SilenceStore } = await import("../silence/store.js");
  const store = new SilenceStore(table);
  try {
    const stored = await store.list();
    return [...stored, ...declared.silences.filter((d) => !stored.some((s) => s.id === d.id))];
  } catch (error) {
    writeLine(io.stderr, `warning: silences in table ${table} could not be read (${(error as Error).message}); showing silences.yml only`);
    return declared.silences;
  } finally {
    store.destroy();
  }
}

export function silenceNotes(silences: readonly Silence[], alerts: readonly Alert[], policies: readonly Policy[], now: Date): SilenceNote[] {
  const tags = new Map(policies.map((p) => [p.id, p.tags]));
  return alerts.flatMap((alert) => {
    const s = holdingSilence(silences, alert, tags.get(alert.policy) ?? [], now);
    return s === undefined ? [] : [{ policy: alert.policy, eventId: alert.eventId, silence: s.id, reason: s.reason, creator: s.creator, end: s.end }];
  });
}

export function silenceNoteText(n: SilenceNote): string {
  return `${n.policy} (eventID ${n.eventId}): would be HELD by silence ${n.silence} "${n.reason}" by ${n.creator} until ${n.end} (counted, not sent)`;
}
