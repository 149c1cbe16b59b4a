import { isValidSlackRequest } from "@slack/bolt/dist/receivers/verify-request.js";

/** What a Lambda Function URL hands the function (payload format 2.0), as far as we read it. */
export interface FunctionUrlRequest {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

const MAX_SKEW_MS = 5 * 60 * 1000;

export type Verified = { readonly ok: true; readonly body: string; readonly signature: string } | { readonly ok: false; readonly reason: string };

/**
 * Slack's request signing (v0): HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing
 * secret, compared in constant time, the timestamp within 5 minutes of `now`. Bolt's own
 * implementation (deep import: only node:crypto and tsscmp end up in the bundle, not Bolt's
 * HTTP stack), rather than crypto of our own.
 */
export function verifySlack(request: FunctionUrlRequest, signingSecret: string, now: Date): Verified {
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const signature = headers["x-slack-signature"];
  const timestamp = Number(headers["x-slack-request-timestamp"]);
  const body = request.isBase64Encoded ? Buffer.from(request.body ?? "", "base64").toString("utf8") : (request.body ?? "");
  if (!signature || !Number.isFinite(timestamp)) return { ok: false, reason: "missing X-Slack-Signature or X-Slack-Request-Timestamp" };
  // Bolt refuses only timestamps older than 5 minutes; one from the future would stay replayable for longer.
  if (timestamp * 1000 > now.getTime() + MAX_SKEW_MS) return { ok: false, reason: "the timestamp is more than 5 minutes in the future" };
  const valid = isValidSlackRequest({ signingSecret, body, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp }, nowMilliseconds: now.getTime() });
  return valid ? { ok: true, body, signature } : { ok: false, reason: "signature does not verify, or the timestamp is more than 5 minutes off" };
}
