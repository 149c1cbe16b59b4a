import type { Alert } from "../alert/types.js";
import { CLI_BUDGET_MS, Deadline } from "../deadline.js";
import { deliverAll } from "../outputs/deliver.js";
import type { DeliveryError } from "../outputs/errors.js";
import type { Destination } from "../outputs/output.js";
import { decide, type GateResult, type NoiseControl } from "./noise-gate.js";
import { NoiseSession } from "./noise-session.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { RoutingConfig } from "../routing/config.js";
import { routeAlert } from "../routing/router.js";
import type { SilenceControl } from "../silence/control.js";
import { emptyNotes, ledgered } from "./ledger.js";
import { messagesFor } from "./one-message.js";

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

/** One invocation's budget and noise-control session (the pipeline itself lives per container). */
export interface Invocation {
  /** No outbound call outlives it. */
  readonly deadline: Deadline;
  readonly noise: NoiseSession | undefined;
}

/**
 * An invocation ending at `deadline`. `leaseUntil`, when its claims lapse, is the moment the
 * invocation is certainly over (Lambda's timeout), so a retry after a kill takes over at once.
 */
export function startInvocation(pipeline: Pipeline, deadline: Deadline, leaseUntil: Date = new Date(deadline.endsAt)): Invocation {
  return { deadline, noise: pipeline.noise && new NoiseSession(pipeline.noise, leaseUntil, pipeline.logger) };
}

/** The text an alert carries when it went out without noise control. */
export const NOISE_CONTROL_UNAVAILABLE =
  "Trailwatch noise control (its DynamoDB state) was unavailable: this alert was sent without dedupe or throttling, so it may repeat.";

export interface AlertOutcome {
  readonly alert: Alert;
  readonly decision: GateResult | "silenced";
  readonly delivered: readonly string[];
  /** Destinations a previous attempt already delivered to (the ledger said so). */
  readonly skipped: readonly string[];
  /** Destinations another live invocation is delivering to now (it owns them and their retries). */
  readonly inFlight: readonly string[];
  /** Destinations delivered to without noise control or the delivery ledger (the store failed). */
  readonly degraded: readonly string[];
  readonly failures: readonly DeliveryError[];
}

function destinationsFor(pipeline: Pipeline, alert: Alert): Destination[] {
  const tags = pipeline.policySet.policy(alert.policy)?.tags ?? [];
  const chosen = routeAlert(pipeline.routing, alert, tags).flatMap((name) => pipeline.destinations.get(name) ?? []);
  if (chosen.length > 0) return chosen;
  pipeline.logger.warn("no active destination for this alert; using the fallback", { policy: alert.policy, eventID: alert.eventId, fallback: pipeline.fallback.name });
  return [pipeline.fallback];
}

/** Delivers one alert (or one record's grouped message) to every destination its routes name, each independently, reporting each success and failure. */
export async function deliverAlert(pipeline: Pipeline, alert: Alert, invocation: Invocation, decision: GateResult = "send", destinations: readonly Destination[] = destinationsFor(pipeline, alert)): Promise<AlertOutcome> {
  const notes = emptyNotes();
  const session = invocation.noise;
  const targets = destinations.map((d) => (session ? ledgered(session, d, notes) : d));
  const report = await deliverAll(targets, alert, { deadline: invocation.deadline });
  const delivered = report.delivered.filter((name) => !notes.skipped.includes(name) && !notes.inFlight.includes(name));
  const degraded = decision === "unavailable" ? delivered : delivered.filter((name) => notes.unledgered.includes(name));
  const log = { policy: alert.policy, eventID: alert.eventId, ...(alert.also === undefined ? {} : { alsoFired: alert.also.map((a) => a.policy) }) };
  for (const name of delivered) pipeline.logger.info("alert delivered", { ...log, severity: alert.severity, destination: name, ...(degraded.includes(name) ? { degraded: session?.unavailable } : {}) });
  for (const name of notes.skipped) pipeline.logger.info("already delivered by an earlier attempt", { ...log, destination: name });
  for (const name of notes.inFlight) pipeline.logger.info("another invocation is delivering this alert now; it owns the delivery and its retries", { ...log, destination: name });
  for (const failure of report.failures) {
    pipeline.logger.error("alert delivery failed", { ...log, destination: failure.destination, reason: failure.reason, hint: failure.hint });
  }
  return { alert, decision, delivered, skipped: notes.skipped, inFlight: notes.inFlight, degraded, failures: report.failures };
}

/** Delivers to every configured destination, whatever the routes say (silence announcements). */
export async function deliverEverywhere(pipeline: Pipeline, alert: Alert, invocation: Invocation): Promise<AlertOutcome> {
  const all = [...pipeline.destinations.values()];
  return deliverAlert(pipeline, alert, invocation, "send", all.length > 0 ? all : [pipeline.fallback]);
}

const undelivered = (alert: Alert, decision: GateResult | "silenced", inFlight: readonly string[] = []): AlertOutcome =>
  ({ alert, decision, delivered: [], skipped: [], inFlight, degraded: [], failures: [] });

/** Noise control decides per policy, before grouping: the alert to send (with a notice when unguarded), or its outcome. */
async function gate(pipeline: Pipeline, alert: Alert, invocation: Invocation): Promise<{ send: Alert; decision: GateResult } | AlertOutcome> {
  const policy = pipeline.policySet.policy(alert.policy);
  const log = { policy: alert.policy, eventID: alert.eventId };
  const silence = await pipeline.silences?.hold(alert, policy?.tags ?? []);
  if (silence !== undefined) {
    pipeline.logger.info("alert held by a silence (counted for its end summary)", { ...log, silence: silence.id });
    return undelivered(alert, "silenced");
  }
  const decision = invocation.noise && policy ? await decide(invocation.noise, policy, alert) : "send";
  if (decision === "unavailable") return { send: { ...alert, notice: NOISE_CONTROL_UNAVAILABLE }, decision };
  if (decision === "send") return { send: alert, decision };
  if (decision === "busy") {
    // A duplicate delivery of the event (EventBridge and Lambda are at-least-once): the
    // invocation holding the claim sends it, and is retried by Lambda if it fails.
    pipeline.logger.info("another invocation is handling this event now; standing down", log);
    return undelivered(alert, decision, ["*"]);
  }
  pipeline.logger.info(decision === "dedupe" ? "alert deduplicated" : "alert throttled (counted for the summary)", log);
  // Slack counts it on the burst's thread ("+37 more"); never fails the alert.
  await Promise.all(destinationsFor(pipeline, alert).map((d) => d.held?.(alert, { deadline: invocation.deadline })));
  return undelivered(alert, decision);
}

/**
 * Evaluates one CloudTrail record. Noise control decides per policy; then each destination
 * gets one message for the record (most severe policy leads, every policy that fired is
 * listed). Each alert's outcome names the destinations its message reached; a failure is
 * reported once, on the alert that led the message.
 */
export async function processRecord(pipeline: Pipeline, record: CloudTrailRecord, invocation: Invocation = startInvocation(pipeline, Deadline.in(CLI_BUDGET_MS))): Promise<AlertOutcome[]> {
  const alerts = pipeline.policySet.evaluate(record);
  if (alerts.length === 0) pipeline.logger.info("no policy matched", { eventID: record.eventID, eventName: record.eventName });
  const gated = await Promise.all(alerts.map((alert) => gate(pipeline, alert, invocation)));
  const sending = gated.flatMap((g) => ("send" in g ? [g] : []));
  const messages = messagesFor(sending.map((g) => g.send), (alert) => destinationsFor(pipeline, alert));
  const sent = await Promise.all(messages.map(async (m) => {
    const decision = m.alerts.some((a) => a.notice === NOISE_CONTROL_UNAVAILABLE) ? "unavailable" : "send";
    return { alerts: m.alerts, outcome: await deliverAlert(pipeline, m.message, invocation, decision, m.destinations) };
  }));
  return gated.map((g, i) => {
    if (!("send" in g)) return g;
    const mine = sent.filter((s) => s.alerts.includes(g.send));
    const led = mine.filter((s) => s.outcome.alert.policy === g.send.policy);
    const all = (pick: (o: AlertOutcome) => readonly string[]) => [...new Set(mine.flatMap((s) => pick(s.outcome)))];
    return { alert: alerts[i] as Alert, decision: g.decision, delivered: all((o) => o.delivered), skipped: all((o) => o.skipped), inFlight: all((o) => o.inFlight), degraded: all((o) => o.degraded), failures: led.flatMap((s) => s.outcome.failures) };
  });
}

/** Thrown after every destination was tried, so EventBridge/Lambda retry the event. */
export class DeliveryFailedError extends Error {
  override readonly name = "DeliveryFailedError";
  constructor(readonly failures: readonly DeliveryError[]) {
    super(`${failures.length} delivery failure(s): ${failures.map((f) => `${f.destination} (${f.policy}, eventID ${f.eventId}): ${f.reason}`).join("; ")}`);
  }
}
