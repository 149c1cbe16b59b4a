import type { Alert } from "../alert/types.js";
import { deliverAll } from "../outputs/deliver.js";
import type { DeliveryError } from "../outputs/errors.js";
import type { Destination } from "../outputs/output.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { RoutingConfig } from "../routing/config.js";
import { routeAlert } from "../routing/router.js";

/** The structured logger the pipeline writes to (Powertools Logger fits). */
export interface PipelineLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface Pipeline {
  readonly policySet: PolicySet;
  readonly routing: RoutingConfig;
  readonly destinations: ReadonlyMap<string, Destination>;
  /** Where an alert goes when routing leaves it nowhere (every routed destination is off): never lost. */
  readonly fallback: Destination;
  readonly logger: PipelineLogger;
}

export interface AlertOutcome {
  readonly alert: Alert;
  readonly delivered: readonly string[];
  readonly failures: readonly DeliveryError[];
}

function destinationsFor(pipeline: Pipeline, alert: Alert): Destination[] {
  const tags = pipeline.policySet.policies.find((p) => p.id === alert.policy)?.tags ?? [];
  const chosen = routeAlert(pipeline.routing, alert, tags).flatMap((name) => pipeline.destinations.get(name) ?? []);
  if (chosen.length > 0) return chosen;
  pipeline.logger.warn("no active destination for this alert; using the fallback", { policy: alert.policy, eventID: alert.eventId, fallback: pipeline.fallback.name });
  return [pipeline.fallback];
}

/** Delivers one alert to every destination its routes name, reporting each success and failure. */
export async function deliverAlert(pipeline: Pipeline, alert: Alert): Promise<AlertOutcome> {
  const report = await deliverAll(destinationsFor(pipeline, alert), alert);
  for (const name of report.delivered) {
    pipeline.logger.info("alert delivered", { policy: alert.policy, eventID: alert.eventId, severity: alert.severity, destination: name });
  }
  for (const failure of report.failures) {
    pipeline.logger.error("alert delivery failed", { policy: alert.policy, eventID: alert.eventId, destination: failure.destination, reason: failure.reason, hint: failure.hint });
  }
  return { alert, delivered: report.delivered, failures: report.failures };
}

/** Evaluates one CloudTrail record and delivers every alert; alerts are independent of each other. */
export async function processRecord(pipeline: Pipeline, record: CloudTrailRecord): Promise<AlertOutcome[]> {
  const alerts = pipeline.policySet.evaluate(record);
  if (alerts.length === 0) pipeline.logger.info("no policy matched", { eventID: record.eventID, eventName: record.eventName });
  return Promise.all(alerts.map((alert) => deliverAlert(pipeline, alert)));
}

/** Thrown after every destination was tried, so EventBridge/Lambda retry the event. */
export class DeliveryFailedError extends Error {
  override readonly name = "DeliveryFailedError";
  constructor(readonly failures: readonly DeliveryError[]) {
    super(`${failures.length} delivery failure(s): ${failures.map((f) => `${f.destination} (${f.policy}, eventID ${f.eventId}): ${f.reason}`).join("; ")}`);
  }
}
