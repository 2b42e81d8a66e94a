// The render cache's PostgreSQL side (with DATABASE_URL): applies each cache_drop row once,
// acknowledges it in cache_peer and holds a lease there. It only reads cache_drop: drops
// are written by lib/cache/drops.ts alone. README: "How a page is served".
import crypto from "node:crypto";
import os from "node:os";
import postgres from "postgres";
import { reconnectDelaySeconds } from "@/lib/db/reconnect";
import { CHANNEL } from "./protocol";

/** This process stops trusting its memory this long before its lease runs out. */
const MARGIN_MS = 500;

/** What the peers need of the store they keep current. */
export type PeerStore = { dropLocally(tags: string[]): void; clear(): void; trustedUntil: number };
export type Peers = { id: string; stop(): Promise<void> };

export function startPeers(store: PeerStore, url: string, { heartbeatMs, leaseMs }: { heartbeatMs: number; leaseMs: number }): Peers {
  const sql = postgres(url, {
    max: 2,
    onnotice: () => {},
    connect_timeout: 3,
    backoff: reconnectDelaySeconds,
    connection: { statement_timeout: 3000, application_name: `lede:${process.pid}:render-cache` },
  });
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  /** The last cache_drop version applied here; null until registered. */
  let seen: number | null = null;
  let outage = false;
  let stopped = false;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = (fn: () => Promise<unknown>) => (queue = queue.then(fn, fn));

  async function catchUp() {
    const rows = await sql<{ version: string; tags: string[] }[]>`SELECT version, tags FROM cache_drop WHERE version > ${seen} ORDER BY version`;
    for (const row of rows) {
      store.dropLocally(row.tags);
      seen = Number(row.version);
    }
  }

  async function register() {
    // Nothing is cached here yet (and whatever was rendered before this is cleared
    // below), so every drop up to now is already applied.
    const [row] = await sql<{ seen: string }[]>`
      INSERT INTO cache_peer (id, seen, lease_until, host, pid)
      SELECT ${id}, coalesce(max(version), 0), now() + make_interval(secs => ${leaseMs / 1000}), ${os.hostname()}, ${process.pid} FROM cache_drop
      ON CONFLICT (id) DO UPDATE SET seen = excluded.seen, lease_until = excluded.lease_until
      RETURNING seen`;
    seen = Number(row.seen);
  }

  async function beat(): Promise<void> {
    if (stopped) return;
    const started = performance.now();
    try {
      if (seen === null) await register();
      else {
        await catchUp();
        const renewed = await sql`UPDATE cache_peer SET seen = ${seen}, lease_until = now() + make_interval(secs => ${leaseMs / 1000}) WHERE id = ${id} RETURNING 1`;
        // Our row was removed (taken for a dead process): start over, forgetting all.
        if (renewed.length === 0) {
          seen = null;
          store.clear();
          return beat();
        }
      }
      // Drops may have been missed while this process could not ask: forget everything.
      if (started > store.trustedUntil) store.clear();
      store.trustedUntil = started + leaseMs - MARGIN_MS;
      if (outage) console.log("[render cache] in touch with the database again: cached pages are served again");
      outage = false;
    } catch (err) {
      if (!outage) console.error(`[render cache] cannot reach the database (${(err as Error).message}): no cached page is served until it answers`);
      outage = true;
    }
  }

  /** A drop was committed: apply it (and any before it) and say so. */
  async function acknowledge() {
    if (stopped || seen === null) return;
    try {
      await catchUp();
      await sql`UPDATE cache_peer SET seen = greatest(seen, ${seen}) WHERE id = ${id}`;
    } catch {
      // The next heartbeat catches up.
    }
  }

  const timer = setInterval(() => serially(beat), heartbeatMs);
  timer.unref();
  serially(beat);
  sql
    .listen(CHANNEL, (payload) => {
      if (seen !== null && Number(payload) > seen) serially(acknowledge);
    })
    .catch((err: Error) => console.error(`[render cache] could not listen for drops: ${err.message}`));

  return {
    id,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await queue;
      await sql`DELETE FROM cache_peer WHERE id = ${id}`.catch(() => {});
      await sql.end({ timeout: 2 });
    },
  };
}
