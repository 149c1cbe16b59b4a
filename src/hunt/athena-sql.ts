import type { TimeWindow } from "../replay/time-window.js";
import { partitionRange } from "./partitions.js";
import type { Prefilter } from "./prefilter.js";
import { identifier, literal, prefilterCondition, queryHeader, type FieldSyntax } from "./sql-text.js";

/**
 * The documented CloudTrail table's columns (lower case, as JsonSerDe names them) and the record
 * key each holds. Structs and arrays come back as JSON text (CAST ... AS JSON), so the record
 * can be put back together; `json` marks the string columns that hold JSON text already.
 */
export const ATHENA_COLUMNS: readonly { readonly column: string; readonly key: string; readonly kind: "string" | "json" | "struct" | "boolean" }[] = [
  { column: "eventversion", key: "eventVersion", kind: "string" },
  { column: "useridentity", key: "userIdentity", kind: "struct" },
  { column: "eventtime", key: "eventTime", kind: "string" },
  { column: "eventsource", key: "eventSource", kind: "string" },
  { column: "eventname", key: "eventName", kind: "string" },
  { column: "awsregion", key: "awsRegion", kind: "string" },
  { column: "sourceipaddress", key: "sourceIPAddress", kind: "string" },
  { column: "useragent", key: "userAgent", kind: "string" },
  { column: "errorcode", key: "errorCode", kind: "string" },
  { column: "errormessage", key: "errorMessage", kind: "string" },
  { column: "requestparameters", key: "requestParameters", kind: "json" },
  { column: "responseelements", key: "responseElements", kind: "json" },
  { column: "additionaleventdata", key: "additionalEventData", kind: "json" },
  { column: "requestid", key: "requestID", kind: "string" },
  { column: "eventid", key: "eventID", kind: "string" },
  { column: "readonly", key: "readOnly", kind: "boolean" },
  { column: "resources", key: "resources", kind: "struct" },
  { column: "eventtype", key: "eventType", kind: "string" },
  { column: "apiversion", key: "apiVersion", kind: "string" },
  { column: "recipientaccountid", key: "recipientAccountId", kind: "string" },
  { column: "serviceeventdetails", key: "serviceEventDetails", kind: "json" },
  { column: "sharedeventid", key: "sharedEventID", kind: "string" },
  { column: "vpcendpointid", key: "vpcEndpointId", kind: "string" },
  { column: "eventcategory", key: "eventCategory", kind: "string" },
  { column: "tlsdetails", key: "tlsDetails", kind: "struct" },
];

/** The S3 object key of the row's log file, named in alerts as the record's origin. */
export const ATHENA_PATH_COLUMN = "s3_object";

const TOP_COLUMNS: ReadonlyMap<string, string> = new Map([["eventSource", "eventsource"], ["eventName", "eventname"], ["errorCode", "errorcode"], ["awsRegion", "awsregion"]]);

/** A JSON path for json_extract_scalar: keys are plain identifiers (prefilter.ts checks). */
const jsonPath = (keys: readonly string[]): string => literal(`$.${keys.join(".")}`);

export const athenaFields: FieldSyntax = {
  value(path) {
    if (path[0] === "requestParameters") return `json_extract_scalar(requestparameters, ${jsonPath(path.slice(1))})`;
    if (path.length === 2 && path[0] === "userIdentity" && path[1] === "type") return "useridentity.type";
    const column = TOP_COLUMNS.get(path[0] as string);
    if (column === undefined) throw new Error(`no Athena column for ${path.join(".")}`);
    return column;
  },
  exists(path) {
    return `${this.value(path)} IS NOT NULL`;
  },
  keep(path) {
    // A list where a value was expected: EventBridge matches any element, json_extract_scalar sees none.
    return path[0] === "requestParameters" ? `json_array_length(json_extract(requestparameters, ${jsonPath(path.slice(1))})) IS NOT NULL` : undefined;
  },
};

/** `db.table` or `table`, each part quoted; an empty part is a usage error the caller reports. */
export function qualifiedTable(name: string): string {
  const parts = name.split(".");
  if (parts.some((p) => p.trim() === "")) throw new Error(`table name "${name}" has an empty part`);
  return parts.map(identifier).join(".");
}

function select(): string {
  const columns = ATHENA_COLUMNS.map(({ column, kind }) => (kind === "struct" ? `CAST(${column} AS JSON) AS ${column}` : column));
  return `SELECT ${columns.join(", ")}, "$path" AS ${ATHENA_PATH_COLUMN}`;
}

function timeCondition(window: TimeWindow): string | undefined {
  const { from, to } = partitionRange(window);
  if (from !== undefined && to !== undefined) return `"timestamp" BETWEEN ${literal(from)} AND ${literal(to)}`;
  if (from !== undefined) return `"timestamp" >= ${literal(from)}`;
  if (to !== undefined) return `"timestamp" <= ${literal(to)}`;
  return undefined;
}

/** The Trino query `hunt --engine athena` runs on the documented CloudTrail table. */
export function athenaQuery(prefilter: Prefilter, table: string, window: TimeWindow): string {
  const time = timeCondition(window);
  const condition = prefilterCondition(prefilter, athenaFields);
  const where = time === undefined ? `WHERE ${condition}` : `WHERE ${time}\n  AND (\n    ${condition}\n  )`;
  return [...queryHeader(prefilter), select(), `FROM ${qualifiedTable(table)}`, where, "ORDER BY eventtime, eventid"].join("\n");
}
