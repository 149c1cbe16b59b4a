import { processEnv, readEnv } from "../env.js";
import type { SilenceStore } from "../silence/store.js";
import { EXIT, UsageError, writeLine, type Command, type ExitCode, type Io } from "./io.js";
import { addSilence } from "./silence-add.js";
import { listSilences } from "./silence-list.js";

type Sub = (args: string[], io: Io, store: () => SilenceStore, now: Date) => Promise<ExitCode>;

/** `silence expire ID`: ends a table silence now; the handler then announces its end and what it held. */
const expireSilence: Sub = async (args, io, store, now) => {
  const [id, ...rest] = args;
  if (id === undefined || id.startsWith("-") || rest.length > 0) throw new UsageError("silence expire takes exactly one silence id, e.g. S-3");
  const s = store();
  try {
    const found = (await s.list()).find((x) => x.id === id);
    if (found?.origin === "code") {
      writeLine(io.stderr, `silence ${id} is declared in rules/local/silences.yml: remove it there and deploy (the handler then ends and announces it)`);
      return EXIT.usage;
    }
    const result = await s.expire(id, now);
    if (result === "missing") {
      writeLine(io.stderr, `no silence "${id}" in table ${s.table} (trailwatch silence list --all shows them)`);
      return EXIT.usage;
    }
    if (result === "ended") {
      writeLine(io.stderr, `silence ${id} had already ended`);
      return EXIT.findings;
    }
    writeLine(io.stdout, `silence ${id} expired at ${now.toISOString()}; its end and what it held are announced when the handler next runs`);
    return EXIT.ok;
  } finally {
    s.destroy();
  }
};

const SUBCOMMANDS: ReadonlyMap<string, Sub> = new Map<string, Sub>([["add", addSilence], ["list", listSilences], ["expire", expireSilence]]);

export const silence: Command = {
  name: "silence",
  usage: "silence add (--policy ID | --match FILE) [--for 4h | --until T] [--max 14d] --reason TEXT [--by NAME] [--hold-critical] | silence list [--all] [--json] | silence expire ID",
  summary: "Hold matching alerts until a time, with a reason (counted, announced to every destination, summarised at the end).",
  async run(args, io) {
    const [name, ...rest] = args;
    const sub = name === undefined ? undefined : SUBCOMMANDS.get(name);
    if (sub === undefined) throw new UsageError(`expected a subcommand: ${[...SUBCOMMANDS.keys()].join(", ")}`);
    const table = readEnv(processEnv(), "TRAILWATCH_STATE_TABLE");
    // Loaded here: the DynamoDB client costs every other command its import time.
    const { SilenceStore } = await import("../silence/store.js");
    const store = () => {
      if (!table) throw new UsageError("TRAILWATCH_STATE_TABLE is not set: name the deployed state table (see docs/on-call.md)");
      return new SilenceStore(table);
    };
    return sub(rest, io, store, new Date());
  },
};
