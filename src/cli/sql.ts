import { athenaQuery } from "../hunt/athena-sql.js";
import { duckdbQuery } from "../hunt/duckdb-sql.js";
import type { Prefilter } from "../hunt/prefilter.js";
import { buildRegistry } from "../registry.js";
import type { TimeWindow } from "../replay/time-window.js";
import { didYouMean } from "../text/did-you-mean.js";
import { EXIT, parseFlags, UsageError, writeLine, type Command } from "./io.js";
import { SELECTION_OPTIONS, selectHuntPolicies } from "./hunt-options.js";

/** The default table name, shared with `athena-table --name` and `hunt --table`. */
export const DEFAULT_TABLE = "cloudtrail_logs";

interface Dialect {
  readonly name: string;
  query(prefilter: Prefilter, window: TimeWindow, table: string | undefined): string;
}

const dialects: ReadonlyMap<string, Dialect> = buildRegistry("dialect", [
  { name: "duckdb", query: (prefilter, window, table) => {
    if (table !== undefined) throw new UsageError("--table names an Athena table; the DuckDB query reads the files bound to $files");
    return duckdbQuery(prefilter, window);
  } },
  { name: "athena", query: (prefilter, window, table) => athenaQuery(prefilter, table ?? DEFAULT_TABLE, window) },
] satisfies Dialect[], (d) => d.name);

export const sql: Command = {
  name: "sql",
  usage: "sql [--dialect duckdb|athena] [--table NAME] [--since TIME] [--until TIME] [--policy ID]... [--rules DIR]",
  summary: "Print the prefilter query hunt runs (DuckDB by default; Athena/Trino on the CloudTrail table).",
  async run(args, io) {
    const options = { ...SELECTION_OPTIONS, dialect: { type: "string", default: "duckdb" }, table: { type: "string" } } as const;
    const { values } = parseFlags(args, options);
    const dialect = dialects.get(values.dialect);
    if (dialect === undefined) throw new UsageError(`--dialect "${values.dialect}" is not one of ${[...dialects.keys()].join(", ")}${didYouMean(values.dialect, dialects.keys())}`);
    const selection = selectHuntPolicies(values, io);
    if (selection === undefined) return EXIT.usage;
    let text: string;
    try {
      text = dialect.query(selection.prefilter, selection.window, values.table);
    } catch (cause) {
      if (cause instanceof UsageError) throw cause;
      throw new UsageError((cause as Error).message);
    }
    writeLine(io.stdout, `${text};`);
    return EXIT.ok;
  },
};
