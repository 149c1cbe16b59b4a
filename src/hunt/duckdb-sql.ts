import type { TimeWindow } from "../replay/time-window.js";
import type { Prefilter } from "./prefilter.js";
import { literal, prefilterCondition, queryHeader, type FieldSyntax } from "./sql-text.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** CloudTrail log files hold a few MB; a concatenated or pretty-printed one may be far bigger. */
const MAX_OBJECT_BYTES = 1024 * 1024 * 1024;

const jsonPath = (path: readonly string[]): string => `$.${path.join(".")}`;

/**
 * Each field the query reads, extracted once per record into the lists `f` (values) and `t`
 * (JSON types): DuckDB parses a record's JSON text again for every json_* call, and the pack's
 * conditions name the same fields many times (one extraction of all was ~3x faster).
 */
class FieldLists implements FieldSyntax {
  readonly paths: string[] = [];

  index(path: readonly string[]): number {
    const text = jsonPath(path);
    let at = this.paths.indexOf(text);
    if (at === -1) at = this.paths.push(text) - 1;
    return at + 1;
  }

  value(path: readonly string[]): string {
    return `f[${this.index(path)}]`;
  }

  type(path: readonly string[]): string {
    return `t[${this.index(path)}]`;
  }

  exists(path: readonly string[]): string {
    return `${this.type(path)} IS NOT NULL`;
  }

  // EventBridge matches a list by any element, and looks through lists on the way to a field.
  keep(path: readonly string[]): string {
    return path.map((_, i) => `${this.type(path.slice(0, i + 1))} = 'ARRAY'`).join(" OR ");
  }
}

/**
 * The window widened by a day each way, on the record's eventTime; a time DuckDB cannot read
 * keeps the record, so the exact engine (which parses times as replay does) decides.
 */
function timeCondition(window: TimeWindow, fields: FieldLists): string | undefined {
  const time = `TRY_CAST(${fields.value(["eventTime"])} AS TIMESTAMPTZ)`;
  const at = (ms: number): string => `TIMESTAMPTZ ${literal(new Date(ms).toISOString())}`;
  const parts: string[] = [];
  if (window.since !== undefined) parts.push(`${time} >= ${at(window.since - DAY_MS)}`);
  if (window.until !== undefined) parts.push(`${time} < ${at(window.until + DAY_MS)}`);
  return parts.length === 0 ? undefined : `coalesce(${parts.join(" AND ")}, TRUE)`;
}

/**
 * The DuckDB query `hunt` runs on each batch of local files, bound to `$files` (the paths, in
 * replay's order). Records stay JSON text: schema detection fails on CloudTrail, whose records
 * mix `ARN` and `arn` keys. One row per file that has values: the counts of usable and
 * unusable records (as replay counts them, src/input/formats.ts) and the candidates in order.
 */
export function duckdbQuery(prefilter: Prefilter, window: TimeWindow): string {
  const fields = new FieldLists();
  fields.index(["eventSource"]);
  fields.index(["eventName"]);
  const usable = "coalesce(root = 'OBJECT' AND t[1] = 'VARCHAR' AND t[2] = 'VARCHAR', FALSE)";
  const time = timeCondition(window, fields);
  const condition = prefilterCondition(prefilter, fields);
  const where = time === undefined ? condition : `${time}\n      AND (\n      ${condition}\n    )`;
  const n = fields.paths.length;
  // Each path read from the record and from an envelope's detail in one parse of the record.
  const own = fields.paths.map(literal);
  const inDetail = fields.paths.map((p) => literal(p.replace(/^\$/, "$.detail")));
  const values = `[${[...own, ...inDetail].join(", ")}]`;
  const types = `[${[...own, ...inDetail, literal('$."detail-type"'), literal("$.detail"), literal("$")].join(", ")}]`;
  return [
    ...queryHeader(prefilter),
    "WITH vals AS (",
    "  SELECT list_position($files, filename) AS file_no, ordinality AS value_no, json AS v,",
    "    json_type(v) = 'ARRAY' OR json_type(v, '$.Records') = 'ARRAY' AS listed",
    `  FROM read_json_objects($files, format = 'auto', filename = true, maximum_object_size = ${MAX_OBJECT_BYTES}) WITH ORDINALITY`,
    "), flat AS (",
    "  SELECT file_no, value_no, listed, unnest(list) AS record, unnest(range(1, len(list) + 1)) AS item_no FROM (",
    "    SELECT file_no, value_no, listed,",
    "      CASE WHEN json_type(v) = 'ARRAY' THEN CAST(v AS JSON[])",
    "        WHEN listed THEN CAST(json_extract(v, '$.Records') AS JSON[]) ELSE [v] END AS list",
    "    FROM vals)",
    "), extracted AS (",
    `  SELECT *, json_extract_string(record, ${values}) AS fv, json_type(record, ${types}) AS tv FROM flat`,
    "), events AS (",
    "  -- An EventBridge envelope's record is its detail (src/input/formats.ts).",
    "  SELECT file_no, value_no, listed, item_no, record,",
    `    CASE WHEN envelope THEN fv[${n + 1}:${2 * n}] ELSE fv[1:${n}] END AS f,`,
    `    CASE WHEN envelope THEN tv[${n + 1}:${2 * n}] ELSE tv[1:${n}] END AS t,`,
    `    CASE WHEN envelope THEN 'OBJECT' ELSE tv[${2 * n + 3}] END AS root`,
    `  FROM (SELECT *, coalesce(tv[${2 * n + 1}] = 'VARCHAR' AND tv[${2 * n + 2}] = 'OBJECT', FALSE) AS envelope FROM extracted)`,
    ")",
    "SELECT file_no, min(value_no) AS first_value,",
    `  count(*) FILTER (WHERE ${usable}) AS usable,`,
    `  count(*) FILTER (WHERE NOT ${usable}) AS unusable,`,
    "  list({'value_no': value_no, 'item_no': item_no, 'listed': listed, 'record': CAST(record AS VARCHAR)} ORDER BY value_no, item_no)",
    `    FILTER (WHERE ${where}) AS candidates`,
    "FROM events GROUP BY file_no ORDER BY file_no",
  ].join("\n");
}
