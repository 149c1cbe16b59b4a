import { readFileSync } from "node:fs";
import path from "node:path";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { repoRoot } from "../support/shared.js";

/** One CloudTrail record from `test/fixtures/identities/<name>.json`. */
export function loadIdentity(name: string): CloudTrailRecord {
  const file = path.join(repoRoot, "test", "fixtures", "identities", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as CloudTrailRecord;
}
