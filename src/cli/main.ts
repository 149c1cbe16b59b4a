import { buildRegistry } from "../registry.js";
import { quietSdkNodeNotice } from "../env.js";
import { didYouMean } from "../text/did-you-mean.js";
import { evaluate } from "./eval.js";
import { explain } from "./explain.js";
import { athenaTable } from "./athena-table.js";
import { fireDrill } from "./fire-drill.js";
import { commandHelp, version } from "./help.js";
import { hunt } from "./hunt.js";
import { EXIT, UsageError, writeLine, type Command, type ExitCode, type Io } from "./io.js";
import { patterns } from "./patterns.js";
import { redrive } from "./redrive.js";
import { render } from "./render.js";
import { replay } from "./replay.js";
import { schema } from "./schema.js";
import { send } from "./send.js";
import { silence } from "./silence.js";
import { sql } from "./sql.js";
import { list } from "./list.js";
import { test } from "./test.js";
import { testPattern } from "./test-pattern.js";
import { validate } from "./validate.js";
import { verify } from "./verify.js";

export const commands: ReadonlyMap<string, Command> = buildRegistry("command", [validate, test, evaluate, testPattern, patterns, schema, send, list, replay, hunt, sql, athenaTable, explain, render, fireDrill, redrive, verify, silence], (command) => command.name);

function help(io: Io): void {
  writeLine(io.stdout, "Usage: trailwatch <command> [options]\n\nCommands:");
  for (const c of commands.values()) writeLine(io.stdout, `  ${c.usage}\n      ${c.summary}`);
  writeLine(io.stdout, "\n`trailwatch help <command>` or `trailwatch <command> --help` for its options; `trailwatch --version`.");
  writeLine(io.stdout, "Exit codes: 0 ok, 1 findings or failures, 2 usage or input error.");
}

function unknownCommand(name: string, io: Io): ExitCode {
  writeLine(io.stderr, `unknown command "${name}"${didYouMean(name, commands.keys())}; run \`trailwatch help\``);
  return EXIT.usage;
}

/** Runs one CLI invocation; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  // Before any command builds an SDK client: the SDK's Node.js notice is not the user's business.
  quietSdkNodeNotice();
  const [name, ...args] = argv;
  if (name === "--version" || name === "-v") {
    writeLine(io.stdout, `trailwatch ${version()}`);
    return EXIT.ok;
  }
  if (name === "help" && args[0] !== undefined) {
    const named = commands.get(args[0]);
    if (named === undefined) return unknownCommand(args[0], io);
    commandHelp(named, io);
    return EXIT.ok;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    help(io);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.get(name);
  if (command === undefined) return unknownCommand(name, io);
  // Before the command's own parsing, so `--help` works even beside a missing required flag.
  if (args.includes("--help") || args.includes("-h")) {
    commandHelp(command, io);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (cause) {
    if (cause instanceof UsageError) {
      writeLine(io.stderr, `trailwatch ${name}: ${cause.message}\nusage: trailwatch ${command.usage}`);
      return EXIT.usage;
    }
    throw cause;
  }
}
