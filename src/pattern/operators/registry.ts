import { buildRegistry } from "../../registry.js";
import { anythingBut } from "./anything-but.js";
import { cidr } from "./cidr.js";
import { equalsIgnoreCase } from "./equals-ignore-case.js";
import { exists } from "./exists.js";
import { numeric } from "./numeric.js";
import type { Operator } from "./operator.js";
import { prefix, suffix } from "./prefix.js";
import { wildcard } from "./wildcard.js";

/** Every comparison operator EventBridge supports, by its EventBridge name. */
export const operators: ReadonlyMap<string, Operator> = buildRegistry("operator", [
  prefix,
  suffix,
  equalsIgnoreCase,
  wildcard,
  anythingBut,
  numeric,
  exists,
  cidr,
], (op) => op.name);
