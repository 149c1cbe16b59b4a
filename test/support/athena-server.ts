import { randomUUID } from "node:crypto";
import { startHttpServer, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A small Amazon Athena speaking AWS JSON 1.1 as the SDK does (`POST /`,
 * `X-Amz-Target: AmazonAthena.<Op>`): StartQueryExecution, GetQueryExecution (walking a
 * scripted list of states), GetQueryResults (canned rows served in pages, the header row
 * first as Athena does), GetQueryRuntimeStatistics and StopQueryExecution.
 */

export type CannedRow = Readonly<Record<string, string | null | undefined>>;

export interface AthenaScript {
  /** States GetQueryExecution reports, one per call; the last repeats. */
  states: string[];
  stateChangeReason?: string;
  columns: readonly string[];
  rows: readonly CannedRow[];
  /** Rows per page at most (the client's MaxResults may ask for fewer). */
  pageSize: number;
  dataScannedInBytes: number;
  inputRows: number | undefined;
}

export interface AthenaServer {
  /** Put this in `AWS_ENDPOINT_URL_ATHENA` (or `AWS_ENDPOINT_URL`). */
  readonly url: string;
  readonly http: TestHttpServer;
  readonly script: AthenaScript;
  /** Operation names, in arrival order. */
  readonly calls: string[];
  /** Request bodies of StartQueryExecution. */
  readonly started: Record<string, unknown>[];
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
const CONTENT_TYPE = { "content-type": "application/x-amz-json-1.1" };
const reply = (body: unknown): Reply => ({ status: 200, headers: CONTENT_TYPE, body: JSON.stringify(body) });

export function athenaError(type: string, message: string, status = 400): Reply {
  return { status, headers: { ...CONTENT_TYPE, "x-amzn-requestid": randomUUID() }, body: JSON.stringify({ __type: type, Message: message }) };
}

function resultPage(script: AthenaScript, body: Body): Reply {
  const start = typeof body["NextToken"] === "string" ? Number(body["NextToken"]) : 0;
  const size = Math.min(script.pageSize, typeof body["MaxResults"] === "number" ? body["MaxResults"] : 1000);
  // Athena counts the header row in the first page's rows.
  const header = start === 0 ? [{ Data: script.columns.map((c) => ({ VarCharValue: c })) }] : [];
  const end = start + size - header.length;
  const rows = script.rows.slice(start, end).map((row) => ({ Data: script.columns.map((c) => (row[c] === null || row[c] === undefined ? {} : { VarCharValue: row[c] })) }));
  return reply({
    ResultSet: { Rows: [...header, ...rows], ResultSetMetadata: { ColumnInfo: script.columns.map((c) => ({ Name: c, Label: c, Type: "varchar" })) } },
    UpdateCount: 0,
    ...(end < script.rows.length ? { NextToken: String(end) } : {}),
  });
}

function handle(request: RecordedRequest, server: { script: AthenaScript; calls: string[]; started: Body[]; polls: number }): Reply {
  const target = String(request.headers["x-amz-target"] ?? "");
  if (!String(request.headers["content-type"] ?? "").startsWith("application/x-amz-json-1.1")) return athenaError("SerializationException", "Expected application/x-amz-json-1.1");
  const operation = target.replace(/^AmazonAthena\./, "");
  server.calls.push(operation);
  const body = JSON.parse(request.body || "{}") as Body;
  const { script } = server;
  switch (operation) {
    case "StartQueryExecution":
      server.started.push(body);
      return reply({ QueryExecutionId: "q-0001" });
    case "GetQueryExecution": {
      const state = script.states[Math.min(server.polls++, script.states.length - 1)] ?? "SUCCEEDED";
      return reply({
        QueryExecution: {
          QueryExecutionId: body["QueryExecutionId"],
          Status: { State: state, ...(script.stateChangeReason === undefined ? {} : { StateChangeReason: script.stateChangeReason }) },
          Statistics: { DataScannedInBytes: script.dataScannedInBytes, EngineExecutionTimeInMillis: 1200 },
        },
      });
    }
    case "GetQueryResults":
      return resultPage(script, body);
    case "GetQueryRuntimeStatistics":
      if (script.inputRows === undefined) return athenaError("InvalidRequestException", "runtime statistics are not available for this query");
      return reply({ QueryRuntimeStatistics: { Rows: { InputRows: script.inputRows, InputBytes: script.dataScannedInBytes, OutputRows: script.rows.length } } });
    case "StopQueryExecution":
      return reply({});
    default:
      return athenaError("UnknownOperationException", `Unsupported target ${target}`);
  }
}

export async function startAthenaServer(script: Partial<AthenaScript> & Pick<AthenaScript, "columns" | "rows">): Promise<AthenaServer> {
  const state = {
    script: { states: ["SUCCEEDED"], pageSize: 1000, dataScannedInBytes: 0, inputRows: undefined, ...script },
    calls: [] as string[],
    started: [] as Body[],
    polls: 0,
  };
  const http = await startHttpServer((request) => handle(request, state));
  return { url: http.url, http, script: state.script, calls: state.calls, started: state.started, close: () => http.close() };
}
