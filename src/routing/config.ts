import { isJsonObject } from "../pattern/json.js";
import type { CompiledPattern } from "../pattern/index.js";
import { didYouMean } from "../text/did-you-mean.js";
import { outputTypes, type DestinationSpec } from "../outputs/registry.js";
import { pattern } from "../policy/check.js";
import { checkKeys } from "../policy/closed-keys.js";
import { checkFields, checkValue } from "../policy/field-kinds.js";
import { kindOf } from "../text/describe.js";
import type { Diagnostic } from "../policy/diagnostics.js";
import type { FieldSpec } from "../policy/fields.js";
import { YamlSource } from "../policy/yaml-source.js";
import type { Env } from "../env.js";
import { substituteEnv } from "./env.js";
import { ROUTE_VIEW_FIELDS } from "./view.js";
import { parseInteractAccess, type InteractAccess } from "./interact-access.js";

/** A route, Alertmanager-style: the first matching route wins unless it says `continue: true`. */
export interface Route {
  /** EventBridge pattern over the alert's route view; absent = every alert. */
  readonly match: CompiledPattern | undefined;
  readonly destinations: readonly string[];
  readonly continue: boolean;
}

export interface RoutingConfig {
  readonly destinations: readonly DestinationSpec[];
  /** Destinations switched off because a variable they need is unset. */
  readonly inactive: readonly { readonly name: string; readonly reason: string }[];
  readonly routes: readonly Route[];
  /** Where alerts go when no route matches. */
  readonly defaults: readonly string[];
  /** Who may use the Acknowledge / Silence 1h buttons (the `interact` function). */
  readonly interact: InteractAccess;
}

/** Every key of trailwatch.yml: the closed schema behind validation and schema/routing.schema.json. */
export const CONFIG_FIELDS: readonly FieldSpec[] = [
  { key: "destinations", kind: "structure", required: true, description: "name → { type: sns|slack|console, ...keys of that type }" },
  { key: "routes", kind: "structure", required: false, description: "ordered list of { match, destinations, continue }" },
  { key: "default", kind: "destination-names", required: false, description: "destinations for alerts no route matched" },
  { key: "interact", kind: "structure", required: false, description: "{ allowedUsers: [U…], allowedGroups: [S…] }: who may press the Slack buttons" },
];

/** Every key of one route. */
export const ROUTE_FIELDS: readonly FieldSpec[] = [
  { key: "match", kind: "structure", required: false, description: "EventBridge pattern over the alert's route view (policy, severity, service, tags, ...); absent = every alert" },
  { key: "destinations", kind: "destination-names", required: true, description: "where matching alerts go" },
  { key: "continue", kind: "boolean", required: false, description: "true: later routes are tried too; default false (the first matching route wins)" },
];


function parseDestination(name: string, value: unknown, source: YamlSource, env: Env, into: { specs: DestinationSpec[]; inactive: { name: string; reason: string }[] }): void {
  const at = ["destinations", name];
  if (!isJsonObject(value)) return source.error(at, `a destination is a mapping with a type, not ${kindOf(value)}`);
  const type = value.type;
  const output = typeof type === "string" ? outputTypes.get(type) : undefined;
  if (output === undefined) return source.error([...at, "type"], `type must be one of ${[...outputTypes.keys()].join(", ")}, not ${JSON.stringify(type)}${typeof type === "string" ? didYouMean(type, outputTypes.keys()) : ""}`);
  const config: Record<string, unknown> = {};
  let missing: string | undefined;
  const keys = { specs: output.configKeys, ignore: ["type"], unknown: (key: string, hint: string, allowed: string) => `unknown key "${key}" for a ${output.type} destination${hint}; allowed: ${allowed}` };
  checkKeys(value, keys, (path, message) => source.error([...at, ...path], message), (spec, raw) => {
    const substituted = typeof raw === "string" ? substituteEnv(raw, env) : { value: raw };
    if ("missing" in substituted) {
      missing ??= substituted.missing;
      return;
    }
    checkValue(spec, substituted.value, [...at, spec.key], source);
    config[spec.key] = substituted.value;
  });
  if (missing !== undefined) into.inactive.push({ name, reason: `environment variable ${missing} is not set` });
  else into.specs.push({ name, type: output.type, config });
}

const NAMES: FieldSpec = { key: "destinations", kind: "destination-names", required: true, description: "destination names" };

const SILENT = { error: () => undefined };

/** A destination list whose kind the caller's key check already reported on: each name must exist. */
function names(value: unknown, at: (string | number)[], known: ReadonlySet<string>, source: YamlSource): string[] {
  if (checkValue(NAMES, value, at, SILENT) === undefined) return [];
  for (const [i, name] of (value as string[]).entries()) {
    if (!known.has(name)) source.error([...at, i], `no destination named "${name}"${didYouMean(name, known)}`);
  }
  return value as string[];
}

/** An EventBridge pattern over the alert's route view (routes and silences), keys checked against the view. */
export function viewPattern(value: unknown, at: (string | number)[], source: YamlSource, what: string): CompiledPattern | undefined {
  if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      if (key !== "$or" && !(ROUTE_VIEW_FIELDS as readonly string[]).includes(key)) {
        source.error([...at, key], `${what} match on ${ROUTE_VIEW_FIELDS.join(", ")}; not "${key}"${didYouMean(key, ROUTE_VIEW_FIELDS)}`);
      }
    }
  }
  return pattern(value, at, source);
}

function parseRoute(value: unknown, i: number, known: ReadonlySet<string>, source: YamlSource): Route | undefined {
  const at = ["routes", i];
  if (!isJsonObject(value)) {
    source.error(at, `a route is a mapping with match, destinations and optional continue, not ${kindOf(value)}`);
    return undefined;
  }
  const unknown = (key: string, hint: string, allowed: string) => `unknown route key "${key}"${hint}; allowed: ${allowed}`;
  const missing = (spec: FieldSpec) => `a route needs "${spec.key}" (${spec.description})`;
  checkKeys(value, { specs: ROUTE_FIELDS, unknown, missing }, (path, message) => source.error([...at, ...path], message), (spec, raw) => {
    if (spec.kind !== "structure") checkValue(spec, raw, [...at, spec.key], source);
  });
  const match = value.match === undefined ? undefined : viewPattern(value.match, [...at, "match"], source, "routes");
  const destinations = names(value.destinations, [...at, "destinations"], known, source);
  return { match, destinations, continue: value.continue === true };
}

/** Parses and checks a routing config (trailwatch.yml) with the same diagnostics as policies. */
export function loadRoutingConfigText(text: string, file: string, env: Env): { config?: RoutingConfig; diagnostics: Diagnostic[] } {
  const source = new YamlSource(file, text);
  const doc = source.value;
  if (doc === undefined || checkFields(doc, CONFIG_FIELDS, source, "routing config") === undefined || !isJsonObject(doc)) return { diagnostics: source.diagnostics };
  const found = { specs: [] as DestinationSpec[], inactive: [] as { name: string; reason: string }[] };
  if (!isJsonObject(doc.destinations)) source.error(["destinations"], "destinations must be a mapping of name → destination");
  else for (const [name, value] of Object.entries(doc.destinations)) parseDestination(name, value, source, env, found);
  // Every declared name counts as known, so a broken destination is reported once, where it is.
  const known = new Set(isJsonObject(doc.destinations) ? Object.keys(doc.destinations) : []);
  const routes = doc.routes === undefined ? [] : Array.isArray(doc.routes) ? doc.routes.map((r, i) => parseRoute(r, i, known, source)) : (source.error(["routes"], "routes must be a list"), []);
  const defaults = doc.default === undefined ? [...found.specs, ...found.inactive].map((d) => d.name) : names(doc.default, ["default"], known, source);
  const interact = parseInteractAccess(doc.interact, source);
  if (source.diagnostics.some((d) => d.level === "error")) return { diagnostics: source.diagnostics };
  for (const off of found.inactive) source.warn(["destinations", off.name], `destination "${off.name}" is off: ${off.reason}`);
  const config: RoutingConfig = { destinations: found.specs, inactive: found.inactive, routes: routes.filter((r): r is Route => r !== undefined), defaults, interact };
  return { config, diagnostics: source.diagnostics };
}
