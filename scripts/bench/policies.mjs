// @ts-check
// Measurement (3)'s rules directory: the pack's policies (tests dropped, since their event
// files are relative to rules/) plus generated variants up to `total`. Half the variants
// refine a pack policy with one more condition; half watch the services that fill the corpus
// (S3, STS, KMS, EC2, IAM...), so most records have candidate policies to evaluate.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

/**
 * @param {string} dir
 * @param {string} [base]
 * @returns {string[]}
 */
function yamlFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => /** @type {string[]} */ (e.isDirectory() ? yamlFiles(path.join(dir, e.name), base) : /\.ya?ml$/.test(e.name) ? [path.relative(base, path.join(dir, e.name))] : []));
}

/** @type {readonly (readonly [string, readonly string[]])[]} */
const WATCHED = [
  ["s3.amazonaws.com", ["GetObject", "PutObject", "HeadObject", "ListObjects", "DeleteObject", "PutBucketPolicy"]],
  ["sts.amazonaws.com", ["AssumeRole", "GetCallerIdentity", "AssumeRoleWithWebIdentity"]],
  ["kms.amazonaws.com", ["Decrypt", "GenerateDataKey", "Encrypt", "TagResource", "ScheduleKeyDeletion"]],
  ["ec2.amazonaws.com", ["DescribeInstances", "RunInstances", "CreateTags", "DescribeSecurityGroups", "AuthorizeSecurityGroupIngress"]],
  ["iam.amazonaws.com", ["GetRole", "CreateAccessKey", "GetPolicy", "AttachRolePolicy", "ListAttachedRolePolicies"]],
  ["secretsmanager.amazonaws.com", ["GetSecretValue", "PutSecretValue"]],
  ["dynamodb.amazonaws.com", ["DescribeTable", "DeleteTable"]],
];
const ROLES = ["app-payments", "app-checkout", "etl-nightly", "eks-node-group", "lambda-ingest", "ci-deployer", "ReadOnlyAuditor", "OnCallAdmin"];
const SEVERITIES = ["info", "low", "medium", "high", "critical"];

/** @typedef {{ title: string, severity: string, match: Record<string, unknown>, summary?: string }} BenchPolicy */

/**
 * @param {BenchPolicy} policy
 * @param {number} i
 * @returns {BenchPolicy}
 */
function refine(policy, i) {
  const match = { ...policy.match };
  const key = ["sourceIPAddress", "userAgent", "recipientAccountId"].find((k) => !(k in match)) ?? "requestID";
  match[key] = key === "sourceIPAddress" ? [{ cidr: `198.18.${i % 256}.0/24` }] : key === "recipientAccountId" ? [String(100000000000 + i)] : [{ prefix: `bench-${i}/` }];
  return { title: `${policy.title} (variant ${i})`, severity: policy.severity, match, summary: policy.summary };
}

/**
 * @param {number} i
 * @returns {BenchPolicy}
 */
function watch(i) {
  const [eventSource, names] = WATCHED[i % WATCHED.length] ?? ["", [""]];
  const name = names[Math.floor(i / WATCHED.length) % names.length];
  const role = ROLES[i % ROLES.length];
  return {
    title: `Denied ${name} by ${role} from outside the VPC (variant ${i})`,
    severity: SEVERITIES[i % SEVERITIES.length] ?? "info",
    match: {
      eventSource: [eventSource],
      eventName: [name],
      errorCode: [{ prefix: "AccessDenied" }],
      userIdentity: { sessionContext: { sessionIssuer: { userName: [role] } } },
      sourceIPAddress: [{ "anything-but": { prefix: i % 2 === 0 ? "10." : "172.31." } }],
    },
    summary: "{{actor.name}} was denied {{eventName}} on {{eventSource}} from {{sourceIPAddress}}",
  };
}

/**
 * Writes the pack plus variants under `outDir`; returns how many policy files it wrote.
 * @param {string} packDir
 * @param {string} outDir
 * @param {number} total
 */
export function writeVariantRules(packDir, outDir, total) {
  const pack = yamlFiles(packDir);
  /** @type {BenchPolicy[]} */
  const policies = [];
  for (const relative of pack) {
    const text = readFileSync(path.join(packDir, relative), "utf8");
    const parsed = YAML.parse(text);
    mkdirSync(path.dirname(path.join(outDir, relative)), { recursive: true });
    if (relative.startsWith("local/")) {
      writeFileSync(path.join(outDir, relative), text);
      continue;
    }
    delete parsed.tests;
    writeFileSync(path.join(outDir, relative), YAML.stringify(parsed));
    policies.push(parsed);
  }
  mkdirSync(path.join(outDir, "bench"), { recursive: true });
  const variants = Math.max(0, total - policies.length);
  for (let i = 0; i < variants; i++) {
    const policy = i % 2 === 0 && policies.length > 0 ? refine(/** @type {BenchPolicy} */ (policies[(i / 2) % policies.length]), i) : watch(i);
    writeFileSync(path.join(outDir, "bench", `variant-${String(i).padStart(4, "0")}.yml`), YAML.stringify(policy));
  }
  return policies.length + variants;
}
