import { ATHENA_COLUMNS } from "./athena-sql.js";

/**
 * CloudTrail's own spelling of the struct fields the Athena table lower-cases. Fields not
 * listed keep the table's spelling; the table has no column for fields CloudTrail added later.
 */
const STRUCT_KEYS: ReadonlyMap<string, string> = new Map([
  ["principalid", "principalId"], ["accountid", "accountId"], ["invokedby", "invokedBy"], ["accesskeyid", "accessKeyId"],
  ["username", "userName"], ["onbehalfof", "onBehalfOf"], ["userid", "userId"], ["identitystorearn", "identityStoreArn"],
  ["sessioncontext", "sessionContext"], ["mfaauthenticated", "mfaAuthenticated"], ["creationdate", "creationDate"],
  ["sessionissuer", "sessionIssuer"], ["ec2roledelivery", "ec2RoleDelivery"], ["webidfederationdata", "webIdFederationData"],
  ["federatedprovider", "federatedProvider"], ["sourceidentity", "sourceIdentity"],
  ["tlsversion", "tlsVersion"], ["ciphersuite", "cipherSuite"], ["clienthostheader", "clientProvidedHostHeader"],
]);

/** Struct JSON with CloudTrail's key spelling; JSON nulls (fields the record lacked) are dropped. */
function respell(value: unknown, keys: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => respell(v, keys));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== null) out[keys.get(key) ?? key] = respell(child, keys);
  }
  return out;
}

const RESOURCE_KEYS: ReadonlyMap<string, string> = new Map([["arn", "ARN"], ["accountid", "accountId"]]);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A CloudTrail record put back together from one row of the documented table. It is not the
 * whole record: the table's JsonSerDe drops keys it has no column for (docs/hunt.md).
 */
export function recordFromRow(row: ReadonlyMap<string, string | undefined>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { column, key, kind } of ATHENA_COLUMNS) {
    const text = row.get(column);
    if (text === undefined) continue;
    if (kind === "string") record[key] = text;
    else if (kind === "boolean") record[key] = text === "true" ? true : text === "false" ? false : text;
    else if (kind === "json") record[key] = parseJson(text);
    else {
      const parsed = respell(parseJson(text), column === "resources" ? RESOURCE_KEYS : STRUCT_KEYS);
      if (parsed !== null && !(Array.isArray(parsed) && parsed.length === 0 && column !== "resources")) record[key] = parsed;
    }
  }
  return record;
}
