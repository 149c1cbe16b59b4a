/** Every error the outputs raise; `instanceof OutputError` catches them all. */
export class OutputError extends Error {
  override readonly name: string = "OutputError";
}

/** A destination's configuration is wrong: unknown type, missing or unknown key, bad value. */
export class OutputConfigError extends OutputError {
  override readonly name = "OutputConfigError";
  readonly destination: string;
  readonly problems: readonly string[];

  constructor(destination: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`destination "${destination}" is misconfigured: ${problems.join("; ")}`, options);
    this.destination = destination;
    this.problems = problems;
  }
}

export interface DeliveryFailure {
  readonly destination: string;
  readonly destinationType: string;
  readonly policy: string;
  readonly eventId: string;
  /** What went wrong, in the destination's own words (`channel_not_found`, `NotFound: ...`). */
  readonly reason: string;
  /** What the operator should do about it. */
  readonly hint: string;
}

/** One alert could not be delivered to one destination (after the client's own retries). */
export class DeliveryError extends OutputError {
  override readonly name = "DeliveryError";
  readonly destination: string;
  readonly destinationType: string;
  readonly policy: string;
  readonly eventId: string;
  readonly reason: string;
  readonly hint: string;

  constructor(failure: DeliveryFailure, options?: { cause?: unknown }) {
    super(
      `${failure.destinationType} destination "${failure.destination}" could not deliver the alert for policy ` +
        `${failure.policy} (eventID ${failure.eventId}): ${failure.reason}. ${failure.hint}`,
      options,
    );
    this.destination = failure.destination;
    this.destinationType = failure.destinationType;
    this.policy = failure.policy;
    this.eventId = failure.eventId;
    this.reason = failure.reason;
    this.hint = failure.hint;
  }
}
