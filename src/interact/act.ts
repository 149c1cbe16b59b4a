import type { WebClient } from "@slack/web-api";
import { ACK_ACTION, SILENCE_1H_ACTION } from "../alert/render/slack.js";
import { compilePattern } from "../pattern/index.js";
import type { SilenceStore } from "../silence/store.js";
import type { InteractAccess } from "../routing/interact-access.js";
import type { Click } from "./click.js";
import type { InteractStore } from "./store.js";

export interface ActContext {
  readonly slack: WebClient;
  readonly store: InteractStore;
  readonly silences: SilenceStore;
  readonly access: InteractAccess;
  readonly now: Date;
}

const SILENCE_SECONDS = 3600;
const hhmm = (date: Date) => date.toISOString().slice(11, 16);
/** A user id is `U…`/`W…` (checked on parse): `<@id>` renders as @name and cannot inject markup. */
const mention = (click: Click) => (/^[UW][A-Z0-9]+$/.test(click.user.id) ? `<@${click.user.id}>` : "someone");

async function allowed(click: Click, ctx: ActContext): Promise<boolean> {
  if (ctx.access.allowedUsers.includes(click.user.id)) return true;
  for (const group of ctx.access.allowedGroups) {
    const members = await ctx.slack.usergroups.users.list({ usergroup: group });
    if ((members.users ?? []).includes(click.user.id)) return true;
  }
  return false;
}

/** The message as it was, minus the pressed button, plus one line saying who did what. */
async function edit(click: Click, ctx: ActContext, line: string): Promise<void> {
  const blocks = click.message.blocks.map((b) => {
    const block = b as { type?: string; elements?: { action_id?: string }[] };
    return block.type === "actions" && Array.isArray(block.elements) ? { ...block, elements: block.elements.filter((e) => e.action_id !== click.action) } : b;
  }).filter((b) => !((b as { type?: string }).type === "actions" && ((b as { elements?: unknown[] }).elements ?? []).length === 0));
  const note = { type: "context", elements: [{ type: "mrkdwn", text: line }] };
  await ctx.slack.chat.update({ channel: click.channel, ts: click.messageTs, text: click.message.text || line, blocks: [...blocks, note] as never });
}

type Action = (click: Click, ctx: ActContext) => Promise<void>;

const ACTIONS: ReadonlyMap<string, Action> = new Map<string, Action>([
  [ACK_ACTION, async (click, ctx) => {
    await ctx.store.recordAck(click.eventId, click.policy, click.user.id, ctx.now);
    await edit(click, ctx, `:white_check_mark: acknowledged by ${mention(click)} ${hhmm(ctx.now)} UTC`);
  }],
  [SILENCE_1H_ACTION, async (click, ctx) => {
    const end = new Date(ctx.now.getTime() + SILENCE_SECONDS * 1000);
    const id = await ctx.silences.nextId();
    await ctx.silences.put({
      id, match: compilePattern({ policy: [click.policy] }), start: ctx.now.toISOString(), end: end.toISOString(),
      reason: `Silence 1h button on eventID ${click.eventId}`, creator: `@${click.user.name} (${click.user.id}) via Slack`, holdCritical: false, origin: "table",
    }, ctx.now);
    await edit(click, ctx, `:no_bell: silenced 1h by ${mention(click)} (${id}, ${click.policy} until ${hhmm(end)} UTC; announced to every destination)`);
  }],
]);

/** "acted" | "refused" (ephemeral sent) | "ignored" (an action that is not ours). */
export async function act(click: Click, ctx: ActContext): Promise<"acted" | "refused" | "ignored"> {
  const action = ACTIONS.get(click.action);
  if (action === undefined) return "ignored";
  if (!(await allowed(click, ctx))) {
    await ctx.slack.chat.postEphemeral({ channel: click.channel, user: click.user.id, text: "Only the people trailwatch.yml allows (interact: allowedUsers / allowedGroups) can acknowledge or silence alerts. Nothing was changed." });
    return "refused";
  }
  await action(click, ctx);
  return "acted";
}
