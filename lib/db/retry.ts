// One statement that lost a race with another (a deadlock, a row made meanwhile) is simply
// run again: it was atomic, so the failed try changed nothing.

/** PostgreSQL's SQLSTATE of an error, from postgres.js directly or as drizzle's cause. */
export function sqlState(err: unknown): string | undefined {
  if (err === null || typeof err !== "object") return undefined;
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === "string" ? e.code : typeof e.cause?.code === "string" ? e.cause.code : undefined;
  return code;
}

/** Deadlock and serialization failure: PostgreSQL's own word that trying again is right. */
export const TRY_AGAIN = ["40P01", "40001"];

/** Runs `once` until it succeeds, fails otherwise than with one of `codes`, or has been tried `attempts` times. */
export async function retryingRaces<T>(once: () => Promise<T>, codes: readonly string[] = TRY_AGAIN, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (err) {
      const code = sqlState(err);
      if (attempt >= attempts || code === undefined || !codes.includes(code)) throw err;
      // Apart a little, so the two that met do not meet again.
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
    }
  }
}
