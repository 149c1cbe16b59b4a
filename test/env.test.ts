import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARS, envDoc, readEnv } from "../src/env.js";
import { repoRoot } from "./support/shared.js";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|mjs|cjs|js)$/.test(name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(repoRoot, file).split(path.sep).join("/");
const product = [...filesUnder(path.join(repoRoot, "src")), ...filesUnder(path.join(repoRoot, "handlers")), ...filesUnder(path.join(repoRoot, "bin"))];
const scripts = filesUnder(path.join(repoRoot, "scripts"));

/** Variable names a file reads: `readEnv(env, "X")`, `process.env.X`, `process.env["X"]`, and `${X}` in trailwatch.yml. */
function namesRead(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const code = /readEnv\([^,]+, "([A-Z0-9_]+)"\)|process\.env\.([A-Z0-9_]+)|process\.env\["([A-Z0-9_]+)"\]/g;
  const yaml = text.replace(/^\s*#.*$/gm, "");
  const found = file.endsWith(".yml") ? yaml.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::-[^}]*)?\}/g) : text.matchAll(code);
  return [...found].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

describe("environment variables: one module, one generated table", () => {
  it("docs/environment.md is the table generated from src/env.ts (regenerate: UPDATE_DOCS=1 npx vitest run test/env.test.ts)", () => {
    const file = path.join(repoRoot, "docs/environment.md");
    if (process.env.UPDATE_DOCS) writeFileSync(file, envDoc());
    expect(readFileSync(file, "utf8")).toBe(envDoc());
  });

  it("nothing in src/, handlers/ or bin/ reads process.env but src/env.ts", () => {
    const readers = product.filter((f) => /process\.env\b/.test(readFileSync(f, "utf8"))).map(rel);
    expect(readers).toEqual(["src/env.ts"]);
  });

  it("every variable the product, its scripts and the shipped trailwatch.yml read is declared", () => {
    const sources = [...product, ...scripts, path.join(repoRoot, "trailwatch.yml")];
    const undeclared = sources.flatMap((f) => namesRead(f).filter((name) => !ENV_VARS.has(name)).map((name) => `${rel(f)}: ${name}`));
    expect(undeclared).toEqual([]);
  });

  it("an empty variable counts as unset", () => {
    expect(readEnv({ TRAILWATCH_STATE_TABLE: "" }, "TRAILWATCH_STATE_TABLE")).toBeUndefined();
    expect(readEnv({ TRAILWATCH_STATE_TABLE: "t" }, "TRAILWATCH_STATE_TABLE")).toBe("t");
  });
});
