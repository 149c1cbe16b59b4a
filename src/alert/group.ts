import { SEVERITIES } from "../record/severity.js";
import type { Alert } from "./types.js";

const rank = (alert: Alert): number => SEVERITIES.indexOf(alert.severity);

/**
 * One message for several policies that fired on one record: the most severe alert leads
 * (the first in load order among equals) and carries the rest in `also`, so each
 * destination is paged once per event instead of once per policy.
 */
export function groupAlerts(alerts: readonly Alert[]): Alert | undefined {
  const ordered = [...alerts].sort((a, b) => rank(b) - rank(a));
  const [lead, ...rest] = ordered;
  if (lead === undefined) return undefined;
  return rest.length === 0 ? lead : { ...lead, also: rest };
}

/** Every policy a message stands for: the lead, then the others, most severe first. */
export function firedAlerts(alert: Alert): readonly Alert[] {
  return [alert, ...(alert.also ?? [])];
}

/** The link an on-call engineer opens first for a policy: its first reference. */
export function runbookLink(alert: Alert): string | undefined {
  return alert.references[0];
}
