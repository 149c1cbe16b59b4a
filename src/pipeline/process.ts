import type { Alert } from "../alert/types.js";
import { deliverAll } from "../outputs/deliver.js";
import { DeliveryError } from "../outputs/errors.js";
import type { Destination } from "../outputs/output.js";
import { decide, type NoiseControl } from "./noise-gate.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { Decision } from "../state/store.js";
import type { RoutingConfig } from "../routing/config.js";
import { routeAlert } from "../routing/router.js";
import type { SilenceControl } from "../silence/control.js";

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
  /** Dedupe, throttling and the delivery ledger; absent when no state table is configured. */
  readonly noise: NoiseControl | undefined;
  /** Silences (src/silence/); absent without a state table. */
  readonly silences?: SilenceControl | undefined;
}

export interface AlertOutcome {
  readonly alert: Alert;
  readonly decision: Decision | "silenced";
  readonly delivered: readonly string[];
  /** Destinations a previous attempt already delivered to (the ledger said so). */
  readonly skipped: readonly string[];
  readonly failures: readonly DeliveryError[];
}

function destinationsFor(pipeline: Pipeline, alert: Alert): Destination[] {
  const tags = pipeline.policySet.policy(alert.policy)?.tags ?? [];
  const chosen = routeAlert(pipeline.routing, alert, tags).flatMap((name) => pipeline.destinations.get(name) ?? []);
  if (chosen.length > 0) return chosen;
  pipeline.logger.warn("no active destination for this alert; using the fallback", { policy: alert.policy, eventID: alert.eventId, fallback: pipeline.fallback.name });
  return [pipeline.fallback];
}

/** Wraps a destination in the delivery ledger: delivered once, even across retries and containers. */
function ledgered(noise: NoiseControl, destination: Destination, skipped: string[]): Destination {
  return {
    name: destination.name,
    type: destination.type,
    async deliver(alert) {
      const claim = await noise.store.claimDelivery(alert.eventId, alert.policy, destination.name, noise.now());
      if (claim === "skip") return void skipped.push(destination.name);
      if (claim === "busy") {
        throw new DeliveryError({ destination: destination.name, destinationType: destination.type, policy: alert.policy, eventId: alert.eventId, reason: "another invocation is delivering this alert now", hint: "Nothing to do: the retry will find it delivered or take over" });
      }
      try {
        await destination.deliver(alert);
      } catch (error) {
        await noise.store.settleDelivery(alert.eventId, alert.policy, destination.name, { delivered: false, reason: String((error as Error).message).slice(0, 500) }, noise.now());
        throw error;
      }
      await noise.store.settleDelivery(alert.eventId, alert.policy, destination.name, { delivered: true }, noise.now());
    },
  };
}

/** Delivers one alert to every destination its routes name, reporting each success and failure. */
export async function deliverAlert(pipeline: Pipeline, alert: Alert, decision: Decision = "send"): Promise<AlertOutcome> {
  return deliverTo(pipeline, alert, destinationsFor(pipeline, alert), decision);
}

/** Delivers to every configured destination, whatever the routes say (silence announcements). */
export async function deliverEverywhere(pipeline: Pipeline, alert: Alert): Promise<AlertOutcome> {
  const all = [...pipeline.destinations.values()];
  return deliverTo(pipeline, alert, all.length > 0 ? all : [pipeline.fallback]);
}

async function deliverTo(pipeline: Pipeline, alert: Alert, destinations: readonly Destination[], decision: Decision = "send"): Promise<AlertOutcome> {
  const skipped: string[] = [];
  const targets = destinations.map((d) => (pipeline.noise ? ledgered(pipeline.noise, d, skipped) : d));
  const report = await deliverAll(targets, alert);
  const delivered = report.delivered.filter((name) => !skipped.includes(name));
  for (const name of delivered) pipeline.logger.info("alert delivered", { policy: alert.policy, eventID: alert.eventId, severity: alert.severity, destination: name });
  for (const name of skipped) pipeline.logger.info("already delivered by an earlier attempt", { policy: alert.policy, eventID: alert.eventId, destination: name });
  for (const failure of report.failures) {
    pipeline.logger.error("alert delivery failed", { policy: alert.policy, eventID: alert.eventId, destination: failure.destination, reason: failure.reason, hint: failure.hint });
  }
  return { alert, decision, delivered, skipped, failures: report.failures };
}

async function handleAlert(pipeline: Pipeline, alert: Alert): Promise<AlertOutcome> {
  const policy = pipeline.policySet.policy(alert.policy);
  const silence = await pipeline.silences?.hold(alert, policy?.tags ?? []);
  if (silence !== undefined) {
    pipeline.logger.info("alert held by a silence (counted for its end summary)", { policy: alert.policy, eventID: alert.eventId, silence: silence.id });
    return { alert, decision: "silenced", delivered: [], skipped: [], failures: [] };
  }
  const decision = pipeline.noise && policy ? await decide(pipeline.noise, policy, alert) : "send";
  if (decision === "send") return deliverAlert(pipeline, alert, decision);
  pipeline.logger.info(decision === "dedupe" ? "alert deduplicated" : "alert throttled (counted for the summary)", { policy: alert.policy, eventID: alert.eventId });
  await Promise.all(destinationsFor(pipeline, alert).map((d) => d.held?.(alert)));
  return { alert, decision, delivered: [], skipped: [], failures: [] };
}

/** Evaluates one CloudTrail record and delivers every alert; alerts are independent of each other. */
export async function processRecord(pipeline: Pipeline, record: CloudTrailRecord): Promise<AlertOutcome[]> {
  const alerts = pipeline.policySet.evaluate(record);
  if (alerts.length === 0) pipeline.logger.info("no policy matched", { eventID: record.eventID, eventName: record.eventName });
  return Promise.all(alerts.map((alert) => handleAlert(pipeline, alert)));
}

/** Thrown after every destination was tried, so EventBridge/Lambda retry the event. */
export class DeliveryFailedError extends Error {
  override readonly name = "DeliveryFailedError";
  constructor(readonly failures: readonly DeliveryError[]) {
    super(`${failures.length} delivery failure(s): ${failures.map((f) => `${f.destination} (${f.policy}, eventID ${f.eventId}): ${f.reason}`).join("; ")}`);
  }
}
