import { operandsOf } from "../pattern/source.js";
import type { CompiledPattern, Conjunction, FieldCondition } from "../pattern/types.js";
import { isJsonPrimitive, type JsonPrimitive } from "../pattern/json.js";
import { KNOWN_EVENT_SOURCES, SERVICES, type Operation, type Service } from "./operations.js";

/** Whether a field's compiled matchers accept a value (the matcher's own tests, nothing re-implemented). */
export function accepts(field: FieldCondition, value: JsonPrimitive): boolean {
  return field.tests.some((test) => test(value));
}

/** The exact values written in a field's list (strings, numbers, booleans, null). */
export function exactValues(source: CompiledPattern["source"], field: FieldCondition): JsonPrimitive[] {
  return operandsOf(source, field).filter(isJsonPrimitive);
}

/** Only exact values, and `exists: false` is not among them: the field's values are a finite set. */
export function isExactList(source: CompiledPattern["source"], field: FieldCondition): boolean {
  return !field.absent && operandsOf(source, field).every(isJsonPrimitive);
}

export function fieldNamed(branch: Conjunction, order: string): FieldCondition | undefined {
  return branch.find((f) => f.order === order);
}

/**
 * The Incident Manager services one branch can be about, from its `eventSource` field;
 * undefined when the branch has none or also accepts sources outside Incident Manager.
 */
export function servicesOf(source: CompiledPattern["source"], branch: Conjunction): Service[] | undefined {
  const field = fieldNamed(branch, "eventSource");
  if (field === undefined || field.absent) return undefined;
  const operands = operandsOf(source, field);
  const exact = operands.filter((o): o is string => typeof o === "string");
  if (exact.length !== operands.length || exact.some((s) => !KNOWN_EVENT_SOURCES.includes(s))) return undefined;
  return SERVICES.filter((s) => s.eventSources.some((e) => accepts(field, e)));
}

/** The operations one branch can match: its services' operations that its eventName accepts. */
export function operationsOf(source: CompiledPattern["source"], branch: Conjunction): Operation[] | undefined {
  const services = servicesOf(source, branch);
  if (services === undefined) return undefined;
  const name = fieldNamed(branch, "eventName");
  const all = services.flatMap((s) => s.operations);
  return name === undefined ? all : all.filter((op) => accepts(name, op.name));
}

/** The operations a pattern can match across its branches; undefined when any branch is open-ended. */
export function patternOperations(pattern: CompiledPattern): Operation[] | undefined {
  // A set of objects, not names: TagResource exists in both services with different members.
  const found = new Set<Operation>();
  for (const branch of pattern.branches) {
    const ops = operationsOf(pattern.source, branch);
    if (ops === undefined) return undefined;
    for (const op of ops) found.add(op);
  }
  return [...found];
}

/** The services a whole pattern can be about; undefined when any branch is open-ended. */
export function patternServices(pattern: CompiledPattern): Service[] | undefined {
  const found = new Set<Service>();
  for (const branch of pattern.branches) {
    const services = servicesOf(pattern.source, branch);
    if (services === undefined) return undefined;
    for (const s of services) found.add(s);
  }
  return [...found];
}

/** `DeleteContact, DeleteContactChannel and 3 more`: a readable list of names. */
export function someNames(names: readonly string[], max = 4): string {
  const unique = [...new Set(names)];
  if (unique.length <= max) return unique.join(", ");
  return `${unique.slice(0, max).join(", ")} and ${unique.length - max} more`;
}
