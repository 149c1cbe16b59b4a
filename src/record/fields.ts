/**
 * The top-level keys of a CloudTrail record (CloudTrail User Guide, "CloudTrail record
 * contents"). A policy naming another key, in a pattern or a template, would never see a
 * value: `requestParameter.contactId` is a typo, not a field.
 */
export const RECORD_KEYS: readonly string[] = [
  "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
  "userAgent", "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData",
  "requestID", "eventID", "readOnly", "eventType", "managementEvent", "recipientAccountId", "eventCategory",
  "resources", "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId", "tlsDetails",
  "sessionCredentialFromConsole", "eventContext", "omitted", "apiVersion", "serviceEventDetails",
  "insightDetails", "edgeDeviceDetails", "addendum", "annotation",
];
