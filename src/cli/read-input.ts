import { formatProblem, readInput, type InputRecord } from "../input/read.js";
import { writeLine, type Io } from "./io.js";

/**
 * Reads `--event FILE|-` for a command: prints each bad input or record on stderr and
 * returns the good records, or undefined when nothing at all could be read (exit 2).
 */
export async function readRecordsOrReport(path: string, io: Io): Promise<InputRecord[] | undefined> {
  const batch = await readInput(path, io.stdin);
  for (const problem of batch.problems) writeLine(io.stderr, formatProblem(problem));
  return batch.records.length === 0 && batch.problems.length > 0 ? undefined : batch.records;
}
