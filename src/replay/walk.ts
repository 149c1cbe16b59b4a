import { opendir, stat } from "node:fs/promises";
import path from "node:path";
import { readErrorMessage } from "../input/read-error.js";

/** One thing to replay, in the order replay prints it. Plain data, so it can be posted to a worker. */
export type Input =
  | { readonly kind: "file"; readonly origin: string; readonly path: string; readonly size: number }
  | { readonly kind: "stdin"; readonly origin: "<stdin>" }
  /** A PATH that is not there, or a directory that cannot be listed: reported in its place, like a corrupt file. */
  | { readonly kind: "unreadable"; readonly origin: string; readonly message: string };

/** Log files inside directories; a file named on the command line is read whatever its name. */
const LOG_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;
/** Digest files sit beside the logs in the S3 layout and hold hashes, not records. */
const SKIPPED_DIRECTORIES = new Set(["CloudTrail-Digest"]);

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The files under a directory, depth first with each directory's entries sorted by name,
 * which for the S3 layout `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/` is time order.
 * Lazy: only the listings of the directories on the current path are held, never the tree.
 */
async function* walkDirectory(dir: string): AsyncGenerator<Input> {
  let names: Entry[];
  try {
    names = await entriesOf(dir);
  } catch (cause) {
    yield { kind: "unreadable", origin: dir, message: `cannot read directory: ${(cause as Error).message}` };
    return;
  }
  for (const entry of names) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) yield* walkDirectory(full);
    else if (entry.isFile && LOG_FILE.test(entry.name)) {
      const info = await stat(full).catch(() => undefined);
      if (info !== undefined) yield { kind: "file", origin: full, path: full, size: info.size };
    }
  }
}

interface Entry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
}

async function entriesOf(dir: string): Promise<Entry[]> {
  const names: Entry[] = [];
  for await (const entry of await opendir(dir)) {
    if (entry.name.startsWith(".")) continue;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow links to files; links to directories could loop, so they are not followed.
      isFile = (await stat(path.join(dir, entry.name)).catch(() => undefined))?.isFile() === true;
      isDirectory = false;
    }
    names.push({ name: entry.name, isDirectory, isFile });
  }
  return names.sort((a, b) => byName(a.name, b.name));
}

/** Every input named by the PATH arguments, in argument order; `-` is stdin. */
export async function* walkInputs(paths: readonly string[]): AsyncGenerator<Input> {
  for (const given of paths) {
    if (given === "-") {
      yield { kind: "stdin", origin: "<stdin>" };
      continue;
    }
    const info = await stat(given).catch((cause: NodeJS.ErrnoException) => cause);
    if (info instanceof Error) {
      yield { kind: "unreadable", origin: given, message: readErrorMessage(info) };
    } else if (info.isDirectory()) yield* walkDirectory(given);
    else yield { kind: "file", origin: given, path: given, size: info.size };
  }
}

/** How many files and bytes the PATH arguments hold, for the progress bar's ETA. */
export async function surveyInputs(paths: readonly string[]): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for await (const input of walkInputs(paths)) {
    files++;
    if (input.kind === "file") bytes += input.size;
  }
  return { files, bytes };
}
