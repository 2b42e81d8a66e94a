// Pages read codes from the query string (?error=, ?notice=) and look them up in a table
// of messages: only the table's own entries count, so "constructor" or "__proto__" name
// nothing (a plain `table[key]` would return Object's own functions).

/** The entry of `table` that `key` names, or null. */
export function namedEntry<T>(table: Readonly<Record<string, T>>, key: unknown): T | null {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : null;
}
