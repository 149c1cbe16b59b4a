import { readFileSync } from "node:fs";
import path from "node:path";
import { isJsonObject } from "../pattern/json.js";
import { decodeBytes } from "../input/decode.js";
import { checkKeys } from "./closed-keys.js";
import { checkValue } from "./field-kinds.js";
import { TEST_FIELDS, type FieldSpec } from "./fields.js";
import { kindOf } from "../text/describe.js";
import type { PolicyTest } from "./types.js";
import type { YamlSource } from "./yaml-source.js";

function loadEventFile(relative: string, policyFile: string): { event?: unknown; problem?: string } {
  const full = path.resolve(path.dirname(policyFile), relative);
  try {
    return { event: JSON.parse(decodeBytes(readFileSync(full))) };
  } catch (cause) {
    const err = cause as NodeJS.ErrnoException;
    return { problem: err.code === "ENOENT" ? `test event file "${relative}" not found (resolved to ${path.relative(process.cwd(), full) || full})` : `test event file "${relative}": ${err.message}` };
  }
}

function parseTest(value: unknown, index: number, policyFile: string, source: YamlSource): PolicyTest | undefined {
  const at = ["tests", index];
  if (!isJsonObject(value)) {
    source.error(at, `each test must be a mapping with name, alert and event (or file), not ${kindOf(value)}`);
    return undefined;
  }
  let ok = true;
  const fail = (key: string | undefined, message: string) => {
    source.error(key === undefined ? at : [...at, key], message);
    ok = false;
  };
  const unknown = (key: string, hint: string, allowed: string) => `unknown test key "${key}"${hint}; allowed: ${allowed}`;
  const missing = (spec: FieldSpec) => `each test needs ${spec.key} (${spec.description})`;
  checkKeys(value, { specs: TEST_FIELDS, unknown, missing }, (p, message) => fail(p[0] as string | undefined, message), (spec, raw) => {
    if (checkValue(spec, raw, [...at, spec.key], source) === undefined) ok = false;
  });
  let event: unknown = value.event;
  if ((value.event === undefined) === (value.file === undefined)) {
    fail(undefined, "give exactly one of event (inline record) or file (path to a JSON record)");
  } else if (typeof value.file === "string") {
    const loaded = loadEventFile(value.file, policyFile);
    if (loaded.problem !== undefined) fail("file", loaded.problem);
    event = loaded.event;
  }
  if (!ok) return undefined;
  const { line, column } = source.position(at);
  return { name: value.name as string, alert: value.alert as boolean, event, at: { file: source.file, line, column } };
}

export function parseTests(value: unknown, policyFile: string, source: YamlSource): PolicyTest[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    source.error(["tests"], `tests must be a list, not ${kindOf(value)}`);
    return [];
  }
  return value.flatMap((item, i) => parseTest(item, i, policyFile, source) ?? []);
}
