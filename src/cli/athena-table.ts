import { createTableStatement, DEFAULT_REGIONS, LAYOUT_CHECKS, type TableLayout } from "../hunt/athena-table.js";
import { EXIT, parseFlags, UsageError, writeLine, type Command } from "./io.js";
import { DEFAULT_TABLE } from "./sql.js";

/** AWS's own placeholders, so the statement reads like the documentation until filled in. */
const PLACEHOLDER_BUCKET = "amzn-s3-demo-bucket";
const PLACEHOLDER_ACCOUNT = "111122223333";

function checked(key: keyof typeof LAYOUT_CHECKS, flag: string, value: string): string {
  const { pattern, what } = LAYOUT_CHECKS[key];
  if (!pattern.test(value)) throw new UsageError(`--${flag} "${value}" is not ${what}`);
  return value;
}

const list = (text: string | undefined): string[] | undefined => text?.split(",").map((s) => s.trim()).filter((s) => s !== "");

export const athenaTable: Command = {
  name: "athena-table",
  usage: "athena-table [--bucket B] [--prefix P] [--org-id O] [--name N] [--accounts ID,...] [--regions R,...] [--start-day YYYY/MM/DD]",
  summary: "Print the CREATE EXTERNAL TABLE for CloudTrail logs in Athena, with partition projection (account, region, day).",
  async run(args, io) {
    const options = {
      bucket: { type: "string" }, prefix: { type: "string" }, "org-id": { type: "string" }, name: { type: "string", default: DEFAULT_TABLE },
      accounts: { type: "string" }, regions: { type: "string" }, "start-day": { type: "string", default: "2024/01/01" },
    } as const;
    const { values } = parseFlags(args, options);
    const accounts = (list(values.accounts) ?? [PLACEHOLDER_ACCOUNT]).map((a) => checked("account", "accounts", a));
    const layout: TableLayout = {
      name: checked("name", "name", values.name),
      bucket: checked("bucket", "bucket", values.bucket ?? PLACEHOLDER_BUCKET),
      prefix: values.prefix === undefined ? undefined : checked("prefix", "prefix", values.prefix),
      orgId: values["org-id"] === undefined ? undefined : checked("orgId", "org-id", values["org-id"]),
      accounts,
      regions: (list(values.regions) ?? DEFAULT_REGIONS).map((r) => checked("region", "regions", r)),
      since: checked("since", "start-day", values["start-day"]),
    };
    writeLine(io.stdout, createTableStatement(layout));
    const missing = [values.bucket === undefined ? `--bucket (now ${PLACEHOLDER_BUCKET})` : "", values.accounts === undefined ? `--accounts (now ${PLACEHOLDER_ACCOUNT})` : ""].filter((s) => s !== "");
    if (missing.length > 0) writeLine(io.stderr, `note: placeholders left in the statement; give ${missing.join(" and ")}`);
    return EXIT.ok;
  },
};
