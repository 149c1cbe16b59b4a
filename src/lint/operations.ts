import data from "../../data/operations.json" with { type: "json" };

/** One API operation of an Incident Manager service, as CloudTrail names it in `eventName`. */
export interface Operation {
  readonly name: string;
  readonly access: "read-only" | "mutating";
  /** Member names as CloudTrail writes them under `requestParameters` (first letter lower-cased). */
  readonly requestParameters: readonly string[];
  readonly required: readonly string[];
  /** Member paths whose only value is `{}` (`chatChannel.empty`): invisible to event patterns. */
  readonly emptyOnly?: readonly string[];
}

export interface Service {
  /** `ssm-contacts`, `ssm-incidents`. */
  readonly name: string;
  /** The `eventSource` spellings CloudTrail uses (the `gamma-` one appears in AWS's examples). */
  readonly eventSources: readonly string[];
  readonly operations: readonly Operation[];
}

/** The services whose operation lists ship in data/operations.json. */
export const SERVICES: readonly Service[] = Object.entries(data.services).map(([name, service]) => ({
  name,
  eventSources: service.eventSources,
  operations: service.operations as Operation[],
}));

/** Request members every list call may carry; the reference leaves them out of its tables. */
export const PAGINATION_PARAMETERS: readonly string[] = ["nextToken", "maxResults"];

export const KNOWN_EVENT_SOURCES: readonly string[] = SERVICES.flatMap((s) => s.eventSources);

export function serviceOf(eventSource: string): Service | undefined {
  return SERVICES.find((s) => s.eventSources.includes(eventSource));
}
