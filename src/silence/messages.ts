import type { Alert } from "../alert/types.js";
import { createHash } from "node:crypto";
import type { Severity } from "../record/severity.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { HeldStats } from "./store.js";
import type { Silence } from "./types.js";

/** The policy id announcements carry (no such policy exists: they are Trailwatch's own notices). */
export const SILENCE_POLICY = "trailwatch.silence";

const sha256Short = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);
const hhmm = (iso: string | undefined) => (iso === undefined ? "?" : iso.slice(11, 16));

/** The match pattern, compact: `{"policy":["ssm-contacts.contact-deleted"]}`. */
export function matchText(silence: Silence): string {
  return JSON.stringify(silence.match.source);
}

/** Changes when the silence's definition does, so a re-declared silence is announced again. */
export function silenceVersion(silence: Silence): string {
  return sha256Short(`${silence.start}|${silence.end}|${matchText(silence)}|${String(silence.holdCritical)}`);
}

function notice(silence: Silence, kind: "announced" | "ended", severity: Severity, title: string, summary: string, extra: Record<string, unknown>): Alert {
  const eventId = `silence-${silence.id}-${silenceVersion(silence)}-${kind}`;
  const record: CloudTrailRecord = {
    eventSource: "trailwatch", eventName: kind === "announced" ? "TrailwatchSilenceCreated" : "TrailwatchSilenceEnded", eventID: eventId,
    eventTime: kind === "announced" ? silence.start : silence.end,
    // Who said so, so the notice's "who" and subject name the silence's creator.
    userIdentity: { type: "TrailwatchSilence", principalId: silence.creator },
    silence: { id: silence.id, match: silence.match.source, start: silence.start, end: silence.end, reason: silence.reason, creator: silence.creator, holdCritical: silence.holdCritical, origin: silence.origin, ...extra },
  };
  return {
    policy: SILENCE_POLICY, severity, title, summary, eventId, eventName: record.eventName as string, eventSource: "trailwatch",
    eventTime: record.eventTime as string, awsRegion: undefined, account: undefined, sourceIPAddress: undefined,
    description: "Silences hold matching alerts until they end; every new silence and every end is announced to all destinations.",
    references: [], mitre: [], record,
  };
}

/** "Silence S-3 by alice holds ... from ... until ...": sent to every destination on first sight. */
export function announcementAlert(silence: Silence): Alert {
  const where = silence.origin === "code" ? "declared in rules/local/silences.yml" : `created in the state table (end it early: trailwatch silence expire ${silence.id})`;
  const critical = silence.holdCritical ? "It ALSO holds critical and self-protection alerts." : "Critical and self-protection alerts are not held.";
  const summary = `Silence ${silence.id} by ${silence.creator} holds alerts matching ${matchText(silence)} from ${silence.start} until ${silence.end}: "${silence.reason}". ${critical} It was ${where}.`;
  return notice(silence, "announced", "high", `[SILENCE] ${silence.id} by ${silence.creator} until ${hhmm(silence.end)} UTC: ${silence.reason}`, summary, {});
}

/** "14 alerts held by silence S-3 'response-plan rework' by alice, 10:02–15:58": one per destination at the end. */
export function endAlert(silence: Silence, held: HeldStats): Alert {
  const top = held.policies.slice(0, 5).map((p) => `${p.policy} (${p.count})`).join(", ");
  const details = held.count === 0 ? "No alert was held." : `Top policies: ${top}. Sample eventIDs: ${held.samples.join(", ")}.`;
  const summary = `${held.count} alert(s) held by silence ${silence.id} '${silence.reason}' by ${silence.creator}, ${hhmm(silence.start)}–${hhmm(silence.end)} UTC (${silence.start} – ${silence.end}). ${details} Alerts are delivered again from now on.`;
  return notice(silence, "ended", "medium", `[SILENCE] ${silence.id} ended: ${held.count} alert(s) held`, summary, { held: held.count, policies: held.policies.slice(0, 5), sampleEventIds: held.samples });
}
