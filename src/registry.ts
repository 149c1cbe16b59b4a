/**
 * One registry shape for operators, outputs, lint checks and CLI commands: a ReadonlyMap
 * built from a static list, keyed by each entry's name. A name listed twice is a
 * programming error, caught at module load rather than by whichever entry wins.
 */
export function buildRegistry<T>(what: string, entries: readonly T[], keyOf: (entry: T) => string): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const entry of entries) {
    const key = keyOf(entry);
    if (map.has(key)) throw new Error(`${what} "${key}" is registered twice`);
    map.set(key, entry);
  }
  return map;
}
