import type { SourcePosition } from "./types.js";

export type DiagnosticLevel = "error" | "warning";

/** One finding about a policy or config file, located by the YAML parser. */
export interface Diagnostic extends SourcePosition {
  readonly level: DiagnosticLevel;
  /** The dotted path of the offending key inside the document, e.g. `match.eventName`; "" for the file. */
  readonly path: string;
  readonly message: string;
}

/** `rules/ssm-contacts/x.yml:7:5 error match.eventName: unknown operator "startswith" (did you mean "prefix"?)` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path === "" ? "" : `${d.path}: `;
  return `${d.file}:${d.line}:${d.column} ${d.level} ${where}${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.level === "error");
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1,
  );
}
