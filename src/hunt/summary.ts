import { alertRows, bySeverity, count, size, type SummaryContext, type Tally } from "../replay/summary.js";
import type { HuntStats } from "./outcome.js";
import { narrows, type Prefilter } from "./prefilter.js";

export interface HuntSummaryContext {
  readonly stats: HuntStats;
  readonly prefilter: Prefilter;
  readonly seconds: number;
  readonly severityOf: SummaryContext["severityOf"];
  readonly windowed: boolean;
}

function scannedLine(tally: Tally, stats: HuntStats): string {
  const rows = stats.rowsScanned === undefined ? "not reported" : `${count(stats.rowsScanned)} records`;
  if (stats.engine !== "athena") return `  scanned    ${rows} in ${count(tally.inputs)} files (${size(tally.bytes)})`;
  const data = stats.bytesScanned === undefined ? "" : `, ${size(stats.bytesScanned)} of data`;
  return `  scanned    ${rows}${data} (query ${stats.queryId ?? "not started"})`;
}

/** Whether the query could narrow, in words: an unscoped policy makes every record a candidate. */
function narrowingLine(prefilter: Prefilter): string {
  if (prefilter.policies.length === 0) return "  narrowing  no policies: nothing can alert";
  if (narrows(prefilter)) return `  narrowing  ${prefilter.branches.length} condition(s) on eventSource/eventName/errorCode/awsRegion/userIdentity.type/requestParameters`;
  return `  narrowing  none: ${prefilter.unscoped.join(", ")} pin(s) no field the query can filter on, so every record is a candidate`;
}

/** replay's summary, headed by what the query engine did. */
export function formatHuntSummary(tally: Tally, context: HuntSummaryContext): string {
  const { stats } = context;
  const errors = tally.errorInputs === 0 ? "" : `, ${count(tally.errorInputs)} inputs with errors (${tally.errorNames.join(", ")}${tally.errorInputs > tally.errorNames.length ? ", ..." : ""})`;
  const lines = [
    `hunt summary (${stats.engine})${stats.cancelled ? ": CANCELLED, results are partial" : ""}`,
    scannedLine(tally, stats),
    `  returned   ${count(stats.rowsReturned)} candidate records${errors}`,
    narrowingLine(context.prefilter),
    `  judged     ${count(tally.unusable)} unusable${context.windowed ? `, ${count(tally.outside)} outside --since/--until` : ""} (${context.seconds.toFixed(2)} s)`,
    `  alerts     ${count(tally.alertCount)}${bySeverity(tally, context.severityOf)}`,
  ];
  if (tally.alerts.size > 0) lines.push(...alertRows(tally, context.severityOf));
  return lines.join("\n");
}
