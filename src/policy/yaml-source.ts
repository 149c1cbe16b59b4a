import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { formatPath, type JsonPath } from "../pattern/json.js";
import type { Diagnostic, DiagnosticLevel } from "./diagnostics.js";

/** Policy files larger than this are refused before parsing (hostile or accidental 10 MB files). */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Aliases expand at most this many times: a YAML "billion laughs" file gets an error, not a hang. */
const MAX_ALIAS_COUNT = 100;

/** A parsed YAML file that can say where any path inside it came from. */
export class YamlSource {
  readonly value: unknown;
  readonly diagnostics: Diagnostic[] = [];
  private readonly doc: Document | undefined;
  private readonly lines = new LineCounter();

  constructor(readonly file: string, text: string) {
    if (Buffer.byteLength(text) > MAX_YAML_BYTES) {
      this.error([], `file is larger than ${MAX_YAML_BYTES / 1024} KiB: a policy file should be a few KiB`);
      this.value = undefined;
      return;
    }
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const e of [...this.doc.errors, ...this.doc.warnings]) {
      // The parser's own offset (prettyErrors would also compute it, but rewrites the message).
      const { line, col } = this.lines.linePos(e.pos[0]);
      const message = e.message.split("\n")[0] ?? e.message;
      this.diagnostics.push({ file, line: Math.max(line, 1), column: Math.max(col, 1), level: "error", path: "", message: `YAML syntax: ${message}` });
    }
    const merges = this.doc.errors.length > 0 ? 0 : this.reportMergeKeys();
    this.value = this.doc.errors.length > 0 || merges > 0 ? undefined : this.toJs();
  }

  /**
   * YAML 1.2 reads `<<:` as an ordinary key named "<<", not as a merge: a pattern holding
   * one would require a field called "<<" and never match. Refused, with what to write.
   */
  private reportMergeKeys(): number {
    let found = 0;
    if (this.doc === undefined) return found;
    visit(this.doc, {
      Pair: (_, pair) => {
        if (!isScalar(pair.key) || pair.key.value !== "<<" || pair.key.type !== "PLAIN") return;
        found++;
        const { line, col } = this.lines.linePos(offsetOf(pair.key) ?? 0);
        this.diagnostics.push({
          file: this.file, line, column: col, level: "error", path: "",
          message: "YAML merge key \"<<\" is not supported: YAML 1.2 reads it as an ordinary field named \"<<\" (a pattern holding it never matches); write the keys out, or put an anchor on a whole value (eventName: *names)",
        });
      },
    });
    return found;
  }

  private toJs(): unknown {
    try {
      return this.doc?.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (cause) {
      const reason = cause instanceof RangeError ? "nesting is too deep" : (cause as Error).message;
      this.error([], `cannot read YAML: ${reason}`);
      return undefined;
    }
  }

  /** Where the key (or value, for list items) at `path` starts; the closest existing ancestor otherwise. */
  position(path: JsonPath): { line: number; column: number } {
    let node: unknown = this.doc?.contents;
    let offset = offsetOf(node) ?? 0;
    for (const part of path) {
      const next = child(node, part);
      if (next === undefined) break;
      offset = next.keyOffset ?? offsetOf(next.node) ?? offset;
      node = next.node;
    }
    const pos = this.lines.linePos(offset);
    // No document (e.g. a file refused for its size): point at the start of the file.
    return { line: Math.max(pos.line, 1), column: Math.max(pos.col, 1) };
  }

  report(level: DiagnosticLevel, path: JsonPath, message: string): void {
    this.diagnostics.push({ file: this.file, ...this.position(path), level, path: formatPath(path), message });
  }

  error(path: JsonPath, message: string): void {
    this.report("error", path, message);
  }

  warn(path: JsonPath, message: string): void {
    this.report("warning", path, message);
  }
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function child(node: unknown, part: string | number): { node: unknown; keyOffset?: number } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(key) === String(part)) return { node: pair.value, keyOffset: offsetOf(pair.key) };
    }
    return undefined;
  }
  if (isSeq(node) && typeof part === "number") {
    const item = node.items[part];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

/** Where a value check reports: a YAML file (with positions), or a list of messages (a destination built from code). */
export type Reporter = Pick<YamlSource, "error">;
