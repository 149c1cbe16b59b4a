import type { PipelineLogger } from "../pipeline/process.js";
import { writeLine, type Io } from "./io.js";

/**
 * The pipeline's logger for CLI commands: one `level message  key=value ...` line per event
 * on stderr. `deliveries` also prints each successful delivery ("ok"); other info is quiet.
 */
export function cliLogger(io: Io, options: { deliveries: boolean }): PipelineLogger {
  const line = (level: string, message: string, extra: Record<string, unknown>[]) => {
    const fields = Object.assign({}, ...extra) as Record<string, unknown>;
    const text = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
    writeLine(io.stderr, `${level} ${message}${text ? `  ${text}` : ""}`);
  };
  return {
    info: (message, ...extra) => void (options.deliveries && message === "alert delivered" && line("ok   ", message, extra)),
    warn: (message, ...extra) => line("warn ", message, extra),
    error: (message, ...extra) => line("FAIL ", message, extra),
  };
}
