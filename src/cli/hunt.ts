import { performance } from "node:perf_hooks";
import { huntWithAthena, type AthenaTarget } from "../hunt/athena.js";
import { huntWithDuckdb } from "../hunt/duckdb.js";
import type { HuntOutcome, HuntRequest } from "../hunt/outcome.js";
import { formatHuntSummary } from "../hunt/summary.js";
import { didYouMean } from "../text/did-you-mean.js";
import { buildRegistry } from "../registry.js";
import { EXIT, parseFlags, UsageError, writeLine, type Command } from "./io.js";
import { SELECTION_OPTIONS, selectHuntPolicies } from "./hunt-options.js";
import { DEFAULT_TABLE } from "./sql.js";

const OPTIONS = {
  ...SELECTION_OPTIONS,
  json: { type: "boolean", default: false },
  engine: { type: "string", default: "duckdb" },
  database: { type: "string" },
  table: { type: "string" },
  workgroup: { type: "string" },
  output: { type: "string" },
  region: { type: "string" },
} as const;

type Values = ReturnType<typeof parseFlags<typeof OPTIONS>>["values"];
const ATHENA_FLAGS = ["database", "table", "workgroup", "output", "region"] as const;

interface HuntEngine {
  readonly name: string;
  /** Throws UsageError for flags or PATHs this engine cannot use. */
  check(values: Values, paths: readonly string[]): void;
  run(request: HuntRequest, values: Values): Promise<HuntOutcome>;
}

const engines: ReadonlyMap<string, HuntEngine> = buildRegistry("engine", [
  {
    name: "duckdb",
    check(values, paths) {
      const athenaOnly = ATHENA_FLAGS.filter((f) => values[f] !== undefined);
      if (athenaOnly.length > 0) throw new UsageError(`--${athenaOnly.join(", --")} ${athenaOnly.length === 1 ? "is" : "are"} for --engine athena`);
      if (paths.length === 0) throw new UsageError("name at least one PATH: a log file or a directory (e.g. AWSLogs/)");
    },
    run: (request) => huntWithDuckdb(request),
  },
  {
    name: "athena",
    check(values, paths) {
      if (paths.length > 0) throw new UsageError(`--engine athena reads the table named by --database/--table, not PATHs (${paths.join(" ")})`);
      if (values.output !== undefined && !/^s3:\/\/[^/]+/.test(values.output)) throw new UsageError(`--output "${values.output}" is not an s3:// location`);
    },
    run(request, values) {
      const target: AthenaTarget = { database: values.database ?? "default", table: values.table ?? DEFAULT_TABLE, workgroup: values.workgroup, output: values.output, region: values.region };
      return huntWithAthena(request, target);
    },
  },
] satisfies HuntEngine[], (e) => e.name);

/** Ctrl-C aborts the hunt (Athena: StopQueryExecution) instead of killing the process mid-query. */
async function withInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once("SIGINT", abort);
  try {
    return await run(controller.signal);
  } finally {
    process.off("SIGINT", abort);
  }
}

export const hunt: Command = {
  name: "hunt",
  usage: "hunt PATH... [--engine duckdb|athena] [--since TIME] [--until TIME] [--policy ID]... [--json] [--rules DIR] [athena: --database DB --table T --workgroup W --output URI --region R]",
  summary: "Replay's answer over years of logs: a SQL prefilter (DuckDB locally, Athena on S3) feeds the exact engine.",
  async run(args, io) {
    const started = performance.now();
    const { values, positionals: paths } = parseFlags(args, OPTIONS, true);
    const engine = engines.get(values.engine);
    if (engine === undefined) throw new UsageError(`--engine "${values.engine}" is not one of ${[...engines.keys()].join(", ")}${didYouMean(values.engine, engines.keys())}`);
    engine.check(values, paths);
    const selection = selectHuntPolicies(values, io);
    if (selection === undefined) return EXIT.usage;
    const { policies, window, prefilter } = selection;
    if (policies.length === 0) writeLine(io.stderr, `warning: no policies in ${values.rules}: nothing can alert`);
    let outcome: HuntOutcome;
    try {
      outcome = await withInterrupt((signal) => engine.run({ paths, policies, prefilter, settings: { json: values.json, window }, io, signal }, values));
    } catch (cause) {
      writeLine(io.stderr, `trailwatch hunt: ${(cause as Error).name === "Error" ? "" : `${(cause as Error).name}: `}${(cause as Error).message}`);
      return EXIT.findings;
    }
    if (outcome.stdoutClosed) return EXIT.ok;
    const severities = new Map(policies.map((p) => [p.id, p.severity]));
    const summary = formatHuntSummary(outcome.tally, { stats: outcome.stats, prefilter, seconds: (performance.now() - started) / 1000, severityOf: (id) => severities.get(id), windowed: window.since !== undefined || window.until !== undefined });
    writeLine(values.json ? io.stderr : io.stdout, summary);
    if (outcome.stats.cancelled) return EXIT.findings;
    if (!outcome.tally.nothingRead || values.engine !== "duckdb") return EXIT.ok;
    writeLine(io.stderr, `nothing could be read from ${paths.join(" ")}${outcome.tally.inputs === 0 ? ": no log files (*.json, *.json.gz, *.jsonl) found" : ""}`);
    return EXIT.usage;
  },
};
