// This process's cached renders, in memory, dropped by tag; with DATABASE_URL in every web
// process at once (peers.ts). Next reaches it through handler.ts, the front server and the
// desk through the contract (server/contract.ts). README: "How a page is served".
import { frontContract } from "@/server/contract";
import { getEnv } from "@/lib/config/env";
import { metrics } from "@/lib/metrics/registry";
import { startPeers, type Peers } from "./peers";

/** No render takes longer: an ask older than this has no render waiting on it. */
const MAX_RENDER_MS = 30_000;

/** Pages for what does not exist (404s) kept apart, at most this many: made-up slugs evict only each other. */
const MAX_ABSENT = 500;

export type Entry = { value: unknown; tags: string[]; bornAt: number; lastModified: number; staleAt: number };
/** Told of a drop's tags, or of a clear (null): everything may have changed. */
export type DropListener = (tags: string[] | null) => void;

export type StoreOptions = { maxEntries?: number; databaseUrl?: string; heartbeatMs?: number; leaseMs?: number };

export class RenderStore {
  /** key → its entry, least recently used first. */
  readonly entries = new Map<string, Entry>();
  /** The same for pages of what does not exist: never room taken from the pages that do. */
  readonly absent = new Map<string, Entry>();
  /** tag → when it was last dropped here (monotonic ms). */
  private readonly droppedAt = new Map<string, number>();
  /** key → when a render of it was asked for: a miss or a stale hit, with no set since. */
  private readonly askedAt = new Map<string, number>();
  /** Until when what this process knows of drops is known to be complete. */
  trustedUntil = Infinity;
  /** Anything born before this was rendered while drops may have been missed. */
  private clearedAt = -Infinity;
  /** With DATABASE_URL: the other web processes. */
  readonly peers: Peers | null = null;
  /** Caches of facts renders are chosen by, told of every drop here. */
  private readonly listeners = new Set<DropListener>();
  /** Counts every drop and clear here: a page sent across one must not be kept at the edge. */
  dropSerial = 0;
  private readonly maxEntries: number;

  constructor(options: StoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5000;
    if (options.databaseUrl) {
      this.trustedUntil = -Infinity; // until the first heartbeat
      this.peers = startPeers(this, options.databaseUrl, { heartbeatMs: options.heartbeatMs ?? 1000, leaseMs: options.leaseMs ?? 4000 });
    }
  }

  onDrop(listener: DropListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(key: string): Entry | null {
    const now = performance.now();
    const entry = this.find(key, now);
    // Next renders after a miss, and in the background after a stale hit: note when.
    if (!entry || Date.now() >= entry.staleAt) this.noteAsk(key, now);
    return entry;
  }

  /**
   * The entry only if it may be served as it is: current, trusted and not yet stale. What
   * the front server answers by itself (lib/cache/answer.ts); anything else goes to Next,
   * whose get() notes the ask and renders. Notes nothing itself.
   */
  fresh(key: string): Entry | null {
    const entry = this.find(key, performance.now());
    return entry && Date.now() < entry.staleAt ? entry : null;
  }

  private find(key: string, now: number): Entry | null {
    // A process that cannot tell what was dropped serves nothing from memory.
    if (now > this.trustedUntil) return null;
    const map = this.entries.has(key) ? this.entries : this.absent;
    const entry = map.get(key);
    if (!entry) return null;
    map.delete(key);
    if (!this.isCurrent(entry)) return null;
    map.set(key, entry); // most recently used last
    return entry;
  }

  /** `absent`: a page for something that does not exist (a 404), kept apart. */
  set(key: string, value: unknown, tags: string[], revalidateSeconds?: number, absent = false): void {
    // Born at its ask, so a render that read before a drop and ended after it is stale.
    const bornAt = this.askedAt.get(key) ?? performance.now();
    this.askedAt.delete(key);
    const lastModified = Date.now();
    const staleAt = typeof revalidateSeconds === "number" ? lastModified + revalidateSeconds * 1000 : Infinity;
    const entry = { value, tags, bornAt, lastModified, staleAt };
    if (!this.isCurrent(entry)) return;
    const [map, other, max] = absent ? [this.absent, this.entries, Math.min(MAX_ABSENT, this.maxEntries)] : [this.entries, this.absent, this.maxEntries];
    other.delete(key);
    map.set(key, entry);
    while (map.size > max) map.delete(map.keys().next().value as string);
  }

  private noteAsk(key: string, now: number): void {
    // The earliest ask a render may still work on (a failed one's expires after MAX_RENDER_MS).
    const asked = this.askedAt.get(key);
    if (asked !== undefined && now - asked < MAX_RENDER_MS) return;
    this.askedAt.set(key, now);
    if (this.askedAt.size > 2 * this.maxEntries) {
      for (const [k, at] of this.askedAt) if (now - at > MAX_RENDER_MS) this.askedAt.delete(k);
    }
  }

  private isCurrent(entry: Pick<Entry, "bornAt" | "tags">): boolean {
    if (entry.bornAt <= this.clearedAt) return false;
    for (const tag of entry.tags) {
      const dropped = this.droppedAt.get(tag);
      if (dropped !== undefined && dropped >= entry.bornAt) return false;
    }
    return true;
  }

  /** Drops every entry carrying one of `tags`, here, at once. */
  dropLocally(tags: string[]): void {
    const now = performance.now();
    const dropped = new Set(tags);
    for (const tag of dropped) this.droppedAt.set(tag, now);
    for (const map of [this.entries, this.absent]) {
      for (const [key, entry] of map) if (entry.tags.some((t) => dropped.has(t))) map.delete(key);
    }
    this.dropSerial++;
    metrics().renderDrops.inc({ kind: "tags" });
    for (const listener of this.listeners) listener(tags);
  }

  /** Forgets everything: after a time in which drops may have been missed. */
  clear(): void {
    this.clearedAt = performance.now();
    this.entries.clear();
    this.absent.clear();
    this.dropSerial++;
    metrics().renderDrops.inc({ kind: "clear" });
    for (const listener of this.listeners) listener(null);
  }
}

/** A store for tests and tools, apart from the process's own. */
export function createStore(options: StoreOptions = {}): RenderStore {
  return new RenderStore(options);
}

/** The one store of this process, shared by Next's handler, the front server and the desk. */
export function renderCache(): RenderStore {
  const contract = frontContract();
  if (!contract.renderCache) {
    const env = getEnv();
    contract.renderCache = new RenderStore({ ...env.renderCache, databaseUrl: env.databaseUrl });
  }
  return contract.renderCache;
}

/** The process's store if one was made (a script makes none): what a drop must reach here. */
export const existingRenderCache = (): RenderStore | undefined => frontContract().renderCache;
