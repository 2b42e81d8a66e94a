// Drops: the one writer of cache_drop (recordTags, inside a change's own transaction), the
// wait until every web process applied a drop, and facts kept until a drop. README: "How a
// page is served".
import "server-only";
import { sql } from "drizzle-orm";
import { getEnv } from "@/lib/config/env";
import { databaseKind, db, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { CHANNEL, DROP_LOCK } from "./protocol";
import { existingRenderCache, type RenderStore } from "./store";
import { renderTags, type RenderChange } from "./tags";
import * as edgeKeys from "@/lib/edge/keys";
import { purgeEdge } from "@/lib/edge/purge";

/** What a drop needs of this process's store (lib/cache/store.ts; a stand-in in tests). */
export type DropTarget = Pick<RenderStore, "dropLocally" | "onDrop"> & { peers: { id: string } | null };
const localStore = (): DropTarget | undefined => existingRenderCache();

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
export function recordDrop(tx: Executor, change: RenderChange): Promise<PendingDrop> {
  return recordTags(tx, renderTags(change));
}

/** The one writer of cache_drop: `tags` dropped in every process once `tx` commits. */
export async function recordTags(tx: Executor, tags: string[]): Promise<PendingDrop> {
  if (databaseKind() !== "postgres" || tags.length === 0) return { tags, version: null };
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${DROP_LOCK})`);
  const [row] = rowsOf<{ version: string }>(
    await tx.execute(sql`INSERT INTO cache_drop (tags) VALUES (${JSON.stringify(tags)}::jsonb) RETURNING version`),
  );
  await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${row.version})`);
  return { tags, version: Number(row.version) };
}

/** Next's own revalidateTag() (lib/cache/handler.ts): recorded on its own and awaited like a change's. */
export async function dropEverywhere(tags: string[]): Promise<void> {
  const pending = databaseKind() === "postgres" ? await db.transaction((tx) => recordTags(tx, tags)) : { tags, version: null };
  await awaitDrop(pending);
}

/** A second purge this long after the first: a page a web process was still sending when it dropped its render. */
const EDGE_REPURGE_MS = 2_000;

/**
 * After the commit: drops the renders in this process, waits until every other web process
 * with a live lease has dropped them too (a process whose lease runs out serves nothing from
 * memory, so the wait is bounded by the lease), then purges the edge cache, so that no
 * process can hand the edge an old page once it is purged.
 */
export async function awaitDrop(drop: PendingDrop, store: DropTarget | undefined = localStore()): Promise<void> {
  await awaitPeers(drop, store);
  const keys = edgeKeys.purgeKeys(drop.tags);
  if (keys.length === 0) return;
  await purgeEdge(keys);
  // A render that began before the drop may still reach the edge just after the purge.
  setTimeout(() => void purgeEdge(keys), EDGE_REPURGE_MS).unref();
}

async function awaitPeers(drop: PendingDrop, store: DropTarget | undefined): Promise<void> {
  store?.dropLocally(drop.tags);
  if (drop.version === null) return;
  const self = store?.peers?.id ?? "";
  const deadline = Date.now() + getEnv().renderCache.leaseMs + 1000;
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
