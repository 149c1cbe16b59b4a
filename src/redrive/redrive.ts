import type { AlertOutcome, Pipeline } from "../pipeline/process.js";
import { processRecord } from "../pipeline/process.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { routeAlert } from "../routing/router.js";
import { parseDlqMessage, type DlqMessage, type ParsedMessage } from "./message.js";
import { QueueError } from "./queue-error.js";

/** The queue operations a redrive needs (DeadLetterQueue provides them over SQS). */
export interface MessageQueue {
  receive(max: number): Promise<DlqMessage[]>;
  /** Why the message could not be deleted, or undefined once it is. */
  delete(message: DlqMessage): Promise<string | undefined>;
  /** Problems making messages visible again, one per message or batch. */
  release(messages: readonly DlqMessage[]): Promise<string[]>;
}

/** An alert a dry run would deliver, and where routing sends it. */
export interface PlannedAlert {
  readonly policy: string;
  readonly destinations: readonly string[];
}

export type Disposition = "deleted" | "kept" | "would-delete" | "would-keep";

export interface MessageResult {
  readonly message: DlqMessage;
  readonly parsed: ParsedMessage;
  readonly disposition: Disposition;
  /** What delivery did (real runs). */
  readonly outcomes: readonly AlertOutcome[];
  /** What delivery would do (dry runs). */
  readonly plan: readonly PlannedAlert[];
  /** Why the message stays in the queue (or could not be deleted); undefined when it went. */
  readonly problem: string | undefined;
}

export interface RedriveRun {
  readonly queue: MessageQueue;
  readonly pipeline: Pipeline;
  readonly dryRun: boolean;
  /** At most this many messages; every message until the queue is empty when undefined. */
  readonly max: number | undefined;
  /** Called as each message is settled, so output streams while the run goes on. */
  readonly onResult: (result: MessageResult) => void;
}

export interface RedriveReport {
  readonly results: readonly MessageResult[];
  /** The queue stopped answering part-way; the results so far still stand. */
  readonly queueError: QueueError | undefined;
  readonly releaseProblems: readonly string[];
}

/** Routing alone, as deliverAlert would do it, without noise control or delivery. */
function planFor(pipeline: Pipeline, record: CloudTrailRecord): PlannedAlert[] {
  return pipeline.policySet.evaluate(record).map((alert) => {
    const tags = pipeline.policySet.policy(alert.policy)?.tags ?? [];
    const routed = routeAlert(pipeline.routing, alert, tags).filter((name) => pipeline.destinations.has(name));
    return { policy: alert.policy, destinations: routed.length > 0 ? routed : [pipeline.fallback.name] };
  });
}

async function deliver(run: RedriveRun, message: DlqMessage, parsed: ParsedMessage & { ok: true }): Promise<MessageResult> {
  const result = { message, parsed, plan: [] };
  let outcomes: AlertOutcome[];
  try {
    outcomes = await processRecord(run.pipeline, parsed.record);
  } catch (error) {
    // e.g. the state table is unreachable, or another invocation holds the decision
    const err = error instanceof Error ? error : new Error(String(error));
    return { ...result, disposition: "kept", outcomes: [], problem: `${err.name}: ${err.message}` };
  }
  const failures = outcomes.reduce((n, o) => n + o.failures.length, 0);
  if (failures > 0) return { ...result, disposition: "kept", outcomes, problem: `${failures} delivery failure(s)` };
  const undeleted = await run.queue.delete(message);
  if (undeleted !== undefined) return { ...result, disposition: "kept", outcomes, problem: `delivered, but the message could not be deleted: ${undeleted}` };
  return { ...result, disposition: "deleted", outcomes, problem: undefined };
}

/** Redrives one message: delete it only when every delivery succeeded or none was needed. */
async function settle(run: RedriveRun, message: DlqMessage): Promise<MessageResult> {
  const parsed = parseDlqMessage(message);
  if (!parsed.ok) return { message, parsed, disposition: run.dryRun ? "would-keep" : "kept", outcomes: [], plan: [], problem: parsed.problem };
  if (run.dryRun) return { message, parsed, disposition: "would-delete", outcomes: [], plan: planFor(run.pipeline, parsed.record), problem: undefined };
  return deliver(run, message, parsed);
}

/**
 * Receives and redrives messages until the queue is empty (or `max` is reached). Messages that
 * stay are made visible again at the end, not earlier: a message released mid-run would be
 * received again by this same run.
 */
export async function redrive(run: RedriveRun): Promise<RedriveReport> {
  const results: MessageResult[] = [];
  const seen = new Set<string>();
  const held = new Map<string, DlqMessage>();
  let queueError: QueueError | undefined;
  try {
    while (run.max === undefined || results.length < run.max) {
      const batch = await run.queue.receive(run.max === undefined ? 10 : run.max - results.length);
      // A message seen earlier in this run is back (its visibility ran out): do not redrive it twice.
      const fresh = batch.filter((m) => !seen.has(m.id));
      for (const m of batch) if (held.has(m.id)) held.set(m.id, m);
      if (fresh.length === 0) break;
      for (const message of fresh) {
        seen.add(message.id);
        const result = await settle(run, message);
        results.push(result);
        if (result.disposition !== "deleted") held.set(message.id, message);
        run.onResult(result);
      }
    }
  } catch (error) {
    if (!(error instanceof QueueError)) {
      await run.queue.release([...held.values()]);
      throw error;
    }
    queueError = error;
  }
  const releaseProblems = held.size > 0 ? await run.queue.release([...held.values()]) : [];
  return { results, queueError, releaseProblems };
}
