import { isJsonObject } from "../pattern/json.js";
import { buildRegistry } from "../registry.js";
import { jsonType } from "../text/describe.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";

/**
 * The input formats every reader of events accepts (`eval`, `explain`, `render`, `send`,
 * `patterns`, `replay`, `hunt`), in three layers:
 * - bytes: gzip of any of the below, sniffed from its first two bytes (src/input/decode.ts);
 * - text: one JSON document, JSON lines, or JSON values one after another (`zcat *.json.gz`),
 *   told apart as the text streams in (src/input/values.ts);
 * - values: the containers and event shapes below, one registry each. Adding a shape is one
 *   entry here; every reader then accepts it.
 */

/** A JSON value holding several events. */
export interface ContainerFormat {
  readonly name: string;
  /** Its elements, or undefined when the value is not this container. */
  elements(value: unknown): readonly unknown[] | undefined;
}

/** A JSON value holding one CloudTrail record. */
export interface EventFormat {
  readonly name: string;
  /** The record inside, or undefined when the value is not this shape. */
  recordIn(value: unknown): unknown;
}

/** An EventBridge "AWS API Call via CloudTrail" event: the record sits in `detail`. */
export function isEventBridgeEnvelope(value: unknown): value is { "detail-type": string; detail: CloudTrailRecord; source?: string } {
  return isJsonObject(value) && typeof value["detail-type"] === "string" && isJsonObject(value.detail);
}

/** A CloudTrail S3 log file: `{"Records": [...]}`. */
export function isLogFile(value: unknown): value is { Records: unknown[] } {
  return isJsonObject(value) && Array.isArray(value.Records);
}

/** In the order they are tried. */
export const CONTAINER_FORMATS: ReadonlyMap<string, ContainerFormat> = buildRegistry("input container format", [
  { name: "cloudtrail-log-file", elements: (value) => (isLogFile(value) ? value.Records : undefined) },
  { name: "json-array", elements: (value) => (Array.isArray(value) ? value : undefined) },
], (format) => format.name);

/** In the order they are tried: the last one takes any value, and recordProblem says whether it is a record. */
export const EVENT_FORMATS: ReadonlyMap<string, EventFormat> = buildRegistry("input event format", [
  { name: "eventbridge-envelope", recordIn: (value) => (isEventBridgeEnvelope(value) ? value.detail : undefined) },
  { name: "bare-record", recordIn: (value) => value },
], (format) => format.name);

/** The events a container holds, or undefined when `value` is one event (or junk). */
export function elementsOf(value: unknown): readonly unknown[] | undefined {
  for (const format of CONTAINER_FORMATS.values()) {
    const elements = format.elements(value);
    if (elements !== undefined) return elements;
  }
  return undefined;
}

/** The CloudTrail record inside one event: the envelope's `detail`, or the value itself. */
export function recordOf(value: unknown): unknown {
  for (const format of EVENT_FORMATS.values()) {
    const record = format.recordIn(value);
    if (record !== undefined) return record;
  }
  return value;
}

/** Why a value is not a usable CloudTrail record, or undefined when it is one. */
export function recordProblem(value: unknown): string | undefined {
  if (!isJsonObject(value)) return `a CloudTrail record must be a JSON object, not ${jsonType(value)}`;
  for (const key of ["eventSource", "eventName"] as const) {
    const field = value[key];
    if (field === undefined) return `missing "${key}"`;
    if (typeof field !== "string") return `"${key}" must be a string, not ${jsonType(field)}`;
  }
  return undefined;
}

/** One event read as a record, or why it is not one: how every reader of events judges a value. */
export function eventRecord(value: unknown): { record: CloudTrailRecord; problem?: undefined } | { problem: string } {
  const record = recordOf(value);
  const problem = recordProblem(record);
  return problem === undefined ? { record: record as CloudTrailRecord } : { problem };
}

/** The schedule (EventBridge Scheduler / rate rule) that sweeps closed throttle windows. */
export function isScheduledSweep(event: unknown): boolean {
  return isJsonObject(event) && event["detail-type"] === "Scheduled Event";
}
