/**
 * The CREATE EXTERNAL TABLE AWS documents for CloudTrail logs in Athena (JsonSerDe over
 * CloudTrailInputFormat, lower-case columns), with partition projection on account, region and
 * day, so a query that names days reads only those days' S3 prefixes and needs no
 * ALTER TABLE ADD PARTITION.
 */

export interface TableLayout {
  readonly name: string;
  readonly bucket: string;
  /** Key prefix before `AWSLogs/` (the trail's S3 key prefix), without slashes at the ends. */
  readonly prefix: string | undefined;
  /** Organization trails put the organization id after `AWSLogs/`. */
  readonly orgId: string | undefined;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** First day projected, `yyyy/MM/dd`. */
  readonly since: string;
}

/** Regions CloudTrail may deliver from (commercial partition); a trail in others names them with --regions. */
export const DEFAULT_REGIONS: readonly string[] = [
  "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
  "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
  "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
  "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

/** What each value may hold: they are spliced into DDL, so anything else is refused. */
export const LAYOUT_CHECKS = {
  name: { pattern: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/, what: "a table name (letters, digits, _)" },
  bucket: { pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, what: "an S3 bucket name" },
  prefix: { pattern: /^[A-Za-z0-9!_.*()/-]+$/, what: "an S3 key prefix (letters, digits, !_.*()-/)" },
  orgId: { pattern: /^o-[a-z0-9]{10,32}$/, what: "an organization id (o- and 10 to 32 letters or digits)" },
  account: { pattern: /^\d{12}$/, what: "a 12-digit account id" },
  region: { pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/, what: "a region name (e.g. eu-west-1)" },
  since: { pattern: /^\d{4}\/\d{2}\/\d{2}$/, what: "a day as yyyy/MM/dd" },
} as const;

const USER_IDENTITY = `useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING,
    accesskeyid: STRING, username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>>>`;

const COLUMNS = [
  "eventversion STRING",
  USER_IDENTITY,
  "eventtime STRING", "eventsource STRING", "eventname STRING", "awsregion STRING", "sourceipaddress STRING",
  "useragent STRING", "errorcode STRING", "errormessage STRING", "requestparameters STRING", "responseelements STRING",
  "additionaleventdata STRING", "requestid STRING", "eventid STRING", "readonly STRING",
  "resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>",
  "eventtype STRING", "apiversion STRING", "recipientaccountid STRING", "serviceeventdetails STRING",
  "sharedeventid STRING", "vpcendpointid STRING", "eventcategory STRING",
  "tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clienthostheader: STRING>",
];

/** `s3://bucket/prefix/AWSLogs/[o-org/]`: where every account's logs sit. */
export function logsRoot(layout: TableLayout): string {
  const prefix = layout.prefix === undefined ? "" : `${layout.prefix.replace(/^\/+|\/+$/g, "")}/`;
  const org = layout.orgId === undefined ? "" : `${layout.orgId}/`;
  return `s3://${layout.bucket}/${prefix}AWSLogs/${org}`;
}

export function createTableStatement(layout: TableLayout): string {
  const root = logsRoot(layout);
  const properties: [string, string][] = [
    ["projection.enabled", "true"],
    ["projection.account.type", "enum"],
    ["projection.account.values", layout.accounts.join(",")],
    ["projection.region.type", "enum"],
    ["projection.region.values", layout.regions.join(",")],
    ["projection.timestamp.type", "date"],
    ["projection.timestamp.format", "yyyy/MM/dd"],
    ["projection.timestamp.interval", "1"],
    ["projection.timestamp.interval.unit", "DAYS"],
    ["projection.timestamp.range", `${layout.since},NOW`],
    ["storage.location.template", `${root}\${account}/CloudTrail/\${region}/\${timestamp}`],
  ];
  return [
    `CREATE EXTERNAL TABLE ${layout.name} (`,
    COLUMNS.map((c) => `  ${c}`).join(",\n"),
    ")",
    "PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)",
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION '${root}'`,
    "TBLPROPERTIES (",
    properties.map(([k, v]) => `  '${k}' = '${v}'`).join(",\n"),
    ");",
  ].join("\n");
}

/** Partitions a query reads: every projected account and region, for each day it names. */
export function partitionsRead(layout: Pick<TableLayout, "accounts" | "regions">, days: number): number {
  return layout.accounts.length * layout.regions.length * days;
}
