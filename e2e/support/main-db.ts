// The main app's PostgreSQL database (global setup names it in E2E_DATABASE_URL), for the
// facts a spec waits on that no page shows: a mail job's outcome, rows a refusal left alone.
// On PGlite the database is the app's alone; specs that need it skip with NEEDS_MAIN_DB.
import postgres from "postgres";

export const NEEDS_MAIN_DB = "needs the main app's PostgreSQL database (run with DATABASE_URL set, as CI does)";

export function hasMainDb(): boolean {
  return Boolean(process.env.E2E_DATABASE_URL);
}

/** Runs `fn` with a connection to the main app's database, closed after. */
export async function withMainDb<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error(NEEDS_MAIN_DB);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** A sign-in mail job as pg-boss holds it (lib/jobs/boss.ts QUEUES.mail; the row carries the queue's retry policy). */
export type MailJob = {
  id: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  retryCount: number;
  retryDelay: number;
  retryBackoff: boolean;
};

/**
 * The sign-in mail jobs of `email`, oldest first. The job is queued in the statement that
 * stores the link (lib/auth/sign-in-tokens.ts), so both rows carry that transaction's now().
 */
export function signInMailJobs(email: string): Promise<MailJob[]> {
  return withMainDb(
    (sql) => sql<MailJob[]>`
      select j.id, j.state, j.retry_count as "retryCount", j.retry_delay as "retryDelay", j.retry_backoff as "retryBackoff"
      from pgboss.job j join sign_in_token t on t.created_at = j.created_on
      where j.name = 'mail' and t.email = ${email.toLowerCase()} order by j.created_on`,
  );
}

/** How many mail jobs wait to be sent or retried, or are being sent. */
export function pendingMailJobs(): Promise<number> {
  return withMainDb(
    async (sql) =>
      (await sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'mail' and state in ('created', 'retry', 'active')`)[0].n,
  );
}

/**
 * The longest pg-boss would wait before retrying `job` had its last attempt failed: the
 * window in which a second copy would turn up (pg-boss 10's failJobs: with backoff, up to
 * retry_delay * 2^(retry_count + 1) seconds).
 */
export function retryWindowMs(job: MailJob): number {
  const seconds = job.retryBackoff ? job.retryDelay * 2 ** Math.min(16, job.retryCount + 1) : job.retryDelay;
  return seconds * 1000;
}
