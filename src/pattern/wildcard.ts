/**
 * EventBridge `wildcard` values: `*` matches any run of characters, `\*` a literal star,
 * `\\` a literal backslash. Matching splits the pattern at its stars and finds each
 * literal piece left to right, so time stays linear in the text for any number of stars:
 * no regular expression, no backtracking.
 */
export interface WildcardPattern {
  /** Literal pieces between stars; a pattern with no star has exactly one. */
  readonly pieces: readonly string[];
}

export function parseWildcard(source: string): WildcardPattern | string {
  const pieces: string[] = [];
  let current = "";
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      const next = source[i + 1];
      if (next !== "*" && next !== "\\") {
        return next === undefined
          ? "wildcard ends with an unfinished escape '\\'"
          : `wildcard escapes '${next}': only '\\*' and '\\\\' are allowed`;
      }
      current += next;
      i++;
    } else if (ch === "*") {
      if (source[i + 1] === "*") return "wildcard has consecutive '**': use a single '*'";
      pieces.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return { pieces };
}

export function matchWildcard(pattern: WildcardPattern, text: string): boolean {
  const { pieces } = pattern;
  const first = pieces[0] ?? "";
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1] ?? "";
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? "";
    const at = text.indexOf(piece, from);
    if (at < 0 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}
