/** What to do about each Slack `ok:false` error code chat.postMessage can return. */
export const SLACK_HINTS: ReadonlyMap<string, string> = new Map([
  ["channel_not_found", "The channel does not exist or the bot cannot see it: check the channel id and invite the bot to the channel"],
  ["not_in_channel", "Invite the bot to the channel (/invite @<bot>)"],
  ["is_archived", "The channel is archived: unarchive it or route the policy to another channel"],
  ["invalid_auth", "The bot token is not valid: check the token parameter in SSM"],
  ["not_authed", "No bot token was sent: check the token parameter in SSM"],
  ["token_revoked", "The bot token was revoked: reinstall the Slack app and update the token in SSM"],
  ["token_expired", "The bot token expired: rotate it and update the token in SSM"],
  ["account_inactive", "The bot's user or workspace is deactivated: reinstall the Slack app"],
  ["missing_scope", "Give the Slack app the chat:write scope and reinstall it"],
  ["restricted_action", "A workspace policy stops the bot from posting here: ask a Slack admin"],
  ["ratelimited", "Slack kept rate limiting after retries: lower the alert volume or spread it over channels"],
  ["timeout", "Slack did not answer within the invocation's budget: the invocation fails, and Lambda's retry re-sends only to Slack"],
  ["invalid_blocks", "Slack rejected the message layout: report this Trailwatch bug with the eventID"],
  ["msg_blocks_too_long", "Slack rejected the message as too long: report this Trailwatch bug with the eventID"],
  ["msg_too_long", "Slack rejected the message as too long: report this Trailwatch bug with the eventID"],
]);

export const DEFAULT_SLACK_HINT = "Check the Slack app's installation, token and channel, then the Slack status page";
