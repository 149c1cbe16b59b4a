import type { Alert } from "../alert/types.js";
import { DeliveryError } from "./errors.js";
import type { DeliveryOptions, Destination } from "./output.js";

export interface DeliveryReport {
  /** Names of the destinations that took the alert. */
  readonly delivered: readonly string[];
  /** One entry per destination that did not; never empty because of a swallowed error. */
  readonly failures: readonly DeliveryError[];
}

function asDeliveryError(destination: Destination, alert: Alert, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const failure = { destination: destination.name, destinationType: destination.type, policy: alert.policy, eventId: alert.eventId };
  return new DeliveryError({ ...failure, reason, hint: "Unexpected failure: report this Trailwatch bug with the eventID" }, { cause: error });
}

/** Try every destination concurrently, then report each success and each failure. */
export async function deliverAll(destinations: readonly Destination[], alert: Alert, options?: DeliveryOptions): Promise<DeliveryReport> {
  const results = await Promise.allSettled(destinations.map((d) => d.deliver(alert, options)));
  const delivered: string[] = [];
  const failures: DeliveryError[] = [];
  results.forEach((result, i) => {
    const destination = destinations[i] as Destination;
    if (result.status === "fulfilled") delivered.push(destination.name);
    else failures.push(asDeliveryError(destination, alert, result.reason));
  });
  return { delivered, failures };
}
