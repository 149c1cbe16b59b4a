// @ts-check
// Synthetic CloudTrail records for the benchmark: the field mix, sizes and service mix of a
// real trail (mostly S3 data events, STS, KMS, EC2 and IAM), a few percent Incident Manager
// reads, and a handful of Incident Manager changes that the shipped policies alert on.

/**
 * sfc32: a small, fast, seedable PRNG, so the same seed always writes the same corpus.
 * @param {number} seed
 */
export function createRng(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  /** @param {number} n */
  const int = (n) => Math.floor(next() * n);
  /** @param {number} n */
  const hex = (n) => { let s = ""; for (let i = 0; i < n; i++) s += "0123456789abcdef"[int(16)]; return s; };
  /**
   * @template T
   * @param {readonly T[]} list
   * @returns {T}
   */
  function pick(list) {
    return /** @type {T} */ (list[int(list.length)]);
  }
  return {
    next,
    int,
    hex,
    pick,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(4)]}${hex(3)}-${hex(12)}`,
    upper: (/** @type {number} */ n) => { let s = ""; for (let i = 0; i < n; i++) s += "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[int(32)]; return s; },
  };
}

/** @typedef {ReturnType<typeof createRng>} Rng */

const ROLES = ["app-payments", "app-checkout", "etl-nightly", "eks-node-group", "lambda-ingest", "ci-deployer", "ReadOnlyAuditor", "OnCallAdmin"];
const USER_AGENTS = [
  "aws-sdk-java/2.25.60 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy",
  "Boto3/1.34.120 md/Botocore#1.34.120 ua/2.0 os/linux#5.10.217-205.860.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython exec-env/AWS_Lambda_python3.11 cfg/retry-mode#legacy Botocore/1.34.120",
  "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.1 os/linux#6.8.0-1019-aws md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe",
  "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/sts#1.30.3",
  "[aws-sdk-js/3.600.0 ua/2.0 os/linux#5.10.219 lang/js md/nodejs#20.15.0 api/s3#3.600.0]",
];
const BUCKETS = ["payments-invoices-prod", "checkout-assets", "datalake-raw-events", "ml-training-sets", "app-logs-archive"];
const CIPHERS = ["TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_256_GCM_SHA384"];

/**
 * @param {Rng} rng
 * @param {string} account
 * @param {string} [role]
 */
function assumedRole(rng, account, role = rng.pick(ROLES)) {
  const roleId = `AROA${rng.upper(17)}`;
  const session = rng.next() < 0.5 ? `i-0${rng.hex(16)}` : `${role}-${rng.int(100000)}`;
  return {
    type: "AssumedRole",
    principalId: `${roleId}:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: `ASIA${rng.upper(16)}`,
    sessionContext: {
      sessionIssuer: { type: "Role", principalId: roleId, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
      webIdFederationData: {},
      attributes: { creationDate: "2026-11-20T09:12:44Z", mfaAuthenticated: "false" },
    },
  };
}

/** @param {string} service */
const awsService = (service) => ({ type: "AWSService", invokedBy: service });

/**
 * A call's request, response and extra fields, built only when the call is picked.
 * @param {Rng} rng
 * @param {string} account
 * @param {string} region
 */
function context(rng, account, region) {
  const bucket = rng.pick(BUCKETS);
  const key = `${rng.pick(["2026/11/20", "tenant-42", "exports", "raw/v2"])}/${rng.hex(12)}.${rng.pick(["json", "parquet", "csv.gz", "pdf"])}`;
  const kmsKey = `arn:aws:kms:${region}:${account}:key/${rng.uuid()}`;
  const s3 = { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com`, key };
  const s3Data = () => ({
    additionalEventData: { SignatureVersion: "SigV4", CipherSuite: "ECDHE-RSA-AES128-GCM-SHA256", bytesTransferredIn: 0, AuthenticationMethod: "AuthHeader", "x-amz-id-2": rng.hex(60), bytesTransferredOut: rng.int(900000) },
    resources: [{ type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucket}/${key}` }, { accountId: account, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` }],
    managementEvent: false, eventCategory: "Data",
  });
  const kmsResources = () => ({ resources: [{ accountId: account, type: "AWS::KMS::Key", ARN: kmsKey }] });
  return { bucket, key, kmsKey, s3, s3Data, kmsResources, account, region };
}

/** @typedef {ReturnType<typeof context>} Context */

/**
 * @param {Rng} rng
 * @param {Context} context
 */
const runInstancesResponse = (rng, { account, region }) => ({ requestId: rng.uuid(), reservationId: `r-0${rng.hex(16)}`, ownerId: account, groupSet: {}, instancesSet: { items: [{ instanceId: `i-0${rng.hex(16)}`, imageId: `ami-0${rng.hex(16)}`, currentInstanceBootMode: "uefi", instanceState: { code: 0, name: "pending" }, privateDnsName: `ip-10-0-${rng.int(255)}-${rng.int(255)}.ec2.internal`, amiLaunchIndex: 0, productCodes: {}, instanceType: "m6i.large", launchTime: 1795162542000, placement: { availabilityZone: `${region}a`, tenancy: "default" }, monitoring: { state: "disabled" }, subnetId: `subnet-0${rng.hex(16)}`, vpcId: `vpc-0${rng.hex(16)}`, privateIpAddress: `10.0.${rng.int(255)}.${rng.int(255)}`, stateReason: { code: "pending", message: "pending" }, architecture: "x86_64", rootDeviceType: "ebs", rootDeviceName: "/dev/xvda", blockDeviceMapping: {}, virtualizationType: "hvm", hypervisor: "xen", groupSet: { items: [{ groupId: `sg-0${rng.hex(16)}`, groupName: "default" }] }, networkInterfaceSet: { items: [{ networkInterfaceId: `eni-0${rng.hex(16)}`, subnetId: `subnet-0${rng.hex(16)}`, status: "in-use", macAddress: "0e:12:34:56:78:9a" }] }, ebsOptimized: true, enaSupport: true, metadataOptions: { state: "pending", httpTokens: "required", httpPutResponseHopLimit: 2, httpEndpoint: "enabled" } }] } });

/**
 * @typedef {[weight: number, service: string, name: string, readOnly: boolean, build: (rng: Rng, c: Context) => [unknown, unknown, object?]]} Call
 */

/** Service calls: [weight, eventSource, eventName, readOnly, (rng, ctx) => [requestParameters, responseElements, extra]]. */
/** @type {readonly Call[]} */
const CALLS = [
  [24, "s3", "GetObject", true, (_, c) => [c.s3, null, c.s3Data()]],
  [8, "s3", "PutObject", false, (_, c) => [{ ...c.s3, "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": c.kmsKey }, { "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": c.kmsKey }, c.s3Data()]],
  [5, "s3", "HeadObject", true, (_, c) => [c.s3, null, c.s3Data()]],
  [4, "s3", "ListObjects", true, (_, c) => [{ bucketName: c.bucket, Host: c.s3.Host, prefix: c.key.split("/")[0], "list-type": "2", "max-keys": 1000 }, null, c.s3Data()]],
  [10, "sts", "AssumeRole", true, (rng, c) => [{ roleArn: `arn:aws:iam::${c.account}:role/${rng.pick(ROLES)}`, roleSessionName: `session-${rng.hex(8)}`, durationSeconds: 3600 }, { credentials: { accessKeyId: `ASIA${rng.upper(16)}`, sessionToken: rng.hex(180), expiration: "Nov 20, 2026, 11:12:44 AM" }, assumedRoleUser: { assumedRoleId: `AROA${rng.upper(17)}:session`, arn: `arn:aws:sts::${c.account}:assumed-role/app/session` } }]],
  [3, "sts", "GetCallerIdentity", true, () => [null, null]],
  [8, "kms", "Decrypt", true, (_, c) => [{ encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext: { "aws:s3:arn": `arn:aws:s3:::${c.bucket}/${c.key}` } }, null, c.kmsResources()]],
  [4, "kms", "GenerateDataKey", true, (_, c) => [{ keyId: c.kmsKey, keySpec: "AES_256", encryptionContext: { "aws:s3:arn": `arn:aws:s3:::${c.bucket}` } }, null, c.kmsResources()]],
  [6, "ec2", "DescribeInstances", true, (rng) => [{ instancesSet: { items: [{ instanceId: `i-0${rng.hex(16)}` }] }, filterSet: { items: [{ name: "tag:team", valueSet: { items: [{ value: "payments" }] } }] } }, null]],
  [2, "ec2", "DescribeSecurityGroups", true, (rng) => [{ securityGroupSet: {}, securityGroupIdSet: { items: [{ groupId: `sg-0${rng.hex(16)}` }] }, filterSet: {} }, null]],
  [2, "ec2", "DescribeNetworkInterfaces", true, (rng) => [{ networkInterfaceIdSet: {}, filterSet: { items: [{ name: "vpc-id", valueSet: { items: [{ value: `vpc-0${rng.hex(16)}` }] } }] } }, null]],
  [0.5, "ec2", "CreateTags", false, (rng) => [{ resourcesSet: { items: [{ resourceId: `i-0${rng.hex(16)}` }] }, tagSet: { items: [{ key: "owner", value: "payments" }, { key: "env", value: "prod" }] } }, { requestId: rng.uuid(), _return: true }]],
  [0.3, "ec2", "RunInstances", false, (rng, c) => [{ instancesSet: { items: [{ imageId: `ami-0${rng.hex(16)}`, minCount: 1, maxCount: 1 }] }, instanceType: "m6i.large", blockDeviceMapping: {}, monitoring: { enabled: false }, disableApiTermination: false, subnetId: `subnet-0${rng.hex(16)}` }, runInstancesResponse(rng, c)]],
  [2, "iam", "GetRole", true, (rng) => [{ roleName: rng.pick(ROLES) }, null]],
  [1, "iam", "ListAttachedRolePolicies", true, (rng) => [{ roleName: rng.pick(ROLES) }, null]],
  [1, "iam", "GetPolicy", true, (rng, c) => [{ policyArn: `arn:aws:iam::${c.account}:policy/${rng.pick(ROLES)}-access` }, null]],
  [0.05, "iam", "CreateAccessKey", false, (rng) => [{ userName: "deploy-bot" }, { accessKey: { userName: "deploy-bot", accessKeyId: `AKIA${rng.upper(16)}`, status: "Active", createDate: "Nov 20, 2026, 10:15:42 AM" } }]],
  [2, "lambda", "GetFunction20150331v2", true, (rng, c) => [{ functionName: `arn:aws:lambda:${c.region}:${c.account}:function:ingest-${rng.int(20)}` }, null]],
  [2, "logs", "CreateLogStream", false, (rng) => [{ logGroupName: `/aws/lambda/ingest-${rng.int(20)}`, logStreamName: `2026/11/20/[$LATEST]${rng.hex(32)}` }, null]],
  [2, "dynamodb", "DescribeTable", true, (rng) => [{ tableName: `orders-${rng.int(8)}` }, null]],
  [1, "secretsmanager", "GetSecretValue", true, (rng, c) => [{ secretId: `arn:aws:secretsmanager:${c.region}:${c.account}:secret:prod/db-${rng.hex(6)}` }, null]],
  [0.05, "kms", "TagResource", false, (_, c) => [{ keyId: c.kmsKey, tags: [{ tagKey: "team", tagValue: "payments" }] }, null]],
  [1.2, "ssm-contacts", "ListContacts", true, () => [{ maxResults: 50 }, null]],
  [0.6, "ssm-contacts", "GetContactChannel", true, (rng, c) => [{ contactChannelId: `arn:aws:ssm-contacts:${c.region}:${c.account}:contact-channel/oncall-primary/${rng.uuid()}` }, null]],
  [0.4, "ssm-contacts", "ListPagesByContact", true, (_, c) => [{ contactId: `arn:aws:ssm-contacts:${c.region}:${c.account}:contact/oncall-primary` }, null]],
  [0.8, "ssm-incidents", "ListIncidentRecords", true, () => [{ maxResults: 10, filters: [{ key: "status", condition: { equals: { stringValues: ["OPEN"] } } }] }, null]],
  [0.5, "ssm-incidents", "GetResponsePlan", true, (_, c) => [{ arn: `arn:aws:ssm-incidents::${c.account}:response-plan/payments-sev1` }, null]],
];
/** @param {Call} call */
const isIncidentManager = (call) => call[1].startsWith("ssm-");
/** @param {readonly Call[]} calls */
const weightOf = (calls) => calls.reduce((sum, c) => sum + c[0], 0);
/** The call table's own share of Incident Manager reads (~3.8%). */
export const TABLE_IM_SHARE = weightOf(CALLS.filter(isIncidentManager)) / weightOf(CALLS);

/**
 * The call table with Incident Manager reads weighted to `imShare` of all calls (the table as it is when undefined).
 * @param {number | undefined} imShare
 * @returns {readonly Call[]}
 */
function weighted(imShare) {
  if (imShare === undefined) return CALLS;
  const im = weightOf(CALLS.filter(isIncidentManager));
  const others = weightOf(CALLS) - im;
  const scale = imShare >= 1 ? Infinity : (imShare * others) / ((1 - imShare) * im);
  return CALLS.map(([weight, ...rest]) => /** @type {Call} */ ([isIncidentManager([weight, ...rest]) ? (scale === Infinity ? weight : weight * scale) : scale === Infinity ? 0 : weight, ...rest]));
}

/**
 * @param {Rng} rng
 * @param {readonly Call[]} calls
 * @param {number} total
 * @returns {Call}
 */
function pickCall(rng, calls, total) {
  let roll = rng.next() * total;
  for (const call of calls) if ((roll -= call[0]) < 0) return call;
  return /** @type {Call} */ (calls.find((c) => c[0] > 0));
}

/**
 * Incident Manager changes the pack alerts on: rare, as in a real trail.
 * @param {Rng} rng
 * @param {string} account
 */
function incidentChange(rng, account) {
  /** @type {[string, string, Record<string, unknown>][]} */
  const changes = [
    ["ssm-contacts", "DeleteContactChannel", { contactChannelId: `arn:aws:ssm-contacts:us-east-1:${account}:contact-channel/oncall-primary/${rng.uuid()}` }],
    ["ssm-contacts", "DeactivateContactChannel", { contactChannelId: `arn:aws:ssm-contacts:us-east-1:${account}:contact-channel/oncall-primary/${rng.uuid()}` }],
    ["ssm-incidents", "DeleteResponsePlan", { arn: `arn:aws:ssm-incidents::${account}:response-plan/payments-sev1` }],
    ["ssm-incidents", "UpdateReplicationSet", { arn: `arn:aws:ssm-incidents::${account}:replication-set/${rng.uuid()}`, actions: [{ deleteRegionAction: { regionName: "us-west-2" } }] }],
    ["ssm-contacts", "DeleteRotation", { rotationId: `arn:aws:ssm-contacts:us-east-1:${account}:rotation/payments-primary` }],
  ];
  return rng.pick(changes);
}

/**
 * @param {Rng} rng
 * @param {string} account
 * @param {string} region
 * @param {string} time
 */
function envelope(rng, account, region, time) {
  return {
    eventVersion: "1.09",
    userIdentity: /** @type {object | null} */ (null),
    eventTime: time,
    eventSource: "",
    eventName: "",
    awsRegion: region,
    sourceIPAddress: `${rng.pick(["10.0", "10.1", "172.31", "203.0"])}.${rng.int(255)}.${rng.int(255)}`,
    userAgent: rng.pick(USER_AGENTS),
    requestParameters: null,
    responseElements: null,
    requestID: rng.uuid(),
    eventID: rng.uuid(),
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
    tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: rng.pick(CIPHERS), clientProvidedHostHeader: "" },
  };
}

/**
 * Weighted picks over the call table; `changeRate` is the share of Incident Manager changes,
 * `errorRate` of denied calls, `imShare` of Incident Manager reads (the table's ~3.8% when undefined).
 * @param {Rng} rng
 * @param {{ changeRate?: number, errorRate?: number, imShare?: number }} [mix]
 */
export function createRecordFactory(rng, { changeRate = 0.0001, errorRate = 0.004, imShare } = {}) {
  const calls = weighted(imShare);
  const total = weightOf(calls);
  /**
   * @param {string} account
   * @param {string} region
   * @param {string} time
   */
  return function record(account, region, time) {
    const r = envelope(rng, account, region, time);
    if (rng.next() < changeRate) {
      const [service, name, params] = incidentChange(rng, account);
      Object.assign(r, { eventSource: `${service}.amazonaws.com`, eventName: name, readOnly: false, requestParameters: params, userIdentity: assumedRole(rng, account, "OnCallAdmin"), awsRegion: "us-east-1" });
      r.tlsDetails.clientProvidedHostHeader = `${service}.us-east-1.amazonaws.com`;
      return r;
    }
    const [, service, name, readOnly, build] = pickCall(rng, calls, total);
    const [params, response, extra] = build(rng, context(rng, account, region));
    Object.assign(r, { eventSource: `${service}.amazonaws.com`, eventName: name, readOnly, requestParameters: params, responseElements: response ?? null, ...extra });
    if (rng.next() < errorRate) Object.assign(r, { errorCode: "AccessDenied", errorMessage: `User is not authorized to perform: ${service}:${name}` });
    r.userIdentity = rng.next() < 0.08 ? awsService(`${rng.pick(["lambda", "ec2", "cloudformation"])}.amazonaws.com`) : assumedRole(rng, account);
    r.tlsDetails.clientProvidedHostHeader = service === "s3" ? /** @type {{ Host: string }} */ (params).Host : `${service}.${region}.amazonaws.com`;
    if (service.startsWith("ssm-") && region === "eu-west-1") r.awsRegion = "us-east-1";
    return r;
  };
}
