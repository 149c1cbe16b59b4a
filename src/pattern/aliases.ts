/** Words people bring from other rule languages, and the EventBridge operator that does the job. */
export const OPERATOR_ALIASES: ReadonlyMap<string, string> = new Map([
  ["startswith", "prefix"], ["starts-with", "prefix"], ["begins_with", "prefix"],
  ["endswith", "suffix"], ["ends-with", "suffix"],
  ["contains", "wildcard"], ["glob", "wildcard"], ["like", "wildcard"], ["regex", "wildcard"],
  ["not", "anything-but"], ["ne", "anything-but"], ["not-in", "anything-but"], ["anything_but", "anything-but"],
  ["ignorecase", "equals-ignore-case"], ["iequals", "equals-ignore-case"],
  ["gt", "numeric"], ["lt", "numeric"], ["range", "numeric"], ["between", "numeric"],
  ["ip", "cidr"], ["cidrmatch", "cidr"], ["exist", "exists"], ["present", "exists"], ["or", "$or"],
]);
