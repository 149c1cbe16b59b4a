/**
 * What went wrong reading an input, in words a user can act on: the one mapping from the
 * file system's error codes, used by `eval`/`explain`/`render`/`send` (src/input/read.ts) and
 * by `replay` (walking PATH arguments and reading each file).
 */
const MESSAGES: ReadonlyMap<string, string> = new Map([
  ["ENOENT", "no such file or directory"],
  ["EISDIR", "is a directory"],
  ["ENOTDIR", "a part of the path is a file, not a directory"],
  ["EACCES", "permission denied"],
  ["EPERM", "permission denied"],
]);

/** `hints` adds what to do for a code in one command's context, e.g. use `replay` for a directory. */
export function readErrorMessage(cause: unknown, hints: Readonly<Record<string, string>> = {}): string {
  const err = cause as NodeJS.ErrnoException;
  const message = (err.code === undefined ? undefined : MESSAGES.get(err.code)) ?? err.message;
  const hint = err.code === undefined ? undefined : hints[err.code];
  return hint === undefined ? message : `${message} (${hint})`;
}
