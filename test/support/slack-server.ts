import { startHttpServer, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A fake Slack Web API: `chat.postMessage` (with `thread_ts` replies: the parent must exist in
 * that channel, else `thread_not_found`), `chat.update` (`message_not_found` for an unknown
 * ts) and `chat.postEphemeral` (needs a `user`), each `POST /api/<method>` with a form-encoded body (what
 * `@slack/web-api` sends; `blocks` arrives as a JSON string) or a JSON body, the token in
 * `Authorization: Bearer` (or a `token` field). It rejects what Slack rejects: a missing
 * token, an unknown channel, and blocks over Slack's published limits (`invalid_blocks`).
 */

export interface SlackPost {
  readonly token: string | undefined;
  readonly channel: string;
  readonly text: string | undefined;
  /** Parsed `blocks`, or `undefined` when none were sent. */
  readonly blocks: readonly SlackBlockJson[] | undefined;
  /** Every field as received, JSON-encoded values left as strings. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** The parent's ts when this is a thread reply. */
  readonly threadTs: string | undefined;
  /** The ts Slack gave it (updates carry the edited message's ts). */
  ts: string;
}

export interface SlackBlockJson {
  readonly type: string;
  readonly text?: { readonly type: string; readonly text: string; readonly verbatim?: boolean };
  readonly fields?: ReadonlyArray<{ readonly type: string; readonly text: string }>;
  readonly elements?: ReadonlyArray<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

export interface SlackServer {
  /** Put this in `SLACK_API_URL` (ends in `/api/`). */
  readonly apiUrl: string;
  readonly http: TestHttpServer;
  /** Every message Slack accepted, in order (thread replies included: see `threadTs`). */
  readonly posts: SlackPost[];
  /** Every accepted `chat.update`, in order; `ts` names the edited message. */
  readonly updates: SlackPost[];
  /** Every accepted `chat.postEphemeral` (`raw.user` is who saw it). */
  readonly ephemerals: SlackPost[];
  /** The next `times` calls get HTTP 429 with `Retry-After: <seconds>` (pass Infinity for "forever"). */
  rateLimit(times: number, retryAfterSeconds?: number): void;
  /** The next `times` calls get HTTP 200 `{"ok":false,"error":<error>}`. */
  failWith(error: string, times?: number): void;
  /** Every call is accepted and never answered until `heal()` (Slack hung). */
  hang(): void;
  /** Every call gets HTTP 503 until `heal()` (Slack down). */
  down(): void;
  heal(): void;
  close(): Promise<void>;
}

export interface SlackServerOptions {
  /** Channels the bot can post to; others get `channel_not_found`. Any channel when omitted. */
  readonly channels?: readonly string[];
  /** Tokens Slack accepts; others get `invalid_auth`. Any `xoxb-` token when omitted. */
  readonly tokens?: readonly string[];
  /** A fixed port (the local stand-ins script); ephemeral when omitted. */
  readonly port?: number;
  /** Called for each message posted, before the reply (the local stand-ins script prints it). */
  readonly onPost?: (post: SlackPost) => void;
  /** Members of each user group, for `usergroups.users.list` (unknown group: `no_such_subteam`). */
  readonly userGroups?: Readonly<Record<string, readonly string[]>>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(body),
});

function fieldsOf(request: RecordedRequest): Record<string, unknown> {
  const type = request.headers["content-type"] ?? "";
  if (type.startsWith("application/json")) return JSON.parse(request.body) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(request.body));
}

function parsePost(request: RecordedRequest): SlackPost {
  const raw = fieldsOf(request);
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
  const blocks: unknown = typeof raw["blocks"] === "string" ? (JSON.parse(raw["blocks"]) as unknown) : raw["blocks"];
  return {
    token: bearer ?? (typeof raw["token"] === "string" ? raw["token"] : undefined),
    channel: typeof raw["channel"] === "string" ? raw["channel"] : "",
    text: typeof raw["text"] === "string" ? raw["text"] : undefined,
    blocks: blocks as SlackBlockJson[] | undefined,
    raw,
    threadTs: typeof raw["thread_ts"] === "string" ? raw["thread_ts"] : undefined,
    ts: typeof raw["ts"] === "string" ? raw["ts"] : "",
  };
}

const tooLong = (text: { text: string } | undefined, max: number): boolean => text !== undefined && text.text.length > max;

/** Slack's documented Block Kit limits for the block types we send. */
function blocksInvalid(blocks: readonly SlackBlockJson[] | undefined): boolean {
  if (blocks === undefined) return false;
  if (blocks.length > 50) return true;
  return blocks.some((b) => {
    if (b.type === "header") return b.text?.type !== "plain_text" || tooLong(b.text, 150);
    if (b.type === "section") return tooLong(b.text, 3000) || (b.fields ?? []).length > 10 || (b.fields ?? []).some((f) => tooLong(f, 2000));
    return false;
  });
}

function answer(post: SlackPost, options: SlackServerOptions): Reply | undefined {
  if (!post.token) return json(200, { ok: false, error: "not_authed" });
  const tokenOk = options.tokens ? options.tokens.includes(post.token) : post.token.startsWith("xoxb-");
  if (!tokenOk) return json(200, { ok: false, error: "invalid_auth" });
  if (post.raw["usergroup"] !== undefined) return undefined;
  if (!post.channel || (options.channels && !options.channels.includes(post.channel))) return json(200, { ok: false, error: "channel_not_found" });
  if (!post.text && !post.blocks) return json(200, { ok: false, error: "no_text" });
  if (blocksInvalid(post.blocks)) return json(200, { ok: false, error: "invalid_blocks" });
  return undefined;
}

type Method = (post: SlackPost, state: { posts: SlackPost[]; updates: SlackPost[]; ephemerals: SlackPost[]; next: () => string; options: SlackServerOptions }) => Reply;

const known = (posts: readonly SlackPost[], channel: string, ts: string) => posts.some((p) => p.channel === channel && p.ts === ts && p.threadTs === undefined);

const METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ["chat.postMessage", (post, state) => {
    if (post.threadTs !== undefined && !known(state.posts, post.channel, post.threadTs)) return json(200, { ok: false, error: "thread_not_found" });
    post.ts = state.next();
    state.posts.push(post);
    state.options.onPost?.(post);
    return json(200, { ok: true, channel: post.channel, ts: post.ts, message: { type: "message", text: post.text, ts: post.ts } });
  }],
  ["chat.update", (post, state) => {
    if (!known(state.posts, post.channel, post.ts)) return json(200, { ok: false, error: "message_not_found" });
    state.updates.push(post);
    return json(200, { ok: true, channel: post.channel, ts: post.ts, text: post.text });
  }],
  ["usergroups.users.list", (post, state) => {
    const members = state.options.userGroups?.[String(post.raw["usergroup"])];
    return members === undefined ? json(200, { ok: false, error: "no_such_subteam" }) : json(200, { ok: true, users: members });
  }],
  ["chat.postEphemeral", (post, state) => {
    if (typeof post.raw["user"] !== "string") return json(200, { ok: false, error: "user_not_in_channel" });
    state.ephemerals.push(post);
    return json(200, { ok: true, message_ts: state.next() });
  }],
]);

/** Start a fake Slack Web API on 127.0.0.1 with an ephemeral port. */
export async function startSlackServer(options: SlackServerOptions = {}): Promise<SlackServer> {
  const posts: SlackPost[] = [];
  const updates: SlackPost[] = [];
  const ephemerals: SlackPost[] = [];
  let seq = 0;
  const next = () => `1786000000.${String(++seq).padStart(6, "0")}`;
  const handle = (request: RecordedRequest): Reply => {
    const method = request.method === "POST" ? METHODS.get(request.url.split("?")[0]?.replace(/^\/api\//, "") ?? "") : undefined;
    if (method === undefined) return json(200, { ok: false, error: "unknown_method" });
    const post = parsePost(request);
    const refused = answer(post, options);
    if (refused) return refused;
    return method(post, { posts, updates, ephemerals, next, options });
  };
  const http = await startHttpServer(handle, { port: options.port });
  return {
    apiUrl: `${http.url}/api/`,
    http,
    posts,
    updates,
    ephemerals,
    rateLimit: (times, seconds = 0) => {
      const reply = json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(seconds) });
      if (times === Number.POSITIVE_INFINITY) http.faults.failAlways(reply);
      else http.faults.failNext(times, reply);
    },
    failWith: (error, times = 1) => void http.faults.failNext(times, json(200, { ok: false, error })),
    hang: () => void http.faults.failAlways("hold"),
    down: () => void http.faults.failAlways({ status: 503, body: "upstream unavailable" }),
    heal: () => void http.faults.heal(),
    close: () => http.close(),
  };
}
