import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetQueryRuntimeStatisticsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
  type ResultSet,
} from "@aws-sdk/client-athena";
import { createEngine } from "../replay/engine.js";
import { Printer } from "../replay/printer.js";
import { ATHENA_PATH_COLUMN, athenaQuery } from "./athena-sql.js";
import { recordFromRow } from "./athena-record.js";
import { HuntInput } from "./candidates.js";
import type { HuntOutcome, HuntRequest, HuntStats } from "./outcome.js";

/** Where the query runs: `hunt --engine athena`'s flags. */
export interface AthenaTarget {
  readonly database: string;
  readonly table: string;
  readonly workgroup: string | undefined;
  /** `s3://...` for results; optional when the workgroup sets one. */
  readonly output: string | undefined;
  readonly region: string | undefined;
}

/** Time, injected so tests never sleep. */
export interface AthenaClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: AthenaClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    }),
};

/** Polling starts quick (most hunt queries finish in seconds) and backs off to this. */
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 5_000;
/** A query still running after this is stopped: nothing waits on Athena forever. */
export const QUERY_DEADLINE_MS = 60 * 60 * 1000;
/** Each HTTP call to Athena gives up after this. */
const REQUEST_TIMEOUT_MS = 30_000;
const PAGE_ROWS = 1000;

export class AthenaQueryError extends Error {
  override readonly name = "AthenaQueryError";
}

export function athenaClient(region: string | undefined): AthenaClient {
  return new AthenaClient({ region, requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 5_000 } });
}

/** Polls until the query ends; undefined when Ctrl-C came first (the query is stopped). */
async function waitFor(client: AthenaClient, id: string, clock: AthenaClock, signal: AbortSignal): Promise<QueryExecution | undefined> {
  const started = clock.now();
  for (let delay = FIRST_POLL_MS; ; delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5))) {
    if (!signal.aborted) {
      const { QueryExecution: execution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = execution?.Status?.State;
      if (state === "SUCCEEDED") return execution;
      if (state === "FAILED" || state === "CANCELLED") {
        throw new AthenaQueryError(`Athena query ${id} ${state.toLowerCase()}: ${execution?.Status?.StateChangeReason ?? "no reason given"}`);
      }
    }
    if (!signal.aborted && clock.now() - started > QUERY_DEADLINE_MS) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      throw new AthenaQueryError(`Athena query ${id} still running after ${QUERY_DEADLINE_MS / 60_000} minutes: stopped it; narrow --since/--until or --policy`);
    }
    if (signal.aborted) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
      return undefined;
    }
    await clock.sleep(delay, signal);
  }
}

/** Rows of one result page as column -> text maps; Athena's first row of the first page is the header. */
function pageRows(set: ResultSet | undefined, first: boolean): Map<string, string | undefined>[] {
  const names = (set?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? "");
  const rows = set?.Rows ?? [];
  return rows.slice(first ? 1 : 0).map((row) => new Map(names.map((name, i) => [name, row.Data?.[i]?.VarCharValue])));
}

async function rowsScanned(client: AthenaClient, id: string): Promise<number | undefined> {
  try {
    const out = await client.send(new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: id }));
    return out.QueryRuntimeStatistics?.Rows?.InputRows;
  } catch {
    return undefined; // older engines and some workgroups do not report it; the summary says "not reported"
  }
}

/** `hunt --engine athena`: the prefilter runs on Athena, each candidate row is judged here. */
export async function huntWithAthena(request: HuntRequest, target: AthenaTarget, clock: AthenaClock = realClock): Promise<HuntOutcome> {
  const engine = createEngine(request.policies, request.settings);
  const printer = new Printer(request.io, undefined);
  const client = athenaClient(target.region);
  const stats: HuntStats = { engine: "athena", rowsScanned: undefined, rowsReturned: 0, cancelled: false };
  try {
    const started = await client.send(new StartQueryExecutionCommand({
      QueryString: athenaQuery(request.prefilter, target.table, request.settings.window),
      QueryExecutionContext: { Database: target.database },
      WorkGroup: target.workgroup,
      ResultConfiguration: target.output === undefined ? undefined : { OutputLocation: target.output },
    }));
    const id = started.QueryExecutionId;
    if (id === undefined) throw new AthenaQueryError("Athena started no query (no QueryExecutionId in its answer)");
    stats.queryId = id;
    const execution = await waitFor(client, id, clock, request.signal);
    stats.bytesScanned = execution?.Statistics?.DataScannedInBytes;
    if (execution === undefined) {
      stats.cancelled = true;
      return { tally: printer.tally, stats, stdoutClosed: printer.stopped };
    }
    stats.rowsScanned = await rowsScanned(client, id);
    let token: string | undefined;
    let first = true;
    do {
      const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: PAGE_ROWS }));
      const input = new HuntInput(`athena:${id}`, 0, engine);
      for (const row of pageRows(page.ResultSet, first)) input.judge(recordFromRow(row), String(row.get("eventid") ?? "?"), row.get(ATHENA_PATH_COLUMN) ?? input.origin);
      stats.rowsReturned += input.returned;
      await printer.print(input.finished());
      token = page.NextToken;
      first = false;
    } while (token !== undefined && !printer.stopped && !request.signal.aborted);
    stats.cancelled = request.signal.aborted;
    return { tally: printer.tally, stats, stdoutClosed: printer.stopped };
  } finally {
    client.destroy();
    printer.rethrow();
  }
}
