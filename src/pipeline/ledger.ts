import type { Alert } from "../alert/types.js";
import type { Destination, DeliveryOptions } from "../outputs/output.js";
import { UNAVAILABLE, type NoiseSession } from "./noise-session.js";

/** What the ledger saw while delivering one alert, by destination name. */
export interface LedgerNotes {
  /** Already delivered by an earlier attempt. */
  readonly skipped: string[];
  /** Another live invocation holds the lease and is delivering now. */
  readonly inFlight: string[];
  /** Delivered without the ledger (the store failed): a retry may repeat it. */
  readonly unledgered: string[];
}

export const emptyNotes = (): LedgerNotes => ({ skipped: [], inFlight: [], unledgered: [] });

const reasonOf = (error: unknown) => String((error as Error)?.message ?? error).slice(0, 500);

/**
 * Wraps a destination in the delivery ledger: delivered once, even across retries and
 * containers. A live lease held by another invocation is not a failure: that invocation owns
 * the alert, and Lambda retries it if it fails or is killed (its lease lapses with its timeout).
 */
export function ledgered(session: NoiseSession, destination: Destination, notes: LedgerNotes): Destination {
  const settle = (alert: Alert, outcome: { delivered: true } | { delivered: false; reason: string }) =>
    session.call("settling the delivery ledger", (store) => store.settleDelivery(alert.eventId, alert.policy, destination.name, outcome, session.now()));
  return {
    name: destination.name,
    type: destination.type,
    async deliver(alert: Alert, options?: DeliveryOptions) {
      const claim = await session.call("claiming delivery", (store) => store.claimDelivery(alert.eventId, alert.policy, destination.name, session.now(), session.leaseUntil));
      if (claim === "skip") return void notes.skipped.push(destination.name);
      if (claim === "busy") return void notes.inFlight.push(destination.name);
      if (claim === UNAVAILABLE) notes.unledgered.push(destination.name);
      try {
        await destination.deliver(alert, options);
      } catch (error) {
        if (claim === "go") await settle(alert, { delivered: false, reason: reasonOf(error) });
        throw error;
      }
      if (claim === "go") await settle(alert, { delivered: true });
    },
  };
}
