import { anythingBut } from "./anything-but.js";
import { cidr } from "./cidr.js";
import { equalsIgnoreCase } from "./equals-ignore-case.js";
import { exists } from "./exists.js";
import { numeric } from "./numeric.js";
import type { Operator } from "./operator.js";
import { prefix, suffix } from "./prefix.js";
import { wildcard } from "./wildcard.js";

function registry(operators: readonly Operator[]): ReadonlyMap<string, Operator> {
  const map = new Map<string, Operator>();
  for (const op of operators) {
    if (map.has(op.name)) throw new Error(`operator "${op.name}" is registered twice`);
    map.set(op.name, op);
  }
  return map;
}

/** Every comparison operator EventBridge supports, by its EventBridge name. */
export const operators: ReadonlyMap<string, Operator> = registry([
  prefix,
  suffix,
  equalsIgnoreCase,
  wildcard,
  anythingBut,
  numeric,
  exists,
  cidr,
]);
