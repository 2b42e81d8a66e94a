import "server-only";
// The metrics read from the database at scrape time (README: "Metrics"): the job queues,
// this process's connections, and the newsletters being sent.
import { databaseKind, rawSql } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { scrapeGauge } from "./registry";
import { BOSS_SCHEMA } from "@/lib/jobs/boss";

type Row = Record<string, unknown>;
const rows = async (text: string, values: unknown[] = []) => (await rawSql()(text, values)).rows as Row[];

/** Registers the database's gauges in this process (web or worker); safe to call twice. */
export function registerDatabaseMetrics(): void {
  // One query feeds both queue gauges; a scrape reads them one after the other.
  let queues: Promise<Row[]> | null = null;
  const queueRows = () =>
    (queues ??= rows(
      `SELECT name, count(*)::int AS depth,
              coalesce(extract(epoch FROM now() - min(created_on) FILTER (WHERE start_after <= now())), 0)::float AS oldest
         FROM ${BOSS_SCHEMA}.job WHERE state IN ('created', 'retry') GROUP BY name`,
    ).finally(() => setTimeout(() => (queues = null), 1000).unref()));
  scrapeGauge({
    name: "lede_queue_depth",
    help: "Jobs waiting in each pg-boss queue (created or to be retried), site-wide",
    labelNames: ["queue"],
    async collect(set) {
      for (const r of await queueRows()) set({ queue: String(r.name) }, Number(r.depth));
    },
  });
  scrapeGauge({
    name: "lede_queue_oldest_job_age_seconds",
    help: "Age of the oldest job in each queue that is due to run now, site-wide",
    labelNames: ["queue"],
    async collect(set) {
      for (const r of await queueRows()) set({ queue: String(r.name) }, Number(r.oldest));
    },
  });
  scrapeGauge({
    name: "lede_db_connections",
    help: "This process's PostgreSQL connections by pool (main, lookup, render-cache) and state (active, idle, …)",
    labelNames: ["pool", "state"],
    async collect(set) {
      if (databaseKind() !== "postgres") return;
      const found = await rows(
        `SELECT split_part(application_name, ':', 3) AS pool, coalesce(state, 'unknown') AS state, count(*)::int AS n
           FROM pg_stat_activity WHERE application_name LIKE $1 GROUP BY 1, 2`,
        [`lede:${process.pid}:%`],
      );
      for (const r of found) set({ pool: String(r.pool), state: String(r.state) }, Number(r.n));
    },
  });
  scrapeGauge({
    name: "lede_db_pool_size",
    help: "Connections each of this process's pools may open",
    labelNames: ["pool"],
    collect(set) {
      if (databaseKind() !== "postgres") return;
      set({ pool: "main" }, env.dbPool);
      set({ pool: "lookup" }, 4);
      set({ pool: "render-cache" }, 2);
    },
  });
  scrapeGauge({
    name: "lede_newsletter_deliveries",
    help: "Deliveries of each issue being sent or paused, by status (queued, sending, sent, failed, refused, skipped), site-wide",
    labelNames: ["issue", "status"],
    async collect(set) {
      const found = await rows(
        `SELECT d.issue_id, d.status, count(*)::int AS n FROM newsletter_delivery d
           JOIN newsletter_issue i ON i.id = d.issue_id WHERE i.status IN ('sending', 'paused') GROUP BY 1, 2`,
      );
      for (const r of found) set({ issue: String(r.issue_id), status: String(r.status) }, Number(r.n));
    },
  });
}
