import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { readInput } from "../../src/input/read.js";
import { walkInputs } from "../../src/replay/walk.js";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

// One mapping from ENOENT/EISDIR/ENOTDIR to a message (src/input/read-error.ts): `eval` and
// `replay` describe the same unreadable input with the same words.
const dir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-read-error-"));
const file = path.join(dir, "record.json");
writeFileSync(file, "{}");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = path.join(repoRoot, "rules");

describe("unreadable inputs, said the same way by every command", () => {
  it.each([
    ["missing", path.join(dir, "nope.json"), "no such file or directory"],
    ["under a file", path.join(file, "x.json"), "a part of the path is a file, not a directory"],
  ])("%s: the input reader and replay's walk give the same words", async (_name, input, words) => {
    const batch = await readInput(input, Readable.from([]));
    expect(batch.problems.map((p) => p.message)).toEqual([words]);
    const walked = [];
    for await (const found of walkInputs([input])) walked.push(found);
    expect(walked).toEqual([{ kind: "unreadable", origin: input, message: words }]);
  });

  it("a directory given to eval says what to use instead", async () => {
    const evaluated = await runCli(["eval", "--rules", rules, "--event", dir]);
    expect(evaluated.stderr).toContain(`${dir}: is a directory (use \`trailwatch replay\` for directories)`);
  });
});
