import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../text/did-you-mean.js";

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

/** `Unknown option '--rule'` -> `unknown option --rule (did you mean --rules?)`. */
function unknownFlagMessage(message: string, options: Options): string | undefined {
  const flag = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (flag === undefined) return undefined;
  const names = Object.keys(options);
  const hint = closest(flag.replace(/^-+/, "").split("=")[0] ?? "", names);
  return `unknown option ${flag}${hint === undefined ? "" : ` (did you mean --${hint}?)`}`;
}

/** Strict flag parsing: an unknown flag (with did-you-mean) or a missing value is a usage error naming it. */
export function parseFlags<T extends Options>(args: string[], options: T, positionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (cause) {
    const message = (cause as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, "");
    throw new UsageError(unknownFlagMessage(message, options) ?? message);
  }
}

export const RULES_OPTION = { rules: { type: "string", default: "rules" } } as const;
