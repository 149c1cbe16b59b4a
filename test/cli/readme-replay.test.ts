import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const speed = (text: string): string => text.replace(/^ {2}speed .*$/m, "  speed      (varies)");

describe("README's replay example", () => {
  it("shows the real end of `npx trailwatch replay samples/`", async () => {
    process.chdir(repoRoot);
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const example = /Example \(`npx trailwatch replay samples\/`[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(example).not.toBe("");
    const r = await runCli(["replay", "samples/", "--workers", "0"]);
    expect(r.code).toBe(0);
    expect(speed(r.stdout).endsWith(speed(example))).toBe(true);
  });
});
