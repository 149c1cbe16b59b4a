import { isJsonObject } from "../pattern/json.js";
import { kindOf } from "../text/describe.js";
import { checkKeys } from "../policy/closed-keys.js";
import { checkValue } from "../policy/field-kinds.js";
import type { FieldSpec } from "../policy/fields.js";
import type { YamlSource } from "../policy/yaml-source.js";

/** Who may press Acknowledge / Silence 1h: Slack user ids (U…/W…) and user-group ids (S…). */
export interface InteractAccess {
  readonly allowedUsers: readonly string[];
  readonly allowedGroups: readonly string[];
}

export const NO_ONE: InteractAccess = { allowedUsers: [], allowedGroups: [] };

/** Every key of `interact:`; each value's kind (src/policy/field-kinds.ts) checks it and gives its schema. */
export const INTERACT_FIELDS: readonly FieldSpec[] = [
  { key: "allowedUsers", kind: "slack-user-ids", required: false, description: "Slack user ids (U…) who may press the buttons" },
  { key: "allowedGroups", kind: "slack-group-ids", required: false, description: "Slack user-group ids (S…) whose members may press them" },
];

/** `interact:` in trailwatch.yml; absent = nobody may use the buttons (every click gets a refusal). */
export function parseInteractAccess(value: unknown, source: YamlSource): InteractAccess {
  if (value === undefined) return NO_ONE;
  if (!isJsonObject(value)) {
    source.error(["interact"], `interact must be a mapping with allowedUsers and/or allowedGroups, not ${kindOf(value)}`);
    return NO_ONE;
  }
  const ids = new Map<string, string[]>();
  checkKeys(value, { specs: INTERACT_FIELDS }, (path, message) => source.error(["interact", ...path], message), (spec, raw) => {
    const checked = checkValue(spec, raw, ["interact", spec.key], source);
    if (checked !== undefined) ids.set(spec.key, checked as string[]);
  });
  return { allowedUsers: ids.get("allowedUsers") ?? [], allowedGroups: ids.get("allowedGroups") ?? [] };
}
