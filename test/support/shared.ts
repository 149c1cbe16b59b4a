import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root. Tests read only files inside it: a user's clone has nothing beside it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixturesDir = path.join(repoRoot, "test", "fixtures");

export function readFixtureJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(fixturesDir, relative), "utf8")) as T;
}
