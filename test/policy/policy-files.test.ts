import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicies } from "../../src/policy/load.js";
import { repoRoot } from "../support/shared.js";

const run = promisify(execFile);
const bundler = path.join(repoRoot, "scripts", "bundle-rules.mjs");

const policy = (title: string) => `title: ${title}
severity: high
match:
  eventSource: [ssm-contacts.amazonaws.com]
  eventName: [DeleteContact]
`;

let dir: string;
let rules: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "trailwatch-lister-"));
  rules = path.join(dir, "rules");
  mkdirSync(path.join(rules, "ssm-contacts"), { recursive: true });
  writeFileSync(path.join(rules, "ssm-contacts", "plain.yml"), policy("plain"));
  // A shared pack outside the rules folder, brought in by links (a common way to vendor one).
  mkdirSync(path.join(dir, "outside-rules", "pack"), { recursive: true });
  writeFileSync(path.join(dir, "outside-rules", "linked-file.yml"), policy("linked file"));
  writeFileSync(path.join(dir, "outside-rules", "pack", "in-linked-folder.yml"), policy("in a linked folder"));
  symlinkSync(path.join(dir, "outside-rules", "linked-file.yml"), path.join(rules, "ssm-contacts", "linked-file.yml"));
  symlinkSync(path.join(dir, "outside-rules", "pack"), path.join(rules, "vendored"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What the Lambda would run: the bundle's policy paths, from the real build script. */
async function bundled(): Promise<{ ok: true; relative: string[] } | { ok: false; stderr: string }> {
  const out = path.join(dir, "rules.json");
  try {
    await run(process.execPath, [bundler, rules, out, path.join(dir, "none.yml")], { cwd: dir });
  } catch (error) {
    return { ok: false, stderr: (error as { stderr: string }).stderr };
  }
  const bundle = JSON.parse(readFileSync(out, "utf8")) as { sources: { relative: string }[] };
  return { ok: true, relative: bundle.sources.map((s) => s.relative) };
}

describe("one policy-file lister for the loader and the Lambda bundle", () => {
  it("follows symbolic links to files and folders: validate loads what the Lambda runs", async () => {
    const { policies, diagnostics } = loadPolicies(rules);
    expect(diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(policies.map((p) => p.id)).toEqual(["ssm-contacts.linked-file", "ssm-contacts.plain", "vendored.in-linked-folder"]);
    const bundle = await bundled();
    expect(bundle).toEqual({ ok: true, relative: ["ssm-contacts/linked-file.yml", "ssm-contacts/plain.yml", "vendored/in-linked-folder.yml"] });
  });

  it("a broken link is an error in validate and stops the bundle, never a silent skip", async () => {
    symlinkSync(path.join(dir, "outside-rules", "gone.yml"), path.join(rules, "ssm-contacts", "broken.yml"));
    const { diagnostics } = loadPolicies(rules);
    const errors = diagnostics.filter((d) => d.level === "error").map(formatDiagnostic);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ssm-contacts\/broken\.yml:1:1 error symbolic link leads to nothing \(a broken link\)/);
    const bundle = await bundled();
    expect(bundle.ok).toBe(false);
    expect(bundle.ok ? "" : bundle.stderr).toMatch(/ssm-contacts\/broken\.yml:1:1 error symbolic link leads to nothing/);
  });

  it("a link back into its own folder is reported once, not followed forever", async () => {
    symlinkSync(rules, path.join(rules, "ssm-contacts", "loop"));
    const { policies, diagnostics } = loadPolicies(rules);
    expect(policies).toHaveLength(3);
    expect(diagnostics.filter((d) => d.level === "error").map((d) => d.message)).toEqual([expect.stringMatching(/leads back into a folder that contains it/)]);
    expect((await bundled()).ok).toBe(false);
  });
});
