import { readFile } from "node:fs/promises";
import { patternLines } from "../explain/format.js";
import { explainPattern } from "../explain/pattern.js";
import { formatPath, parsePattern } from "../pattern/index.js";
import { EXIT, parseFlags, UsageError, writeLine, type Command, type Io } from "./io.js";

async function readJson(path: string, what: string, io: Io): Promise<unknown> {
  let text: string;
  try {
    if (path === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk));
      text = Buffer.concat(chunks).toString("utf8");
    } else text = await readFile(path, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read ${what} "${path}": ${(cause as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`${what} "${path}" is not valid JSON: ${(cause as Error).message}`);
  }
}

export const testPattern: Command = {
  name: "test-pattern",
  usage: "test-pattern --pattern FILE --event FILE [--explain]",
  summary: "Offline `aws events test-event-pattern`: does a full EventBridge pattern match a full event?",
  async run(args, io) {
    const { values } = parseFlags(args, { pattern: { type: "string" }, event: { type: "string" }, explain: { type: "boolean", default: false } });
    if (values.pattern === undefined || values.event === undefined) throw new UsageError("--pattern FILE and --event FILE are required");
    const { pattern, issues } = parsePattern(await readJson(values.pattern, "pattern", io));
    if (pattern === undefined) {
      for (const issue of issues) writeLine(io.stderr, `invalid pattern: ${issue.path.length ? `${formatPath(issue.path)}: ` : ""}${issue.message}`);
      return EXIT.usage;
    }
    const event = await readJson(values.event, "event", io);
    writeLine(io.stdout, String(pattern.matches(event)));
    // Field by field, with the same matchers: the first line stays the plain answer for scripts.
    if (values.explain) writeLine(io.stdout, patternLines("pattern", explainPattern(pattern, event), "").join("\n"));
    return EXIT.ok;
  },
};
