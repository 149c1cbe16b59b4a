import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";
import { runCli } from "../support/cli.js";

let dynamo: LocalDynamo;
const saved = { ...process.env };

beforeAll(async () => {
  dynamo = await startDynamo();
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_DYNAMODB: dynamo.url, TRAILWATCH_STATE_TABLE: dynamo.table });
});

afterAll(async () => {
  process.env = saved;
  await dynamo.close();
});

describe("trailwatch silence add / list / expire (dynalite)", () => {
  it("adds, lists and expires a silence", async () => {
    const added = await runCli(["silence", "add", "--policy", "ssm-contacts.contact-deleted", "--for", "4h", "--reason", "response-plan rework", "--by", "alice"]);
    expect(added).toMatchObject({ code: 0, stdout: "S-1\n" });
    expect(added.stderr).toContain('silence S-1 holds {"policy":["ssm-contacts.contact-deleted"]}');
    const second = await runCli(["silence", "add", "--policy", "ssm-contacts.contact-deleted", "--for", "1h", "--reason", "second", "--by", "bob"]);
    expect(second.stdout).toBe("S-2\n");

    const listed = await runCli(["silence", "list", "--json"]);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; state: string; creator: string; reason: string; match: unknown; held: number; announced: boolean; end: string; start: string }[];
    expect(rows.map((r) => [r.id, r.state, r.creator, r.held, r.announced])).toEqual([["S-1", "active", "alice", 0, false], ["S-2", "active", "bob", 0, false]]);
    expect(Date.parse(rows[0]?.end ?? "") - Date.parse(rows[0]?.start ?? "")).toBe(4 * 3600_000);

    expect(await runCli(["silence", "expire", "S-1"])).toMatchObject({ code: 0 });
    expect((await runCli(["silence", "list"])).stdout).not.toContain("S-1 ");
    const all = await runCli(["silence", "list", "--all"]);
    expect(all.stdout).toMatch(/^S-1\s+ended /m);
    expect(all.stdout).toMatch(/^S-2\s+active .* by bob {2}held 0 {2}"second" {2}\{"policy":\["ssm-contacts.contact-deleted"\]\} {2}\(not announced yet\)$/m);
    expect(await runCli(["silence", "expire", "S-1"])).toMatchObject({ code: 1, stderr: "silence S-1 had already ended\n" });
    expect((await runCli(["silence", "expire", "S-99"])).code).toBe(2);
  });

  it.each([
    ["a policy id typo", ["--policy", "ssm-contacts.contact-delete"], /no policy "ssm-contacts.contact-delete" in rules \(did you mean "ssm-contacts.contact-deleted"\?\)/],
    ["more than 7 days", ["--policy", "ssm-contacts.contact-deleted", "--for", "8d"], /duration must be between 1s and 7d|longer than 7d/],
    ["both --for and --until", ["--policy", "ssm-contacts.contact-deleted", "--for", "1h", "--until", "2030-01-01T00:00:00Z"], /give --for or --until, not both/],
    ["neither --policy nor --match", [], /give exactly one of --policy ID or --match FILE/],
    ["no reason", ["--policy", "ssm-contacts.contact-deleted", "--reason", " "], /--reason TEXT is required/],
  ])("refuses %s (exit 2)", async (_name, flags, message) => {
    const args = flags.includes("--reason") ? flags : [...flags, "--reason", "r"];
    const result = await runCli(["silence", "add", ...args, "--by", "alice"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("allows more than 7 days with --max, and a pattern file with positioned errors", async () => {
    const long = await runCli(["silence", "add", "--policy", "ssm-contacts.contact-deleted", "--for", "10d", "--max", "14d", "--reason", "migration", "--by", "alice"]);
    expect(long.code).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), "silence-"));
    const bad = path.join(dir, "bad.yml");
    writeFileSync(bad, "severity: [low]\nactr: { name: [alice] }\n");
    const refused = await runCli(["silence", "add", "--match", bad, "--reason", "r", "--by", "alice"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad}:2:1 error actr: silences match on policy, severity, service, tags, eventName, eventSource, account, region, actor; not "actr" (did you mean "actor"?)`);
    const good = path.join(dir, "good.yml");
    writeFileSync(good, "actor: { name: [OnCallSync] }\nservice: [ssm-contacts]\n");
    const ok = await runCli(["silence", "add", "--match", good, "--until", new Date(Date.now() + 3600_000).toISOString(), "--reason", "sync job", "--by", "alice"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^S-\d+\n$/);
  });
});
