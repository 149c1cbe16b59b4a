import { isJsonObject } from "../pattern/json.js";

/** One button press, as much of Slack's block_actions payload as we use, checked. */
export interface Click {
  readonly action: string;
  readonly policy: string;
  readonly eventId: string;
  readonly user: { readonly id: string; readonly name: string };
  readonly channel: string;
  readonly messageTs: string;
  readonly message: { readonly text: string; readonly blocks: readonly unknown[] };
}

const POLICY = /^[A-Za-z0-9][\w.-]{0,199}$/;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function alertOf(value: unknown): { policy: string; eventId: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(String(value));
    if (!isJsonObject(parsed) || typeof parsed.policy !== "string" || typeof parsed.eventId !== "string") return undefined;
    return POLICY.test(parsed.policy) && parsed.eventId.length <= 1000 ? { policy: parsed.policy, eventId: parsed.eventId } : undefined;
  } catch {
    return undefined;
  }
}

/** The click in a form-encoded `payload=<json>` body; undefined for anything else (ignored with a 200). */
export function parseClick(body: string): Click | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(new URLSearchParams(body).get("payload") ?? "null");
  } catch {
    return undefined;
  }
  if (!isJsonObject(payload) || payload.type !== "block_actions" || !Array.isArray(payload.actions)) return undefined;
  const action = payload.actions[0];
  const user = isJsonObject(payload.user) ? payload.user : {};
  const container = isJsonObject(payload.container) ? payload.container : {};
  const channel = isJsonObject(payload.channel) ? str(payload.channel.id) : str(container.channel_id);
  const message = isJsonObject(payload.message) ? payload.message : {};
  const alert = isJsonObject(action) ? alertOf(action.value) : undefined;
  const id = str(user.id);
  const messageTs = str(container.message_ts) ?? str(message.ts);
  if (!isJsonObject(action) || alert === undefined || id === undefined || channel === undefined || messageTs === undefined) return undefined;
  return {
    action: String(action.action_id), ...alert, user: { id, name: str(user.username) ?? str(user.name) ?? id }, channel, messageTs,
    message: { text: str(message.text) ?? "", blocks: Array.isArray(message.blocks) ? message.blocks : [] },
  };
}
