import { groupAlerts } from "../alert/group.js";
import type { Alert } from "../alert/types.js";
import type { Destination } from "../outputs/output.js";

/** One message for one record: the alerts it stands for, and the destinations it goes to. */
export interface RecordMessage {
  readonly alerts: readonly Alert[];
  /** The alerts grouped (most severe leads, the rest in `also`): what the destinations receive. */
  readonly message: Alert;
  readonly destinations: readonly Destination[];
}

/**
 * One message per destination for the alerts of one record: each destination gets the
 * alerts routed to it, grouped, and destinations that receive the same alerts share one
 * delivery. Routing stays per policy.
 */
export function messagesFor(alerts: readonly Alert[], destinationsOf: (alert: Alert) => readonly Destination[]): RecordMessage[] {
  const routed = new Map<Destination, Alert[]>();
  for (const alert of alerts) for (const d of destinationsOf(alert)) routed.set(d, [...(routed.get(d) ?? []), alert]);
  const byAlerts = new Map<string, { alerts: Alert[]; destinations: Destination[] }>();
  for (const [destination, group] of routed) {
    const key = group.map((a) => a.policy).join("\n");
    const entry = byAlerts.get(key) ?? { alerts: group, destinations: [] };
    entry.destinations.push(destination);
    byAlerts.set(key, entry);
  }
  return [...byAlerts.values()].map(({ alerts: group, destinations }) => {
    const lead = groupAlerts(group) as Alert;
    // Sent without noise control for one of them: the message says so, whoever leads.
    const notice = lead.notice ?? group.find((a) => a.notice !== undefined)?.notice;
    return { alerts: group, message: notice === undefined ? lead : { ...lead, notice }, destinations };
  });
}
