import { buildRegistry } from "../registry.js";
import type { Command } from "./io.js";

interface CommandModule {
  readonly name: string;
  load(): Promise<Command>;
}

/**
 * Every command, by name, each imported only when it runs: importing them all (DuckDB, the
 * EventBridge, SQS and DynamoDB clients...) cost `replay` ~0.3-0.7 s of start-up for modules
 * it never uses. The order is `trailwatch help`'s.
 */
export const commandModules: ReadonlyMap<string, CommandModule> = buildRegistry(
  "command",
  [
    { name: "validate", load: async () => (await import("./validate.js")).validate },
    { name: "test", load: async () => (await import("./test.js")).test },
    { name: "eval", load: async () => (await import("./eval.js")).evaluate },
    { name: "test-pattern", load: async () => (await import("./test-pattern.js")).testPattern },
    { name: "patterns", load: async () => (await import("./patterns.js")).patterns },
    { name: "schema", load: async () => (await import("./schema.js")).schema },
    { name: "send", load: async () => (await import("./send.js")).send },
    { name: "list", load: async () => (await import("./list.js")).list },
    { name: "replay", load: async () => (await import("./replay.js")).replay },
    { name: "hunt", load: async () => (await import("./hunt.js")).hunt },
    { name: "sql", load: async () => (await import("./sql.js")).sql },
    { name: "athena-table", load: async () => (await import("./athena-table.js")).athenaTable },
    { name: "explain", load: async () => (await import("./explain.js")).explain },
    { name: "render", load: async () => (await import("./render.js")).render },
    { name: "fire-drill", load: async () => (await import("./fire-drill.js")).fireDrill },
    { name: "redrive", load: async () => (await import("./redrive.js")).redrive },
    { name: "verify", load: async () => (await import("./verify.js")).verify },
    { name: "silence", load: async () => (await import("./silence.js")).silence },
  ],
  (command) => command.name,
);

/** The command registered under `name`, imported; throws when its module names itself otherwise. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const command = await commandModules.get(name)?.load();
  if (command !== undefined && command.name !== name) throw new Error(`command "${name}" is registered, but its module defines "${command.name}"`);
  return command;
}

/** Every command, imported (for `trailwatch help`). */
export async function allCommands(): Promise<ReadonlyMap<string, Command>> {
  const loaded = await Promise.all([...commandModules.keys()].map(async (name) => (await loadCommand(name)) as Command));
  return buildRegistry("command", loaded, (command) => command.name);
}
