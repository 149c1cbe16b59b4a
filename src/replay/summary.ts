import { SEVERITIES, type Severity } from "../record/severity.js";
import type { FileResult } from "./file.js";

/** Files named in the summary when they had problems; the rest are counted. */
const NAMED_ERROR_FILES = 10;

/** Totals over every input replayed so far: counters and a few names, never records. */
export class Tally {
  inputs = 0;
  bytes = 0;
  records = 0;
  unusable = 0;
  outside = 0;
  /** Inputs with any problem; `failedInputs` of them could not be read at all. */
  errorInputs = 0;
  failedInputs = 0;
  readonly errorNames: string[] = [];
  readonly alerts = new Map<string, number>();

  add(result: FileResult): void {
    this.inputs++;
    this.bytes += result.bytes;
    this.records += result.records;
    this.unusable += result.unusable;
    this.outside += result.outside;
    if (result.failed) this.failedInputs++;
    if (result.problems > 0) {
      this.errorInputs++;
      if (this.errorNames.length < NAMED_ERROR_FILES) this.errorNames.push(result.origin);
    }
    for (const [policy, count] of result.alerts) this.alerts.set(policy, (this.alerts.get(policy) ?? 0) + count);
  }

  get alertCount(): number {
    let total = 0;
    for (const count of this.alerts.values()) total += count;
    return total;
  }

  /** Nothing could be read: no input, or not one record from inputs that had problems. */
  get nothingRead(): boolean {
    return this.inputs === 0 || (this.records === 0 && this.errorInputs > 0);
  }
}

export interface SummaryContext {
  readonly seconds: number;
  /** 0 when replay ran in the main thread. */
  readonly workers: number;
  readonly severityOf: (policy: string) => Severity | undefined;
  readonly windowed: boolean;
}

export const count = (n: number): string => n.toLocaleString("en-US");

export function size(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

export function alertRows(tally: Tally, severityOf: SummaryContext["severityOf"]): string[] {
  const rows = [...tally.alerts].map(([policy, n]) => ({ policy, n, severity: severityOf(policy) ?? "unknown" }));
  const rank = (s: string): number => -SEVERITIES.indexOf(s as Severity);
  rows.sort((a, b) => rank(a.severity) - rank(b.severity) || b.n - a.n || (a.policy < b.policy ? -1 : 1));
  const width = Math.max(6, ...rows.map((r) => r.policy.length));
  return [`    ${"policy".padEnd(width)}  severity  ${"alerts".padStart(9)}`, ...rows.map((r) => `    ${r.policy.padEnd(width)}  ${r.severity.padEnd(8)}  ${count(r.n).padStart(9)}`)];
}

export function bySeverity(tally: Tally, severityOf: SummaryContext["severityOf"]): string {
  const totals = new Map<string, number>();
  for (const [policy, n] of tally.alerts) {
    const severity = severityOf(policy) ?? "unknown";
    totals.set(severity, (totals.get(severity) ?? 0) + n);
  }
  const parts = [...SEVERITIES].reverse().filter((s) => totals.has(s)).map((s) => `${s} ${count(totals.get(s) ?? 0)}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/** The table replay ends with: what was read, how fast, and what alerted. */
export function formatSummary(tally: Tally, context: SummaryContext): string {
  const rate = context.seconds > 0 ? Math.round(tally.records / context.seconds) : 0;
  const where = context.workers === 0 ? "in one thread" : `${context.workers} worker threads`;
  const errors = tally.errorInputs === 0 ? "" : `, ${count(tally.errorInputs)} with errors (${tally.errorNames.join(", ")}${tally.errorInputs > tally.errorNames.length ? ", ..." : ""})`;
  const lines = [
    "replay summary",
    `  files      ${count(tally.inputs)} read, ${size(tally.bytes)}${errors}`,
    `  records    ${count(tally.records)} read, ${count(tally.unusable)} unusable${context.windowed ? `, ${count(tally.outside)} outside --since/--until` : ""}`,
    `  speed      ${count(rate)} records/s (${context.seconds.toFixed(2)} s, ${where})`,
    `  alerts     ${count(tally.alertCount)}${bySeverity(tally, context.severityOf)}`,
  ];
  if (tally.alerts.size > 0) lines.push(...alertRows(tally, context.severityOf));
  return lines.join("\n");
}
