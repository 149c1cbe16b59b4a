import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "./diagnostics.js";

/**
 * The one list of policy and tune files under a rules directory: the loader (validate, test,
 * patterns, eval...) and the Lambda bundle (scripts/bundle-rules.mjs) both take it from here,
 * so what is validated is exactly what is deployed.
 *
 * Symbolic links are followed, to files and to folders: vendoring a shared pack by linking it
 * in is common, and a linked policy must be validated as well as deployed. A link that leads
 * nowhere, or back into a folder it sits in, is an error diagnostic rather than a silent skip.
 */

export interface PolicyFile {
  /** The file's path as reached from the rules directory (through links, not resolved). */
  readonly path: string;
  /** Its path inside the rules directory with "/" separators: the policy id derives from it. */
  readonly relative: string;
}

export interface PolicyFileList {
  readonly files: PolicyFile[];
  /** Links that could not be followed; the files they lead to are not in `files`. */
  readonly problems: Diagnostic[];
}

export const POLICY_FILE = /\.ya?ml$/;

function problem(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, level: "error", path: "", message };
}

/** What a directory entry is once links are followed: "file", "dir", something else, or a problem. */
function kindOf(entry: Dirent, full: string): "file" | "dir" | "other" | Diagnostic {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? "dir" : entry.isFile() ? "file" : "other";
  try {
    const target = statSync(full);
    return target.isDirectory() ? "dir" : target.isFile() ? "file" : "other";
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "leads to nothing (a broken link)" : code === "ELOOP" ? "is a loop of links" : (cause as Error).message;
    return problem(full, `symbolic link ${why}: the policies it should bring in are not loaded; fix or remove the link`);
  }
}

function walk(dir: string, rulesDir: string, ancestors: ReadonlySet<string>, out: PolicyFileList): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const kind = kindOf(entry, full);
    if (typeof kind === "object") out.problems.push(kind);
    else if (kind === "file" && POLICY_FILE.test(entry.name)) out.files.push({ path: full, relative: path.relative(rulesDir, full).split(path.sep).join("/") });
    else if (kind === "dir") {
      const real = realpathSync(full);
      if (ancestors.has(real)) out.problems.push(problem(full, "symbolic link leads back into a folder that contains it: not followed (it would list the same policies forever)"));
      else walk(full, rulesDir, new Set([...ancestors, real]), out);
    }
  }
}

/** Every `*.yml`/`*.yaml` under `rulesDir`, in a stable order. Throws when `rulesDir` cannot be read. */
export function listPolicyFiles(rulesDir: string): PolicyFileList {
  const out: PolicyFileList = { files: [], problems: [] };
  walk(rulesDir, rulesDir, new Set([realpathSync(rulesDir)]), out);
  return out;
}
