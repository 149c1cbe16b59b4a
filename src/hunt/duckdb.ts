import { DuckDBInstance, listValue, type DuckDBConnection } from "@duckdb/node-api";
import { createEngine, type Engine } from "../replay/engine.js";
import { Printer } from "../replay/printer.js";
import { walkInputs, type Input } from "../replay/walk.js";
import { HuntInput } from "./candidates.js";
import { duckdbQuery } from "./duckdb-sql.js";
import type { HuntOutcome, HuntRequest, HuntStats } from "./outcome.js";

/**
 * Files per query. Each query holds its files' JSON in memory at once (the CTE is
 * materialised so records can be counted as well as filtered): a bound on memory, large
 * enough that per-query overhead (~2 ms) stays small beside reading.
 */
const BATCH_FILES = 64;
const BATCH_BYTES = 64 * 1024 * 1024;

type FileInput = Extract<Input, { kind: "file" }>;

/** Consecutive files, a batch at most; a path seen twice starts a new batch (DuckDB names files by path). */
async function* batches(inputs: AsyncIterable<Input>): AsyncGenerator<FileInput[] | Input> {
  let batch: FileInput[] = [];
  let bytes = 0;
  for await (const input of inputs) {
    if (input.kind !== "file") {
      if (batch.length > 0) yield batch;
      batch = [];
      bytes = 0;
      yield input;
      continue;
    }
    if (batch.length >= BATCH_FILES || bytes + input.size > BATCH_BYTES || batch.some((f) => f.path === input.path)) {
      if (batch.length > 0) yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(input);
    bytes += input.size;
  }
  if (batch.length > 0) yield batch;
}

const num = (value: unknown): number => Number(value);

interface Candidate {
  readonly value_no: bigint;
  readonly item_no: bigint;
  readonly listed: boolean;
  readonly record: string;
}

/**
 * Runs one batch; inputs are complete (printable) only after the query has returned every row.
 * A record's number is replay's: its place in `Records` (or an array), else its value's place
 * in the file (the line, for JSON lines).
 */
async function queryBatch(connection: DuckDBConnection, sql: string, files: readonly FileInput[], engine: Engine): Promise<HuntInput[]> {
  // The query counts unusable records itself, candidates or not.
  const inputs = files.map((f) => new HuntInput(f.origin, f.size, engine, false));
  const result = await connection.stream(sql, { files: listValue(files.map((f) => f.path)) });
  for await (const rows of result.yieldRowsJs()) {
    for (const [fileNo, firstValue, usable, unusable, candidates] of rows) {
      const input = inputs[num(fileNo) - 1];
      if (input === undefined) continue;
      input.result.records += num(usable);
      input.uncounted(num(unusable));
      for (const c of (candidates ?? []) as unknown as Candidate[]) {
        const recordNo = c.listed ? num(c.item_no) : num(c.value_no) - num(firstValue) + 1;
        let value: unknown;
        try {
          value = JSON.parse(c.record);
        } catch (cause) {
          input.unreadable(recordNo, (cause as Error).message);
          continue;
        }
        input.judge(value, recordNo);
      }
    }
  }
  return inputs;
}

/** DuckDB's message without its class prefix and the query text it sometimes appends. */
function describeDuckdbError(cause: unknown): string {
  return String((cause as Error).message ?? cause).split("\n")[0]?.replace(/^[A-Za-z ]+ Error: /, "") ?? "unknown DuckDB error";
}

/**
 * A batch that fails (a corrupt gzip, a file that is not JSON) is run again file by file, so
 * one bad file costs that file alone and is reported as replay reports it.
 */
async function runBatch(connection: DuckDBConnection, sql: string, files: readonly FileInput[], engine: Engine, signal: AbortSignal): Promise<HuntInput[]> {
  try {
    return await queryBatch(connection, sql, files, engine);
  } catch (cause) {
    if (signal.aborted) return [];
    if (files.length === 1) {
      const input = new HuntInput((files[0] as FileInput).origin, (files[0] as FileInput).size, engine);
      input.fail(describeDuckdbError(cause));
      return [input];
    }
    const each: HuntInput[] = [];
    for (const file of files) each.push(...(await runBatch(connection, sql, [file], engine, signal)));
    return each;
  }
}

/** `hunt --engine duckdb`: local files and S3-layout directories, in replay's order. */
export async function huntWithDuckdb(request: HuntRequest): Promise<HuntOutcome> {
  const engine = createEngine(request.policies, request.settings);
  const printer = new Printer(request.io, undefined);
  const stats: HuntStats = { engine: "duckdb", rowsScanned: 0, rowsReturned: 0, cancelled: false };
  const sql = duckdbQuery(request.prefilter, request.settings.window);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const interrupt = (): void => connection.interrupt();
  request.signal.addEventListener("abort", interrupt);
  try {
    for await (const next of batches(walkInputs(request.paths))) {
      if (printer.stopped || request.signal.aborted) break;
      if (!Array.isArray(next)) {
        const input = new HuntInput(next.origin, 0, engine);
        input.fail(next.kind === "unreadable" ? next.message : "hunt reads files and directories, not stdin: use replay for -");
        await printer.print(input.finished());
        continue;
      }
      const inputs = await runBatch(connection, sql, next, engine, request.signal);
      if (request.signal.aborted) break;
      for (const input of inputs) {
        stats.rowsScanned = (stats.rowsScanned ?? 0) + input.result.records + input.result.unusable;
        stats.rowsReturned += input.returned;
        await printer.print(input.finished());
      }
    }
  } finally {
    request.signal.removeEventListener("abort", interrupt);
    connection.closeSync();
    instance.closeSync();
    printer.rethrow();
  }
  stats.cancelled = request.signal.aborted;
  return { tally: printer.tally, stats, stdoutClosed: printer.stopped };
}
