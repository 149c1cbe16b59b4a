import { MetricUnit, type Metrics } from "@aws-lambda-powertools/metrics";
import type { FlushReport } from "../pipeline/summary-flush.js";
import type { AlertOutcome } from "../pipeline/process.js";

/**
 * Metric names (embedded metric format, one namespace per stage). Each is emitted in total,
 * with only the `service` dimension (what the deployed alarms watch), and per destination.
 */
export const METRIC = {
  delivered: "AlertsDelivered",
  failed: "AlertsFailed",
  /** Delivered without noise control or the delivery ledger: the state store failed. */
  degraded: "AlertsDegraded",
  summariesOwed: "SummariesOwed",
  summariesSent: "SummariesSent",
} as const;

type PerDestination = Map<string, Map<string, number>>;

function tally(outcomes: readonly AlertOutcome[]): PerDestination {
  const counts: PerDestination = new Map();
  const bump = (destination: string, metric: string) => {
    const row = counts.get(destination) ?? new Map<string, number>();
    row.set(metric, (row.get(metric) ?? 0) + 1);
    counts.set(destination, row);
  };
  for (const outcome of outcomes) {
    for (const name of outcome.delivered) bump(name, METRIC.delivered);
    for (const failure of outcome.failures) bump(failure.destination, METRIC.failed);
    for (const name of outcome.degraded) bump(name, METRIC.degraded);
  }
  return counts;
}

/** Adds one invocation's counts to `metrics` and publishes them (the caller's finally flushes nothing else). */
export function publishInvocationMetrics(metrics: Metrics, outcomes: readonly AlertOutcome[], flush: FlushReport | undefined): void {
  const counts = tally(outcomes);
  for (const metric of [METRIC.delivered, METRIC.failed, METRIC.degraded]) {
    const total = [...counts.values()].reduce((n, row) => n + (row.get(metric) ?? 0), 0);
    metrics.addMetric(metric, MetricUnit.Count, total);
  }
  if (flush !== undefined) {
    metrics.addMetric(METRIC.summariesOwed, MetricUnit.Count, flush.owed);
    metrics.addMetric(METRIC.summariesSent, MetricUnit.Count, flush.outcomes.filter((o) => o.failures.length === 0 && o.inFlight.length === 0).length);
  }
  metrics.publishStoredMetrics();
  for (const [destination, row] of counts) {
    for (const [metric, value] of row) {
      // A single metric per line: Powertools clears dimensions after each publish.
      const single = metrics.singleMetric();
      single.addDimension("destination", destination);
      single.addMetric(metric, MetricUnit.Count, value);
    }
  }
}
