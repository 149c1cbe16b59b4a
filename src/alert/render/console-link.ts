/** Region names as AWS spells them (`us-east-2`, `ap-southeast-4`, `us-gov-west-1`). */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** Where we send the reader when the record's region is missing or malformed. */
const DEFAULT_REGION = "us-east-1";

/** Console host per partition, chosen by region prefix; the first match wins. */
const CONSOLE_HOSTS: ReadonlyArray<{ readonly prefix: string; readonly host: (region: string) => string }> = [
  { prefix: "cn-", host: (region) => `${region}.console.amazonaws.cn` },
  { prefix: "us-gov-", host: (region) => `${region}.console.amazonaws-us-gov.com` },
  { prefix: "", host: (region) => `${region}.console.aws.amazon.com` },
];

/**
 * The CloudTrail console page for one event. The region is checked against AWS's naming
 * pattern (it picks the host name, so it must never carry `/`, `@` or `#`) and the event id
 * is percent-encoded, so neither can point the link anywhere but the CloudTrail console.
 */
export function cloudTrailEventUrl(region: string | undefined, eventId: string): string {
  const safeRegion = region !== undefined && REGION.test(region) ? region : DEFAULT_REGION;
  const entry = CONSOLE_HOSTS.find((h) => safeRegion.startsWith(h.prefix));
  const host = entry ? entry.host(safeRegion) : `${safeRegion}.console.aws.amazon.com`;
  return `https://${host}/cloudtrail/home?region=${safeRegion}#/events/${encodeURIComponent(wellFormed(eventId))}`;
}

/** Lone surrogates (legal in JSON) would make encodeURIComponent throw; they become U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}
