import type { TimeWindow } from "../replay/time-window.js";
import type { Prefilter } from "./prefilter.js";
import { literal, prefilterCondition, queryHeader, type FieldSyntax } from "./sql-text.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** CloudTrail log files hold a few MB; a concatenated or pretty-printed one may be far bigger. */
const MAX_OBJECT_BYTES = 1024 * 1024 * 1024;

const jsonPath = (path: readonly string[]): string => literal(`$.${path.join(".")}`);

export const duckdbFields: FieldSyntax = {
  value: (path) => `json_extract_string(rec, ${jsonPath(path)})`,
  exists: (path) => `json_type(rec, ${jsonPath(path)}) IS NOT NULL`,
  // EventBridge matches a list by any element, and looks through lists on the way to a field.
  keep: (path) => path.map((_, i) => `json_type(rec, ${jsonPath(path.slice(0, i + 1))}) = 'ARRAY'`).join(" OR "),
};

/**
 * The window widened by a day each way, on the record's eventTime; a time DuckDB cannot read
 * keeps the record, so the exact engine (which parses times as replay does) decides.
 */
function timeCondition(window: TimeWindow): string | undefined {
  const time = "TRY_CAST(json_extract_string(rec, '$.eventTime') AS TIMESTAMPTZ)";
  const at = (ms: number): string => `TIMESTAMPTZ ${literal(new Date(ms).toISOString())}`;
  const parts: string[] = [];
  if (window.since !== undefined) parts.push(`${time} >= ${at(window.since - DAY_MS)}`);
  if (window.until !== undefined) parts.push(`${time} < ${at(window.until + DAY_MS)}`);
  return parts.length === 0 ? undefined : `coalesce(${parts.join(" AND ")}, TRUE)`;
}

/**
 * The DuckDB query `hunt` runs on each batch of local files, bound to `$files` (the paths, in
 * replay's order). Records stay JSON text: schema detection fails on CloudTrail, whose records
 * mix `ARN` and `arn` keys. Rows: the candidate records in file order, then one row per file
 * with the counts of usable and unusable records scanned (`record` NULL).
 */
export function duckdbQuery(prefilter: Prefilter, window: TimeWindow): string {
  const time = timeCondition(window);
  const condition = prefilterCondition(prefilter, duckdbFields);
  const where = time === undefined ? condition : `${time}\n  AND (\n    ${condition}\n  )`;
  return [
    ...queryHeader(prefilter),
    "WITH vals AS MATERIALIZED (",
    "  SELECT list_position($files, filename) AS file_no, ordinality AS value_no, json AS v,",
    "    ordinality - min(ordinality) OVER (PARTITION BY filename) + 1 AS line_no",
    `  FROM read_json_objects($files, format = 'auto', filename = true, maximum_object_size = ${MAX_OBJECT_BYTES}) WITH ORDINALITY`,
    "), items AS (",
    "  SELECT file_no, value_no, line_no, json_type(v) = 'ARRAY' OR json_type(v, '$.Records') = 'ARRAY' AS listed,",
    "    CASE WHEN json_type(v) = 'ARRAY' THEN CAST(v AS JSON[])",
    "      WHEN json_type(v, '$.Records') = 'ARRAY' THEN CAST(json_extract(v, '$.Records') AS JSON[])",
    "      ELSE [v] END AS list",
    "  FROM vals",
    "), flat AS (",
    "  SELECT file_no, value_no, line_no, listed, unnest(list) AS record, unnest(range(1, len(list) + 1)) AS item_no FROM items",
    "), events AS (",
    "  SELECT file_no, value_no, item_no, CASE WHEN listed THEN item_no ELSE line_no END AS record_no, record,",
    "    CASE WHEN json_type(record, '$.\"detail-type\"') = 'VARCHAR' AND json_type(record, '$.detail') = 'OBJECT'",
    "      THEN json_extract(record, '$.detail') ELSE record END AS rec",
    "  FROM flat",
    ")",
    "SELECT file_no, value_no, item_no, record_no, CAST(record AS VARCHAR) AS record, NULL AS scanned, NULL AS unusable FROM events",
    `WHERE ${where}`,
    "UNION ALL",
    // Usable as replay counts it (src/input/unwrap.ts): an object with string eventSource and eventName.
    "SELECT file_no, NULL, NULL, NULL, NULL, count(*) FILTER (WHERE usable), count(*) FILTER (WHERE NOT usable) FROM (",
    "  SELECT file_no, coalesce(json_type(rec) = 'OBJECT' AND json_type(rec, '$.eventSource') = 'VARCHAR' AND json_type(rec, '$.eventName') = 'VARCHAR', FALSE) AS usable FROM events",
    ") GROUP BY file_no",
    "ORDER BY file_no, value_no NULLS LAST, item_no",
  ].join("\n");
}
