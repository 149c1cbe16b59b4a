import type { Alert } from "../alert/types.js";
import { processEnv, readEnv } from "../env.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import type { Policy } from "../policy/types.js";
import { holdingSilence, whyNotHeld } from "../silence/holds.js";
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
  /** False: the silence covers the alert but may not hold it (critical or self-protection, no holdCritical). */
  readonly held: boolean;
}

/**
 * The silences in force: rules/local/silences.yml, plus the state table's when
 * TRAILWATCH_STATE_TABLE is set (a table that cannot be read is a warning, not a failure).
 */
export async function silencesInForce(rulesDir: string, io: Io, now: Date): Promise<Silence[]> {
  const declared = loadSilencesFile(rulesDir, now);
  for (const d of declared.diagnostics) writeLine(io.stderr, formatDiagnostic(d));
  const table = readEnv(processEnv(), "TRAILWATCH_STATE_TABLE");
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
    const policyTags = tags.get(alert.policy) ?? [];
    const note = (s: Silence, held: boolean): SilenceNote => ({ policy: alert.policy, eventId: alert.eventId, silence: s.id, reason: s.reason, creator: s.creator, end: s.end, held });
    const holding = holdingSilence(silences, alert, policyTags, now);
    if (holding !== undefined) return [note(holding, true)];
    // Say so when a silence covers the alert but may not hold it: someone expects it to.
    return silences.filter((s) => whyNotHeld(s, alert, policyTags, now)?.startsWith("the alert is critical") === true).map((s) => note(s, false));
  });
}

export function silenceNoteText(n: SilenceNote): string {
  const who = `silence ${n.silence} "${n.reason}" by ${n.creator} until ${n.end}`;
  return n.held
    ? `${n.policy} (eventID ${n.eventId}): would be HELD by ${who} (counted, not sent)`
    : `${n.policy} (eventID ${n.eventId}): matches ${who} but is NOT held: critical and self-protection alerts need holdCritical: true`;
}
