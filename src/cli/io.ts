import { parseArgs, type ParseArgsConfig } from "node:util";

/** Where a command reads and writes; tests pass their own streams. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

/** Exit codes everywhere: 0 ok, 1 findings or failures, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  run(args: string[], io: Io): Promise<ExitCode>;
}

export function writeLine(stream: NodeJS.WritableStream, text = ""): void {
  stream.write(`${text}\n`);
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict flag parsing: an unknown flag or a missing value is a usage error naming it. */
export function parseFlags<T extends Options>(args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (cause) {
    throw new UsageError((cause as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
}

export const RULES_OPTION = { rules: { type: "string", default: "rules" } } as const;
