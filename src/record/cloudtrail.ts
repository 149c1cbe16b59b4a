/**
 * The one record shape inside Trailwatch: a CloudTrail record (what EventBridge calls
 * `detail` of an "AWS API Call via CloudTrail" event). Only the fields Trailwatch reads
 * are typed; everything else is kept as it came.
 */
export interface UserIdentity {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: {
    sessionIssuer?: { type?: string; principalId?: string; arn?: string; accountId?: string; userName?: string };
    webIdFederationData?: Record<string, unknown>;
    attributes?: { creationDate?: string; mfaAuthenticated?: string };
    sourceIdentity?: string;
  };
  onBehalfOf?: { userId?: string; identityStoreArn?: string };
  [key: string]: unknown;
}

export interface CloudTrailRecord {
  eventVersion?: string;
  userIdentity?: UserIdentity;
  eventTime?: string;
  eventSource?: string;
  eventName?: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  requestID?: string;
  eventID?: string;
  readOnly?: boolean;
  eventType?: string;
  managementEvent?: boolean;
  recipientAccountId?: string;
  eventCategory?: string;
  sessionCredentialFromConsole?: string;
  [key: string]: unknown;
}
