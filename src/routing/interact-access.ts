import { isJsonObject } from "../pattern/json.js";
import { kindOf } from "../text/describe.js";
import { checkKeys } from "../policy/closed-keys.js";
import type { YamlSource } from "../policy/yaml-source.js";

/** Who may press Acknowledge / Silence 1h: Slack user ids (U…/W…) and user-group ids (S…). */
export interface InteractAccess {
  readonly allowedUsers: readonly string[];
  readonly allowedGroups: readonly string[];
}

export const NO_ONE: InteractAccess = { allowedUsers: [], allowedGroups: [] };

const USER = /^[UW][A-Z0-9]{2,}$/;
const GROUP = /^S[A-Z0-9]{2,}$/;

function ids(value: unknown, at: (string | number)[], pattern: RegExp, what: string, source: YamlSource): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    source.error(at, `must be a list of ${what}, not ${kindOf(value)}`);
    return [];
  }
  return value.filter((v, i) => {
    const ok = typeof v === "string" && pattern.test(v);
    if (!ok) source.error([...at, i], `must be a Slack ${what} like ${pattern === USER ? "U0123ABCD" : "S0123ABCD"}, not ${JSON.stringify(v)} (names can be renamed; ids cannot)`);
    return ok;
  }) as string[];
}

const INTERACT_KEYS = [
  { key: "allowedUsers", required: false, description: "Slack user ids (U…) who may press the buttons" },
  { key: "allowedGroups", required: false, description: "Slack user-group ids (S…) whose members may press them" },
];

/** `interact:` in trailwatch.yml; absent = nobody may use the buttons (every click gets a refusal). */
export function parseInteractAccess(value: unknown, source: YamlSource): InteractAccess {
  if (value === undefined) return NO_ONE;
  if (!isJsonObject(value)) {
    source.error(["interact"], `interact must be a mapping with allowedUsers and/or allowedGroups, not ${kindOf(value)}`);
    return NO_ONE;
  }
  checkKeys(value, { specs: INTERACT_KEYS }, (path, message) => source.error(["interact", ...path], message));
  return {
    allowedUsers: ids(value.allowedUsers, ["interact", "allowedUsers"], USER, "user id", source),
    allowedGroups: ids(value.allowedGroups, ["interact", "allowedGroups"], GROUP, "user-group id", source),
  };
}
