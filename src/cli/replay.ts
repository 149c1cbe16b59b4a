import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { selectPolicies } from "../replay/engine.js";
import { workersAvailable } from "../replay/pool.js";
import { Progress } from "../replay/progress.js";
import { replay as replayInputs } from "../replay/replay.js";
import { formatSummary } from "../replay/summary.js";
import { parseIsoTime, type TimeWindow } from "../replay/time-window.js";
import { surveyInputs } from "../replay/walk.js";
import { EXIT, parseFlags, RULES_OPTION, UsageError, writeLine, type Command } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";

function timeFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseIsoTime(text);
  if (ms === undefined) throw new UsageError(`--${name} "${text}" is not an ISO 8601 time (e.g. 2026-11-20 or 2026-11-20T10:15:00Z)`);
  return ms;
}

export function parseWindow(since: string | undefined, until: string | undefined): TimeWindow {
  const window = { since: timeFlag("since", since), until: timeFlag("until", until) };
  if (window.since !== undefined && window.until !== undefined && window.since >= window.until) {
    throw new UsageError(`--since ${since} is not before --until ${until}: no record could match`);
  }
  return window;
}

/** `--workers N`: exactly N worker threads (0: the main thread); by default replay chooses. */
function parseWorkers(text: string | undefined): number | "auto" {
  if (text === undefined) return "auto";
  if (!/^\d+$/.test(text)) throw new UsageError(`--workers "${text}" is not a whole number (0 replays in the main thread)`);
  const workers = Number(text);
  if (workers > 0 && !workersAvailable()) throw new UsageError("--workers needs the compiled CLI (npm run build); use --workers 0 here");
  return workers;
}

function progressFor(io: { stderr: NodeJS.WritableStream }, paths: string[], started: number): Progress | undefined {
  if ((io.stderr as { isTTY?: boolean }).isTTY !== true) return undefined;
  const progress = new Progress(io.stderr, started);
  surveyInputs(paths).then((total) => progress.setTotal(total), () => undefined);
  return progress;
}

export const replay: Command = {
  name: "replay",
  usage: "replay PATH... [--rules DIR] [--json] [--since TIME] [--until TIME] [--policy ID] [--workers N] [--allow-missing]",
  summary: "Replay CloudTrail logs (files, S3-layout directories, - for stdin) through the policies.",
  async run(args, io) {
    const started = performance.now();
    const options = { ...RULES_OPTION, json: { type: "boolean", default: false }, since: { type: "string" }, until: { type: "string" }, policy: { type: "string" }, workers: { type: "string" }, "allow-missing": { type: "boolean", default: false } } as const;
    const { values, positionals: paths } = parseFlags(args, options, true);
    if (paths.length === 0) throw new UsageError("name at least one PATH: a log file, a directory (e.g. AWSLogs/), or - for stdin");
    // A mistyped path must not pass for "no alerts"; with --allow-missing it is reported in its place and counted.
    const missing = paths.filter((p) => p !== "-" && !existsSync(p));
    if (missing.length > 0 && !values["allow-missing"]) {
      writeLine(io.stderr, `${missing.map((p) => `"${p}"`).join(", ")} ${missing.length === 1 ? "does" : "do"} not exist: nothing replayed (--allow-missing replays the rest)`);
      return EXIT.usage;
    }
    const window = parseWindow(values.since, values.until);
    const workers = parseWorkers(values.workers);
    // Replay evaluates policies and never runs their tests: `trailwatch test` checks those.
    const loaded = loadRulesOrReport(values.rules, io, undefined, { tests: false });
    if (loaded === undefined) return EXIT.usage;
    const policies = selectPolicies(loaded, values.policy);
    if (typeof policies === "string") throw new UsageError(`${policies} in ${values.rules}`);
    if (policies.length === 0) writeLine(io.stderr, `warning: no policies in ${values.rules}: records are read and counted, nothing can alert`);
    const settings = { json: values.json, window };
    const progress = progressFor(io, paths, started);
    const { tally, workers: used, stdoutClosed } = await replayInputs({ paths, policies, settings, workers, io, progress });
    progress?.clear();
    if (stdoutClosed) return EXIT.ok;
    const severities = new Map(policies.map((p) => [p.id, p.severity]));
    const summary = formatSummary(tally, { seconds: (performance.now() - started) / 1000, workers: used, severityOf: (id) => severities.get(id), windowed: window.since !== undefined || window.until !== undefined });
    writeLine(values.json ? io.stderr : io.stdout, summary);
    if (!tally.nothingRead) return EXIT.ok;
    writeLine(io.stderr, `nothing could be read from ${paths.join(" ")}${tally.inputs === 0 ? ": no log files (*.json, *.json.gz, *.jsonl) found" : ""}`);
    return EXIT.usage;
  },
};
