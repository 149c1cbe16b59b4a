/**
 * The service a CloudTrail `eventSource` names: `ssm-contacts.amazonaws.com` and the
 * pre-release spelling `gamma-ssm-contacts.amazonaws.com` (it appears in AWS's own examples)
 * are both `ssm-contacts`. Routing (`service`), the EventBridge rule source
 * (`aws.ssm-contacts`) and the SNS `service` attribute all take it from here, so a filter on
 * one name sees every spelling. What people read (the e-mail's "Call" line) keeps the raw
 * eventSource.
 */
export function serviceName(eventSource: string): string {
  return eventSource.replace(/^gamma-/, "").replace(/\.amazonaws\.com$/, "");
}
