import { emailBody } from "../alert/render/email.js";
import type { Alert } from "../alert/types.js";
import type { ConsoleStream } from "../policy/fields.js";
import { assertConfig } from "./config.js";
import { DeliveryError } from "./errors.js";
import type { Destination, OutputDeps, OutputType } from "./output.js";

// Keyed by the console-stream kind's values, so the check, the schema and this map agree.
const STREAMS: Readonly<Record<ConsoleStream, NodeJS.WritableStream>> = { stdout: process.stdout, stderr: process.stderr };
const RULE = "=".repeat(60);
/** No SNS size cap on a terminal, but a runaway record should not flood it either. */
const MAX_BYTES = 64 * 1024;

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

function create(name: string, config: Readonly<Record<string, unknown>>, deps: OutputDeps = {}): Destination {
  assertConfig(name, consoleOutput, config);
  const stream = deps.stream ?? STREAMS[(config["stream"] as ConsoleStream | undefined) ?? "stdout"] ?? process.stdout;
  return {
    name,
    type: "console",
    async deliver(alert: Alert): Promise<void> {
      try {
        // The e-mail body is already plain text with control characters removed, so
        // nothing in a record can move the cursor or recolour the terminal.
        await write(stream, `${RULE}\n${emailBody(alert, MAX_BYTES)}${RULE}\n`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const failure = { destination: name, destinationType: "console", policy: alert.policy, eventId: alert.eventId };
        throw new DeliveryError({ ...failure, reason, hint: "Check that the output stream is still open" }, { cause: error });
      }
    },
  };
}

/** Prints a readable block per alert: local runs, the CLI, and CloudWatch Logs in Lambda. */
export const consoleOutput: OutputType = {
  type: "console",
  description: "Print each alert as a readable text block to stdout or stderr",
  configKeys: [
    { key: "stream", kind: "console-stream", required: false, description: "stdout (default) or stderr" },
  ],
  create,
};
