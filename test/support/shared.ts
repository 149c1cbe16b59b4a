import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root, and `shared/` which sits beside the checkout. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const sharedDir = path.resolve(repoRoot, "..", "shared");

export function readSharedJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(sharedDir, relative), "utf8")) as T;
}
