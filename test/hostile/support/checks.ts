import { expect } from "vitest";
import type { SlackPost } from "../../support/slack-server.js";

/** Checks every hostile case ends with, whatever its input: no injection, nothing polluted. */

export const SNS_MESSAGE_MAX_BYTES = 262_144;

// TAB is allowed: it moves the cursor, but cannot rewrite anything on screen.
// eslint-disable-next-line no-control-regex -- control characters are what we look for
const UNSAFE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const BIDI_OVERRIDE = /[\u202a-\u202e\u2066-\u2069]/;

/** `{ text: "..." }` (mrkdwn / plain_text objects) or a string, as Slack blocks hold text. */
function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const inner = typeof value === "object" && value !== null ? (value as { text?: unknown }).text : undefined;
  return typeof inner === "string" ? inner : undefined;
}

/** Every text of a Slack message: fallback, header, sections, fields, context, buttons. */
export function slackTexts(post: { readonly text?: string | undefined; readonly blocks?: readonly object[] | undefined }): string[] {
  const texts = post.text === undefined ? [] : [post.text];
  for (const block of (post.blocks ?? []) as readonly { text?: unknown; fields?: unknown[]; elements?: unknown[] }[]) {
    for (const part of [block.text, ...(block.fields ?? []), ...(block.elements ?? []).map((e) => textOf(e) ?? textOf((e as { text?: unknown }).text))]) {
      const text = textOf(part);
      if (text !== undefined) texts.push(text);
    }
  }
  return texts;
}

/** The text left once code blocks and code spans (where Slack formats nothing) are removed. */
function outsideCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
}

/**
 * No mention, link or formatting from a record survives: the fixture policies carry no
 * references, so no `<` or `>` may reach Slack at all, code fences and spans stay balanced,
 * and the markup words of the hostile corpus (`*bold*`, `_it_`, `~strike~`) never format.
 */
export function expectSafeSlackText(text: string): void {
  expect(text, "Slack text holds a raw < or > (mention, link or quote)").not.toMatch(/[<>]/);
  expect((text.match(/```/g) ?? []).length, "code fences in a Slack text").toBeLessThanOrEqual(2);
  expect((text.match(/```/g) ?? []).length % 2, "unbalanced code fence").toBe(0);
  const plain = outsideCode(text);
  expect((plain.match(/`/g) ?? []).length, "unbalanced code span").toBe(0);
  expect(plain).not.toMatch(/\*bold\*|(^|\W)_it_(\W|$)|~strike~/);
}

const BUTTON_URL = /^https:\/\/[a-z]{2}(?:-[a-z]+)+-\d{1,2}\.console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/cloudtrail\/home\?region=[a-z0-9-]+#\/events\/[^\s<>|]*$/;

export function expectSafeSlackPost(post: SlackPost): void {
  for (const text of slackTexts(post)) expectSafeSlackText(text);
  for (const block of post.blocks ?? []) {
    for (const element of block.elements ?? []) {
      if (element.type !== "button") continue;
      // A link button goes to the CloudTrail console; the on-call buttons carry no link, only a bounded value.
      if (element.url !== undefined) expect(element.url).toMatch(BUTTON_URL);
      else expect([element.action_id, String(element.value).length <= 2000]).toEqual([expect.stringMatching(/^trailwatch_(ack|silence_1h)$/), true]);
    }
  }
  expect(post.raw.unfurl_links).toBe("false");
  expect(post.raw.unfurl_media).toBe("false");
}

/** What SNS (and an e-mail header) accepts: printable ASCII, one line, fewer than 100 characters. */
export function expectSafeSubject(subject: string | undefined): void {
  expect(subject).toBeDefined();
  expect(subject).toMatch(/^[\x20-\x7e]{1,99}$/);
}

export function expectSafeBody(message: string): void {
  expect(Buffer.byteLength(message)).toBeLessThanOrEqual(SNS_MESSAGE_MAX_BYTES);
  expect(message).not.toMatch(UNSAFE_CONTROL);
  expect(message).not.toMatch(BIDI_OVERRIDE);
}

const BLOCK_HEAD = /^\[(?:INFO|LOW|MEDIUM|HIGH|CRITICAL)\] /;
const TOTALS = /^\d+ record\(s\), \d+ alert\(s\)$/;

/**
 * `eval`'s text output: no terminal escapes or bidi overrides, and no line a record forged:
 * one header line per alert, every other line indented, then the totals line.
 */
export function expectSafeTerminal(stdout: string, alerts: number): void {
  expect(stdout).not.toMatch(UNSAFE_CONTROL);
  expect(stdout).not.toMatch(BIDI_OVERRIDE);
  const lines = stdout.split("\n").filter((l) => l !== "");
  expect(lines.filter((l) => BLOCK_HEAD.test(l)), "alert header lines").toHaveLength(alerts);
  const stray = lines.filter((l) => !BLOCK_HEAD.test(l) && !l.startsWith("  ") && !TOTALS.test(l));
  expect(stray, "lines no alert block explains (forged by a record?)").toEqual([]);
}

export function expectSafeStderr(stderr: string): void {
  expect(stderr).not.toMatch(UNSAFE_CONTROL);
  expect(stderr).not.toMatch(BIDI_OVERRIDE);
}

interface PrototypeState {
  readonly objectKeys: string[];
  readonly arrayKeys: string[];
  readonly functionKeys: string[];
  readonly toString: unknown;
}

function prototypeState(): PrototypeState {
  return {
    objectKeys: Reflect.ownKeys(Object.prototype).map(String).sort(),
    arrayKeys: Reflect.ownKeys(Array.prototype).map(String).sort(),
    functionKeys: Reflect.ownKeys(Function.prototype).map(String).sort(),
    toString: Object.prototype.toString,
  };
}

const pristine = prototypeState();

/** No `__proto__` / `constructor.prototype` key reached the shared prototypes. */
export function expectNoPollution(): void {
  expect(prototypeState()).toEqual(pristine);
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.eventSource).toBeUndefined();
  expect(probe.type).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}
