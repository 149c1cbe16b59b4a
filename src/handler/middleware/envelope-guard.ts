import type middy from "@middy/core";
import { isEventBridgeEnvelope, isScheduledSweep, recordProblem } from "../../input/formats.js";
import { isJsonObject } from "../../pattern/json.js";
import type { PipelineLogger } from "../../pipeline/process.js";

export interface DroppedEvent {
  readonly dropped: true;
  readonly reason: string;
}

/** Why an invocation's event is not an "AWS API Call via CloudTrail" envelope we can use. */
export function envelopeProblem(event: unknown): string | undefined {
  if (isScheduledSweep(event)) return undefined;
  if (!isEventBridgeEnvelope(event)) return "not an EventBridge event with a detail-type and a detail object";
  return recordProblem(event.detail);
}

/**
 * Drops a malformed event with one log line (its id and what is wrong) and a normal return:
 * throwing would only make EventBridge and Lambda retry an event that can never succeed.
 */
export function envelopeGuard(logger: PipelineLogger): middy.MiddlewareObj<unknown, unknown> {
  return {
    before(request) {
      const problem = envelopeProblem(request.event);
      if (problem === undefined) return undefined;
      const id = isJsonObject(request.event) && typeof request.event.id === "string" ? request.event.id : undefined;
      logger.error("malformed event dropped", { eventBridgeId: id, problem });
      const dropped: DroppedEvent = { dropped: true, reason: problem };
      return dropped;
    },
  };
}
