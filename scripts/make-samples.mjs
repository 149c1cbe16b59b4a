#!/usr/bin/env node
// @ts-check
// Writes samples/: CloudTrail log files in the S3 layout (gzipped {"Records":[...]}) and
// EventBridge "AWS API Call via CloudTrail" envelopes, for `trailwatch replay samples/`.
//
// Deterministic on purpose: fixed timestamps, ids derived from a seed string with SHA-256,
// so re-running produces byte-identical files and a diff shows only intended changes.
//
// The story (account 111122223333, 20 Nov 2026, UTC), hidden among routine noise:
//   10:07  root signs in to the console without MFA, browses contacts and deletes
//          alice's SMS channel (contact-channel-deleted, root-activity,
//          console-write-without-mfa)
//   10:12  an automation role deactivates bob's voice channel (contact-channel-deactivated)
//   10:16  deploy-bot's access key, from an unfamiliar address, empties the payments
//          response plan's engagements and chat channel (response-plan-updated), switches
//          off deletion protection and deletes the replication set (deletion-protection-
//          disabled, replication-set-deleted)
//   10:22  an EC2 instance role probes Incident Manager in ap-southeast-2 and is denied
//          (access-denied-read, access-denied-write, unexpected-region)
//   eventbridge/  a live StopEngagement and DeleteResponsePlan as EventBridge delivers them.
//
// Usage: node scripts/make-samples.mjs [outDir]   (default: samples/ next to this script)
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const ACCOUNT = "111122223333";
const OUT = parseArgs({ allowPositionals: true }).positionals[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "samples");

/** @param {string} seed */
const sha = (seed) => createHash("sha256").update(seed).digest("hex");
/** @param {string} seed */
function uuid(seed) {
  const h = sha(seed);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/**
 * @param {string} seed
 * @param {number} n
 */
const token = (seed, n) => [...Buffer.from(sha(seed), "hex")].slice(0, n).map((b) => ALNUM[b % ALNUM.length]).join("");

// ---------------------------------------------------------------- identities
/**
 * @param {string} name
 * @param {string} session
 * @param {string} principal
 * @param {string} created
 * @param {{ mfa?: string, rolePath?: string }} [options]
 */
function role(name, session, principal, created, { mfa = "false", rolePath = "" } = {}) {
  return {
    type: "AssumedRole", principalId: `${principal}:${session}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${session}`,
    accountId: ACCOUNT, accessKeyId: `ASIAQ3EG${principal.slice(12, 20)}XMPL`,
    sessionContext: {
      sessionIssuer: { type: "Role", principalId: principal, arn: `arn:aws:iam::${ACCOUNT}:role/${rolePath}${name}`, accountId: ACCOUNT, userName: name },
      webIdFederationData: {},
      attributes: { creationDate: created, mfaAuthenticated: mfa },
    },
  };
}
const ROOT = {
  type: "Root", principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: "ASIAQ3EGRTU7ROOTEXMP",
  sessionContext: { attributes: { creationDate: "2026-11-20T10:07:14Z", mfaAuthenticated: "false" } },
};
const SSO = role("AWSReservedSSO_IncidentResponders_5e1f0c7a9b2d4e38", "dave@example.com", "AROAQ3EGRTU7SSORSP01", "2026-11-20T08:55:30Z", { rolePath: "aws-reserved/sso.amazonaws.com/" });
const AUTOMATION = role("IncidentOpsAutomation", "ir-sync-lambda", "AROAQ3EGRTU7IRAUTO01", "2026-11-20T10:05:19Z");
const AUDITOR = role("ReadOnlyAuditor", "i-0b7f3c2a91d4e6f58", "AROAQ3EGRTU7AUDITR01", "2026-11-20T09:12:55Z");
const TERRAFORM = role("TerraformPlan", "gha-run-8812", "AROAQ3EGRTU7TFPLAN01", "2026-11-20T10:01:02Z");
const DEPLOY_BOT = { type: "IAMUser", principalId: "AIDAQ3EGRTU7DEPLOY01", arn: `arn:aws:iam::${ACCOUNT}:user/deploy-bot`, accountId: ACCOUNT, accessKeyId: "AKIAQ3EGRTU7DEPLOY01", userName: "deploy-bot" };
const ONCALL_MALLORY = role("OnCallAdmin", "mallory", "AROAQ3EGRTU7ONCALL01", "2026-11-20T10:28:40Z");
/** @param {string} svc */
const service = (svc) => ({ type: "AWSService", invokedBy: svc });

const BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
const BOTO = "Boto3/1.35.70 md/Botocore#1.35.70 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.70";
/** @param {string} command */
const cli = (command) => `aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.1 os/linux#6.8.0-1019-aws md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#${command}`;
/** @param {string} api */
const terraform = (api) => `APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.78.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.5 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/${api}`;

// ---------------------------------------------------------------- records
/**
 * @typedef {object} RecordOptions
 * @property {string} [region]
 * @property {string} [seed]
 * @property {string} [version]
 * @property {string} [ip]
 * @property {string} [ua]
 * @property {[string, string]} [error]
 * @property {unknown} [params]
 * @property {unknown} [response]
 * @property {object} [additional]
 * @property {boolean} [readOnly]
 * @property {unknown[]} [resources]
 * @property {string} [eventType]
 * @property {boolean} [shared]
 * @property {string} [host]
 * @property {boolean} [console]
 */

/**
 * One CloudTrail record, keys in the order CloudTrail writes them.
 * @param {string} time
 * @param {string} source
 * @param {string} name
 * @param {{ type: string, arn?: string, [key: string]: unknown }} userIdentity
 * @param {RecordOptions} [o]
 * @returns {Record<string, unknown> & { eventID: string, eventTime: string, awsRegion: string }}
 */
function record(time, source, name, userIdentity, o = {}) {
  const region = o.region ?? "us-east-1";
  const seed = `${time}:${name}:${o.seed ?? ""}`;
  /** @type {Record<string, unknown>} */
  const r = {
    eventVersion: o.version ?? "1.09", userIdentity, eventTime: time, eventSource: source, eventName: name, awsRegion: region,
    sourceIPAddress: o.ip ?? "192.0.2.44", userAgent: o.ua ?? "AWS Internal",
  };
  if (o.error) Object.assign(r, { errorCode: o.error[0], errorMessage: o.error[1] });
  Object.assign(r, {
    requestParameters: o.params ?? null, responseElements: o.response ?? null,
    ...(o.additional && { additionalEventData: o.additional }),
    requestID: uuid(`req:${seed}`), eventID: uuid(`evt:${seed}`), readOnly: o.readOnly ?? /^(Get|List|Describe|BatchGet)/.test(name),
    ...(o.resources && { resources: o.resources }),
    eventType: o.eventType ?? "AwsApiCall", managementEvent: true, recipientAccountId: ACCOUNT,
    ...(o.shared && { sharedEventID: uuid(`shared:${seed}`) }),
    eventCategory: "Management",
  });
  if (userIdentity.type !== "AWSService") {
    r.tlsDetails = { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: o.host ?? `${source.replace(".amazonaws.com", "")}.${region}.amazonaws.com` };
  }
  if (o.console) r.sessionCredentialFromConsole = "true";
  return /** @type {Record<string, unknown> & { eventID: string, eventTime: string, awsRegion: string }} */ (r);
}
/**
 * @param {{ arn: string }} who
 * @param {string} action
 * @param {string} resource
 * @returns {[string, string]}
 */
const denied = (who, action, resource) => ["AccessDeniedException", `User: ${who.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`];

const C = "ssm-contacts.amazonaws.com";
const I = "ssm-incidents.amazonaws.com";
/**
 * @param {string} alias
 * @param {string} [region]
 */
const contact = (alias, region = "us-east-1") => `arn:aws:ssm-contacts:${region}:${ACCOUNT}:contact/${alias}`;
/**
 * @param {string} alias
 * @param {string} seed
 */
const channel = (alias, seed) => `arn:aws:ssm-contacts:us-east-1:${ACCOUNT}:contact-channel/${alias}/${uuid(`chan:${seed}`)}`;
const PLAN = `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/payments-sev1`;
const REPLICATION_SET = `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/${uuid("replication-set")}`;
const console_ = { ip: "192.0.2.44", ua: BROWSER, console: true };
const rootConsole = { ip: "203.0.113.199", ua: BROWSER, console: true };

// ---------------------------------------------------------------- routine noise
const noiseA = [
  record("2026-11-20T10:05:19Z", "sts.amazonaws.com", "AssumeRole", service("lambda.amazonaws.com"), {
    ip: "lambda.amazonaws.com", ua: "lambda.amazonaws.com", host: "sts.us-east-1.amazonaws.com", shared: true,
    params: { roleArn: `arn:aws:iam::${ACCOUNT}:role/IncidentOpsAutomation`, roleSessionName: "ir-sync-lambda" },
    response: { credentials: { accessKeyId: AUTOMATION.accessKeyId, sessionToken: `IQoJb3JpZ2luX2VjE${token("sess", 40)}`, expiration: "Nov 20, 2026, 10:05:19 PM" } },
    resources: [{ accountId: ACCOUNT, type: "AWS::IAM::Role", ARN: `arn:aws:iam::${ACCOUNT}:role/IncidentOpsAutomation` }],
  }),
  record("2026-11-20T10:05:48Z", "ec2.amazonaws.com", "DescribeInstances", TERRAFORM, { ip: "198.51.100.23", ua: terraform("ec2#1.191.1"), params: { instancesSet: {}, filterSet: {} } }),
  record("2026-11-20T10:06:02Z", "sts.amazonaws.com", "GetCallerIdentity", TERRAFORM, { ip: "198.51.100.23", ua: terraform("sts#1.33.1") }),
  record("2026-11-20T10:06:31Z", "s3.amazonaws.com", "ListBuckets", SSO, { ...console_, host: "s3.amazonaws.com", params: { Host: "s3.amazonaws.com" },
    additional: { SignatureVersion: "SigV4", CipherSuite: "TLS_AES_128_GCM_SHA256", bytesTransferredIn: 0, AuthenticationMethod: "AuthHeader", "x-amz-id-2": token("x-amz-id-2", 40), bytesTransferredOut: 2104 } }),
  record("2026-11-20T10:06:55Z", C, "ListContacts", SSO, { ...console_, params: { maxResults: 50, type: "PERSONAL" } }),
  record("2026-11-20T10:07:01Z", C, "GetContactChannel", SSO, { ...console_, params: { contactChannelId: channel("carol", "carol-sms") } }),
  record("2026-11-20T10:07:14Z", "signin.amazonaws.com", "ConsoleLogin", { type: "Root", principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT }, {
    ...rootConsole, host: "signin.aws.amazon.com", eventType: "AwsConsoleSignIn", readOnly: false, response: { ConsoleLogin: "Success" },
    additional: { LoginTo: "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true", MobileVersion: "No", MFAUsed: "No" } }),
  record("2026-11-20T10:08:22Z", I, "ListResponsePlans", SSO, { ...console_, params: { maxResults: 25 } }),
  record("2026-11-20T10:09:40Z", "iam.amazonaws.com", "ListRoles", TERRAFORM, { ip: "198.51.100.23", ua: terraform("iam#1.38.1"), host: "iam.amazonaws.com", params: { maxItems: 1000 } }),
  record("2026-11-20T10:10:05Z", I, "GetResponsePlan", SSO, { ...console_, params: { arn: PLAN } }),
  record("2026-11-20T10:13:37Z", "kms.amazonaws.com", "Decrypt", AUTOMATION, { ip: "198.51.100.61", ua: BOTO, readOnly: true,
    params: { encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext: { PARAMETER_ARN: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/ir-sync/slack-token` } },
    resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${uuid("kms-ssm")}` }] }),
];

const noiseB = [
  record("2026-11-20T10:15:08Z", "ec2.amazonaws.com", "DescribeSecurityGroups", TERRAFORM, { ip: "198.51.100.23", ua: terraform("ec2#1.191.1"), params: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} } }),
  record("2026-11-20T10:15:30Z", "sts.amazonaws.com", "GetCallerIdentity", DEPLOY_BOT, { ip: "203.0.113.90", ua: cli("sts.get-caller-identity") }),
  record("2026-11-20T10:15:52Z", C, "ListRotationShifts", SSO, { ...console_, params: { rotationId: `arn:aws:ssm-contacts:us-east-1:${ACCOUNT}:rotation/payments-primary`, startTime: "Nov 20, 2026, 12:00:00 AM", endTime: "Nov 27, 2026, 12:00:00 AM" } }),
  record("2026-11-20T10:16:04Z", I, "ListIncidentRecords", SSO, { ...console_, params: { maxResults: 25 } }),
  record("2026-11-20T10:17:11Z", "iam.amazonaws.com", "GetRole", TERRAFORM, { ip: "198.51.100.23", ua: terraform("iam#1.38.1"), host: "iam.amazonaws.com", params: { roleName: "IncidentAutomationRole" } }),
  record("2026-11-20T10:17:45Z", "s3.amazonaws.com", "GetBucketAcl", TERRAFORM, { ip: "198.51.100.23", ua: terraform("s3#1.68.0"), host: "org-cloudtrail-111122223333.s3.amazonaws.com",
    params: { bucketName: "org-cloudtrail-111122223333", Host: "org-cloudtrail-111122223333.s3.amazonaws.com", acl: "" } }),
  record("2026-11-20T10:18:09Z", "monitoring.amazonaws.com", "DescribeAlarms", SSO, { ...console_, params: { alarmNamePrefix: "payments-", maxRecords: 100 } }),
  record("2026-11-20T10:18:30Z", I, "GetReplicationSet", DEPLOY_BOT, { ip: "203.0.113.90", ua: cli("ssm-incidents.get-replication-set"), params: { arn: REPLICATION_SET } }),
];

const noiseC = [
  record("2026-11-20T10:21:44Z", "sts.amazonaws.com", "GetCallerIdentity", AUDITOR, { region: "ap-southeast-2", ip: "203.0.113.77", ua: cli("sts.get-caller-identity") }),
  record("2026-11-20T10:21:59Z", "ec2.amazonaws.com", "DescribeRegions", AUDITOR, { region: "ap-southeast-2", ip: "203.0.113.77", ua: cli("ec2.describe-regions"), params: { regionSet: {} } }),
];

// ---------------------------------------------------------------- the incidents
const ALICE_SMS = channel("alice", "alice-sms");
const attackA = [
  record("2026-11-20T10:08:03Z", C, "ListContactChannels", ROOT, { ...rootConsole, params: { contactId: contact("alice") } }),
  record("2026-11-20T10:09:27Z", C, "DeleteContactChannel", ROOT, { ...rootConsole, params: { contactChannelId: ALICE_SMS } }),
  record("2026-11-20T10:12:44Z", C, "DeactivateContactChannel", AUTOMATION, { ip: "198.51.100.61", ua: BOTO, params: { contactChannelId: channel("bob", "bob-voice") } }),
];
const attackB = [
  record("2026-11-20T10:16:21Z", I, "UpdateResponsePlan", DEPLOY_BOT, { ip: "203.0.113.90", ua: cli("ssm-incidents.update-response-plan"),
    params: { arn: PLAN, engagements: [], chatChannel: { empty: {} }, incidentTemplateNotificationTargets: [], clientToken: uuid("ct:urp") } }),
  record("2026-11-20T10:18:51Z", I, "UpdateDeletionProtection", DEPLOY_BOT, { ip: "203.0.113.90", ua: cli("ssm-incidents.update-deletion-protection"),
    params: { arn: REPLICATION_SET, deletionProtected: false, clientToken: uuid("ct:udp") } }),
  record("2026-11-20T10:19:33Z", I, "DeleteReplicationSet", DEPLOY_BOT, { ip: "203.0.113.90", ua: cli("ssm-incidents.delete-replication-set"), params: { arn: REPLICATION_SET } }),
];
const attackC = [
  record("2026-11-20T10:22:10Z", C, "ListContacts", AUDITOR, { region: "ap-southeast-2", ip: "203.0.113.77", ua: cli("ssm-contacts.list-contacts"),
    error: denied(AUDITOR, "ssm-contacts:ListContacts", `arn:aws:ssm-contacts:ap-southeast-2:${ACCOUNT}:contact/*`), params: { maxResults: 50 } }),
  record("2026-11-20T10:22:38Z", I, "DeleteResponsePlan", AUDITOR, { region: "ap-southeast-2", ip: "203.0.113.77", ua: cli("ssm-incidents.delete-response-plan"),
    error: denied(AUDITOR, "ssm-incidents:DeleteResponsePlan", PLAN), params: { arn: PLAN } }),
];

// ---------------------------------------------------------------- EventBridge envelopes
/**
 * @param {string} source
 * @param {ReturnType<typeof record>} detail
 */
const envelope = (source, detail) => ({
  version: "0", id: uuid(`eventbridge:${detail.eventID}`), "detail-type": "AWS API Call via CloudTrail", source, account: ACCOUNT,
  time: detail.eventTime, region: detail.awsRegion, resources: [], detail,
});
const eventbridge = {
  "stop-engagement.json": envelope("aws.ssm-contacts", record("2026-11-20T10:31:05Z", C, "StopEngagement", ONCALL_MALLORY, {
    ip: "203.0.113.77", ua: cli("ssm-contacts.stop-engagement"),
    params: { engagementId: `arn:aws:ssm-contacts:us-east-1:${ACCOUNT}:engagement/payments-escalation/${uuid("eng:live")}`, reason: "duplicate page, ignore" } })),
  "delete-response-plan.json": envelope("aws.ssm-incidents", record("2026-11-20T10:33:47Z", I, "DeleteResponsePlan", ONCALL_MALLORY, {
    ip: "203.0.113.77", ua: cli("ssm-incidents.delete-response-plan"), params: { arn: `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/checkout-sev2` } })),
};

// ---------------------------------------------------------------- write
/**
 * @param {{ eventTime: string }} a
 * @param {{ eventTime: string }} b
 */
const byTime = (a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0);
/**
 * @param {string} region
 * @param {string} stamp
 * @param {ReturnType<typeof record>[]} records
 */
function logFile(region, stamp, records) {
  const dir = path.join(OUT, "AWSLogs", ACCOUNT, "CloudTrail", region, "2026", "11", "20");
  const name = `${ACCOUNT}_CloudTrail_${region}_${stamp}_${token(`file:${region}:${stamp}`, 16)}.json.gz`;
  mkdirSync(dir, { recursive: true });
  // CloudTrail does not promise any order inside a file; keep time order for the reader.
  writeFileSync(path.join(dir, name), gzipSync(JSON.stringify({ Records: [...records].sort(byTime) })));
  return path.join(dir, name);
}

const written = [
  logFile("us-east-1", "20261120T1015Z", [...noiseA, ...attackA]),
  logFile("us-east-1", "20261120T1020Z", [...noiseB, ...attackB]),
  logFile("ap-southeast-2", "20261120T1025Z", [...noiseC, ...attackC]),
];
mkdirSync(path.join(OUT, "eventbridge"), { recursive: true });
for (const [name, value] of Object.entries(eventbridge)) {
  written.push(path.join(OUT, "eventbridge", name));
  writeFileSync(path.join(OUT, "eventbridge", name), JSON.stringify(value, null, 2) + "\n");
}
for (const file of written) console.log(path.relative(process.cwd(), file));
