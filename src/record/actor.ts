import type { CloudTrailRecord, UserIdentity } from "./cloudtrail.js";

export type ActorKind = "root" | "user" | "role" | "federated" | "sso" | "service" | "account" | "unknown";
export type MfaState = "true" | "false" | "unknown";

/** Who made a CloudTrail call, normalised across every `userIdentity.type`. */
export interface Actor {
  readonly kind: ActorKind;
  /** Short human name: `alice`, `OnCallAdmin/alice`, `root`, `ssm.amazonaws.com`... */
  readonly name: string;
  readonly arn: string | undefined;
  /** The caller's account (`userIdentity.accountId`), which can differ from the recipient's. */
  readonly account: string | undefined;
  readonly mfa: MfaState;
  /** Whether the call came from an AWS Management Console session. */
  readonly console: boolean;
}

type Identity = UserIdentity;
type Namer = (id: Identity) => { kind: ActorKind; name: string };

/** Prefix IAM Identity Center gives the roles it provisions into member accounts. */
const SSO_ROLE_PREFIX = "AWSReservedSSO_";

/** Hosts that show up in `userAgent` when the console (or its sign-in flow) made the call. */
const CONSOLE_HINTS = ["console.amazonaws.com", "console.aws.amazon.com", "signin.amazonaws.com"];

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `arn:aws:sts::1:assumed-role/Role/session` -> ["Role", "session"]; path-free by STS design. */
function assumedRoleParts(arn: string | undefined): [string, string] | undefined {
  const match = /:assumed-role\/([^/]+)\/(.+)$/.exec(arn ?? "");
  return match ? [match[1] as string, match[2] as string] : undefined;
}

/** The last `/` segment of an ARN's resource, or the part of `principalId` after `:`. */
function lastSegment(id: Identity): string | undefined {
  const fromArn = nonEmpty(id.arn?.split("/").pop());
  return fromArn ?? nonEmpty(id.principalId?.split(":").pop());
}

function assumedRole(id: Identity): { kind: ActorKind; name: string } {
  const parts = assumedRoleParts(id.arn);
  const role = parts?.[0] ?? nonEmpty(id.sessionContext?.sessionIssuer?.userName);
  const session = parts?.[1] ?? nonEmpty(id.principalId?.split(":")[1]);
  if (id.onBehalfOf?.userId) return { kind: "sso", name: id.onBehalfOf.userId };
  if (role?.startsWith(SSO_ROLE_PREFIX)) return { kind: "sso", name: session ?? role };
  return { kind: "role", name: [role, session].filter(Boolean).join("/") || "unknown role" };
}

/** One namer per `userIdentity.type`; types not listed here are "unknown". */
const NAMERS: ReadonlyMap<string, Namer> = new Map<string, Namer>([
  ["Root", () => ({ kind: "root", name: "root" })],
  ["IAMUser", (id) => ({ kind: "user", name: nonEmpty(id.userName) ?? lastSegment(id) ?? "unknown user" })],
  ["Directory", (id) => ({ kind: "user", name: nonEmpty(id.userName) ?? lastSegment(id) ?? "unknown user" })],
  ["AssumedRole", assumedRole],
  ["Role", (id) => ({ kind: "role", name: nonEmpty(id.userName) ?? lastSegment(id) ?? "unknown role" })],
  ["FederatedUser", (id) => ({ kind: "federated", name: lastSegment(id) ?? "unknown federated user" })],
  ["IdentityCenterUser", (id) => ({ kind: "sso", name: nonEmpty(id.userName) ?? nonEmpty(id.onBehalfOf?.userId) ?? "unknown sso user" })],
  ["AWSService", (id) => ({ kind: "service", name: nonEmpty(id.invokedBy) ?? "unknown service" })],
  ["AWSAccount", (id) => ({ kind: "account", name: nonEmpty(id.accountId) ?? nonEmpty(id.principalId) ?? "unknown account" })],
]);

function unknownActor(id: Identity): { kind: ActorKind; name: string } {
  return { kind: "unknown", name: nonEmpty(id.userName) ?? nonEmpty(id.principalId) ?? nonEmpty(id.invokedBy) ?? "unknown" };
}

function mfaOf(id: Identity): MfaState {
  const value = id.sessionContext?.attributes?.mfaAuthenticated;
  return value === "true" || value === "false" ? value : "unknown";
}

function fromConsole(record: CloudTrailRecord): boolean {
  if (record.sessionCredentialFromConsole === "true") return true;
  const agent = (typeof record.userAgent === "string" ? record.userAgent : "").toLowerCase();
  return CONSOLE_HINTS.some((hint) => agent.includes(hint));
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `value.a.b` when it is a string; anything else (numbers, objects, hostile toString) counts as missing. */
function text(value: unknown, ...path: string[]): string | undefined {
  const found = path.reduce<unknown>((node, key) => field(node, key), value);
  return typeof found === "string" ? found : undefined;
}

/**
 * The identity with every field Trailwatch reads narrowed to a string (or dropped): records
 * are attacker-influenced, and a number where a name belongs must not crash evaluation.
 */
function identityOf(raw: unknown): Identity {
  return {
    type: text(raw, "type"),
    arn: text(raw, "arn"),
    principalId: text(raw, "principalId"),
    accountId: text(raw, "accountId"),
    userName: text(raw, "userName"),
    invokedBy: text(raw, "invokedBy"),
    sessionContext: {
      sessionIssuer: { userName: text(raw, "sessionContext", "sessionIssuer", "userName"), arn: text(raw, "sessionContext", "sessionIssuer", "arn"), accountId: text(raw, "sessionContext", "sessionIssuer", "accountId") },
      attributes: { mfaAuthenticated: text(raw, "sessionContext", "attributes", "mfaAuthenticated") },
    },
    onBehalfOf: { userId: text(raw, "onBehalfOf", "userId") },
  };
}

/** The ARN partition of the Region the call went to (`aws-cn` for cn-*, `aws-us-gov` for us-gov-*). */
function partitionOf(record: CloudTrailRecord): string {
  const region = typeof record.awsRegion === "string" ? record.awsRegion : "";
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/**
 * An identifier in `actor.arn` for the identity types whose `userIdentity` carries no ARN, so
 * alerts and throttle keys name the caller instead of `<missing:actor.arn>`.
 */
const DERIVED_ARNS: ReadonlyMap<string, (id: Identity, partition: string) => string | undefined> = new Map([
  // A service has no ARN; its service principal (`ssm-incidents.amazonaws.com`) is how IAM names it.
  ["AWSService", (id: Identity) => nonEmpty(id.invokedBy)],
  // Another account's principal, named the way IAM policies name a whole account.
  ["AWSAccount", (id: Identity, p: string) => (nonEmpty(id.accountId) === undefined ? undefined : `arn:${p}:iam::${id.accountId as string}:root`)],
  // The Identity Store user (IAM Service Authorization Reference, AWS Identity Store resource types).
  ["IdentityCenterUser", (id: Identity, p: string) => (nonEmpty(id.onBehalfOf?.userId) === undefined ? undefined : `arn:${p}:identitystore:::user/${id.onBehalfOf?.userId as string}`)],
]);

/** Normalise `record.userIdentity` into one `Actor`; never throws, whatever the record holds. */
export function actorOf(record: CloudTrailRecord): Actor {
  const id: Identity = identityOf(record.userIdentity);
  const namer = NAMERS.get(id.type ?? "");
  const { kind, name } = namer ? namer(id) : unknownActor(id);
  const derived = DERIVED_ARNS.get(id.type ?? "");
  return {
    kind,
    name,
    arn: nonEmpty(id.arn) ?? nonEmpty(id.sessionContext?.sessionIssuer?.arn) ?? derived?.(id, partitionOf(record)),
    // A service acts in the account that received the call.
    account: nonEmpty(id.accountId) ?? nonEmpty(id.sessionContext?.sessionIssuer?.accountId) ?? (kind === "service" ? text(record, "recipientAccountId") : undefined),
    mfa: mfaOf(id),
    console: fromConsole(record),
  };
}

/** `role OnCallAdmin/alice`, `root`, `service ssm.amazonaws.com`: kind and name for one line. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "root" ? "root" : `${actor.kind} ${actor.name}`;
}
