import { buildRegistry } from "../registry.js";
import { didYouMean } from "../text/did-you-mean.js";
import { evaluate } from "./eval.js";
import { explain } from "./explain.js";
import { fireDrill } from "./fire-drill.js";
import { EXIT, UsageError, writeLine, type Command, type ExitCode, type Io } from "./io.js";
import { patterns } from "./patterns.js";
import { redrive } from "./redrive.js";
import { render } from "./render.js";
import { replay } from "./replay.js";
import { schema } from "./schema.js";
import { send } from "./send.js";
import { list } from "./list.js";
import { test } from "./test.js";
import { testPattern } from "./test-pattern.js";
import { validate } from "./validate.js";

export const commands: ReadonlyMap<string, Command> = buildRegistry("command", [validate, test, evaluate, testPattern, patterns, schema, send, list, replay, explain, render, fireDrill, redrive], (command) => command.name);

function help(io: Io): void {
  writeLine(io.stdout, "Usage: trailwatch <command> [options]\n\nCommands:");
  for (const c of commands.values()) writeLine(io.stdout, `  ${c.usage}\n      ${c.summary}`);
  writeLine(io.stdout, "\nExit codes: 0 ok, 1 findings or failures, 2 usage or input error.");
}

/** Runs one CLI invocation; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    help(io);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.get(name);
  if (command === undefined) {
    writeLine(io.stderr, `unknown command "${name}"${didYouMean(name, commands.keys())}; run \`trailwatch help\``);
    return EXIT.usage;
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
