/**
 * `fn`, remembering its answers for the last `max` distinct arguments of at most
 * `maxLength` characters (the oldest are forgotten first; longer ones are not kept): for
 * pure functions of what requests bring, which repeat — a reader's cookie on every page
 * view, a browser's user agent.
 */
export function boundedMemo<V>(fn: (key: string) => V, { max, maxLength }: { max: number; maxLength: number }): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as V;
    const value = fn(key);
    if (key.length > maxLength) return value;
    kept.set(key, value);
    if (kept.size > max) kept.delete(kept.keys().next().value as string);
    return value;
  };
}
