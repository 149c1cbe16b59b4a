// @ts-check
// Which `serverless` command is running. Variable files are resolved for every command,
// `remove` and `info` included, but only some of them build what gets deployed.

const COMMANDS = ["package", "deploy", "invoke", "remove", "info", "print", "logs", "metrics", "rollback", "plugin", "config"];
const SUBCOMMANDS = ["local", "function", "list"];

/** `invoke local`, `deploy function`, `package`, ...; option values (`--stage prod`) are skipped. */
export function commandOf(argv = process.argv) {
  const words = argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const at = words.findIndex((word) => COMMANDS.includes(word));
  if (at < 0) return "";
  const next = words[at + 1];
  return next !== undefined && SUBCOMMANDS.includes(next) ? `${words[at]} ${next}` : (words[at] ?? "");
}

/** Commands whose artifacts reach AWS: a stale or broken policy pack must stop them. */
export function shipsArtifacts(command = commandOf()) {
  return ["package", "deploy", "deploy function"].includes(command);
}
