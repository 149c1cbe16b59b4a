import { quietSdkNodeNotice } from "../env.js";
import { didYouMean } from "../text/did-you-mean.js";
import { allCommands, commandModules, loadCommand } from "./commands.js";
import { commandHelp, version } from "./help.js";
import { EXIT, UsageError, writeLine, type ExitCode, type Io } from "./io.js";

async function help(io: Io): Promise<void> {
  writeLine(io.stdout, "Usage: trailwatch <command> [options]\n\nCommands:");
  for (const c of (await allCommands()).values()) writeLine(io.stdout, `  ${c.usage}\n      ${c.summary}`);
  writeLine(io.stdout, "\n`trailwatch help <command>` or `trailwatch <command> --help` for its options; `trailwatch --version`.");
  writeLine(io.stdout, "Exit codes: 0 ok, 1 findings or failures, 2 usage or input error.");
}

function unknownCommand(name: string, io: Io): ExitCode {
  writeLine(io.stderr, `unknown command "${name}"${didYouMean(name, commandModules.keys())}; run \`trailwatch help\``);
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
    const named = await loadCommand(args[0]);
    if (named === undefined) return unknownCommand(args[0], io);
    commandHelp(named, io);
    return EXIT.ok;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    await help(io);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = await loadCommand(name);
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
