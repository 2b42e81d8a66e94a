import "server-only";
import { sql } from "drizzle-orm";
import { databaseKind, db, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import protocol from "./protocol";
import { renderTags, type RenderChange } from "./tags";
import edgeKeys from "@/lib/edge/keys";
import { purgeEdge } from "@/lib/edge/purge";

/** The store lib/render/cache-handler.js keeps for this process, when it runs one. */
export type RenderStore = {
  dropLocally(tags: string[]): void;
  onDrop(listener: (tags: string[] | null) => void): () => void;
  peers: { id: string } | null;
};
const localStore = () => (globalThis as { __ledeRenderCache?: RenderStore }).__ledeRenderCache;

/** A fact kept until dropped: asked for (and kept), or read as it is known now, with no wait. */
export type Kept<K, V> = ((key: K) => Promise<V>) & {
  /** The value once its fill has answered (and until a drop), else undefined: never asks. */
  known(key: K): { value: V } | undefined;
};

type KeptEntry<V> = { asked: Promise<V>; answer?: { value: V } };

/**
 * Keeps `fill()`'s answer until a drop of any tag `matters(tag)` says (or every render is
 * forgotten), in every process as their renders are dropped. Where no render cache runs
 * (a script), nothing is kept: each call asks again.
 */
export function keptUntilDropped<K, V>(fill: (key: K) => Promise<V>, matters: (tag: string, key: K) => boolean): Kept<K, V> {
  // Each key's ask, and once it came (and no drop since), its answer: a request that
  // finds the answer here need not wait.
  const kept = new Map<K, KeptEntry<V>>();
  let watching = false;
  const ask = (key: K): Promise<V> => {
    const store = localStore();
    if (!store) return fill(key);
    if (!watching) {
      watching = true;
      store.onDrop((tags) => {
        if (tags === null) return kept.clear();
        for (const k of [...kept.keys()]) if (tags.some((t) => matters(t, k))) kept.delete(k);
      });
    }
    let entry = kept.get(key);
    if (!entry) {
      const made: KeptEntry<V> = (entry = { asked: fill(key) });
      kept.set(key, made);
      made.asked.then(
        // A drop during the ask forgot it: what it read may be from before the change.
        (value) => void (kept.get(key) === made && (made.answer = { value })),
        () => void (kept.get(key) === made && kept.delete(key)),
      );
      if (kept.size > 10_000) kept.delete(kept.keys().next().value as K);
    }
    return entry.asked;
  };
  return Object.assign(ask, { known: (key: K) => kept.get(key)?.answer });
}

export type PendingDrop = { tags: string[]; version: number | null };

/**
 * Inside a change's own transaction: records which cached renders it drops, so that
 * every web process learns it (at commit, by NOTIFY; or at its next heartbeat) — the
 * drop commits or rolls back with the change.
 */
export async function recordDrop(tx: Executor, change: RenderChange): Promise<PendingDrop> {
  const tags = renderTags(change);
  if (databaseKind() !== "postgres" || tags.length === 0) return { tags, version: null };
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${protocol.DROP_LOCK})`);
  const [row] = rowsOf<{ version: string }>(
    await tx.execute(sql`INSERT INTO cache_drop (tags) VALUES (${JSON.stringify(tags)}::jsonb) RETURNING version`),
  );
  await tx.execute(sql`SELECT pg_notify(${protocol.CHANNEL}, ${row.version})`);
  return { tags, version: Number(row.version) };
}

/** A second purge this long after the first: a page a web process was still sending when it dropped its render. */
const EDGE_REPURGE_MS = 2_000;

/**
 * After the commit: drops the renders in this process, waits until every other web process
 * with a live lease has dropped them too (a process whose lease runs out serves nothing from
 * memory, so the wait is bounded by the lease), then purges the edge cache, so that no
 * process can hand the edge an old page once it is purged.
 */
export async function awaitDrop(drop: PendingDrop, store: RenderStore | undefined = localStore()): Promise<void> {
  await awaitPeers(drop, store);
  const keys = edgeKeys.purgeKeys(drop.tags);
  if (keys.length === 0) return;
  await purgeEdge(keys);
  // A render that began before the drop may still reach the edge just after the purge.
  setTimeout(() => void purgeEdge(keys), EDGE_REPURGE_MS).unref();
}

async function awaitPeers(drop: PendingDrop, store: RenderStore | undefined): Promise<void> {
  store?.dropLocally(drop.tags);
  if (drop.version === null) return;
  const self = store?.peers?.id ?? "";
  const deadline = Date.now() + protocol.LEASE_MS + 1000;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const [row] = rowsOf<{ waiting: number }>(
      await db.execute(sql`
        SELECT count(*)::int AS waiting FROM cache_peer
        WHERE id <> ${self} AND lease_until > now() AND seen < ${drop.version}`),
    );
    if (row.waiting === 0) return;
    if (Date.now() > deadline) {
      console.error(`[render cache] ${row.waiting} web process(es) did not confirm drop ${drop.version} in time`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
