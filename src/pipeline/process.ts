import { groupAlerts } from "../alert/group.js";
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
}

export interface AlertOutcome {
  readonly alert: Alert;
  readonly decision: Decision;
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

/** Delivers one alert (or grouped message) to every destination its routes name, reporting each success and failure. */
export async function deliverAlert(pipeline: Pipeline, alert: Alert, decision: Decision = "send", destinations = destinationsFor(pipeline, alert)): Promise<AlertOutcome> {
  const skipped: string[] = [];
  const targets = destinations.map((d) => (pipeline.noise ? ledgered(pipeline.noise, d, skipped) : d));
  const report = await deliverAll(targets, alert);
  const delivered = report.delivered.filter((name) => !skipped.includes(name));
  const also = alert.also === undefined ? {} : { alsoFired: alert.also.map((a) => a.policy) };
  for (const name of delivered) pipeline.logger.info("alert delivered", { policy: alert.policy, eventID: alert.eventId, severity: alert.severity, destination: name, ...also });
  for (const name of skipped) pipeline.logger.info("already delivered by an earlier attempt", { policy: alert.policy, eventID: alert.eventId, destination: name });
  for (const failure of report.failures) {
    pipeline.logger.error("alert delivery failed", { policy: alert.policy, eventID: alert.eventId, destination: failure.destination, reason: failure.reason, hint: failure.hint });
  }
  return { alert, decision, delivered, skipped, failures: report.failures };
}

/** Noise control decides per policy, before any grouping. */
async function decideAlert(pipeline: Pipeline, alert: Alert): Promise<Decision> {
  const policy = pipeline.policySet.policy(alert.policy);
  const decision = pipeline.noise && policy ? await decide(pipeline.noise, policy, alert) : "send";
  if (decision !== "send") pipeline.logger.info(decision === "dedupe" ? "alert deduplicated" : "alert throttled (counted for the summary)", { policy: alert.policy, eventID: alert.eventId });
  return decision;
}

/**
 * One message per destination for one record: the alerts routed to a destination are
 * grouped (most severe leads), and destinations that receive the same alerts share one
 * delivery. Each alert's outcome lists the destinations its message reached; a failure is
 * reported once, on the alert that led the message.
 */
async function deliverOneMessagePerDestination(pipeline: Pipeline, alerts: readonly Alert[]): Promise<Map<Alert, AlertOutcome>> {
  const routed = new Map<Destination, Alert[]>();
  for (const alert of alerts) for (const d of destinationsFor(pipeline, alert)) routed.set(d, [...(routed.get(d) ?? []), alert]);
  const messages = new Map<string, { alerts: Alert[]; destinations: Destination[] }>();
  for (const [destination, group] of routed) {
    const key = group.map((a) => a.policy).join("\n");
    const message = messages.get(key) ?? { alerts: group, destinations: [] };
    message.destinations.push(destination);
    messages.set(key, message);
  }
  const sent = await Promise.all([...messages.values()].map(async (m) => ({ alerts: m.alerts, outcome: await deliverAlert(pipeline, groupAlerts(m.alerts) as Alert, "send", m.destinations) })));
  return new Map(alerts.map((alert) => {
    const mine = sent.filter((s) => s.alerts.includes(alert));
    const led = mine.filter((s) => s.outcome.alert.policy === alert.policy);
    return [alert, { alert, decision: "send", delivered: mine.flatMap((s) => s.outcome.delivered), skipped: mine.flatMap((s) => s.outcome.skipped), failures: led.flatMap((s) => s.outcome.failures) }];
  }));
}

/**
 * Evaluates one CloudTrail record; noise control decides per policy, then each destination
 * gets one message for the record, listing every policy that fired.
 */
export async function processRecord(pipeline: Pipeline, record: CloudTrailRecord): Promise<AlertOutcome[]> {
  const alerts = pipeline.policySet.evaluate(record);
  if (alerts.length === 0) pipeline.logger.info("no policy matched", { eventID: record.eventID, eventName: record.eventName });
  const decisions = await Promise.all(alerts.map((alert) => decideAlert(pipeline, alert)));
  const sent = await deliverOneMessagePerDestination(pipeline, alerts.filter((_, i) => decisions[i] === "send"));
  return alerts.map((alert, i) => sent.get(alert) ?? { alert, decision: decisions[i] as Decision, delivered: [], skipped: [], failures: [] });
}

/** Thrown after every destination was tried, so EventBridge/Lambda retry the event. */
export class DeliveryFailedError extends Error {
  override readonly name = "DeliveryFailedError";
  constructor(readonly failures: readonly DeliveryError[]) {
    super(`${failures.length} delivery failure(s): ${failures.map((f) => `${f.destination} (${f.policy}, eventID ${f.eventId}): ${f.reason}`).join("; ")}`);
  }
}
