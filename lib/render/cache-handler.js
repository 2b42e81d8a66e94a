// Next's cacheHandler: this process's cached renders, in memory, dropped by tag; with
// DATABASE_URL in every web process at once (peers.js). README: "How a page is served".
"use strict";

const { renderCacheSettings } = require("../deployment");
const { startPeers } = require("./peers");
const { metrics } = require("../metrics/registry");

/** No render takes longer: an ask older than this has no render waiting on it. */
const MAX_RENDER_MS = 30_000;

/**
 * @typedef {{ value: any, tags: string[], bornAt: number, lastModified: number, staleAt: number }} Entry
 * @typedef {(tags: string[] | null) => void} DropListener
 */

/** @param {Record<string, string | undefined>} [env] */
function createStore(env) {
  /** Entries kept per process; the least recently used go first. */
  const { maxEntries, databaseUrl } = renderCacheSettings(env);
  const store = {
    /** @type {Map<string, Entry>} key → its entry */
    entries: new Map(),
    /** @type {Map<string, number>} tag → when it was last dropped here (monotonic ms) */
    droppedAt: new Map(),
    /** key → when a render of it was asked for: a miss or a stale hit, with no set since */
    /** @type {Map<string, number>} */
    askedAt: new Map(),
    /** Until when what this process knows of drops is known to be complete. */
    trustedUntil: Infinity,
    /** Anything born before this was rendered while drops may have been missed. */
    clearedAt: -Infinity,
    /** @type {ReturnType<typeof startPeers> | null} With DATABASE_URL: the other web processes. */
    peers: null,
    /** @type {Set<DropListener>} Told of every drop here (and of a clear, as null): caches of facts renders are chosen by. */
    listeners: new Set(),
    /** Counts every drop and clear here: a page sent across one must not be kept at the edge. */
    dropSerial: 0,

    /** @param {DropListener} listener */
    onDrop(listener) {
      store.listeners.add(listener);
      return () => store.listeners.delete(listener);
    },

    /** @param {string} key */
    get(key) {
      const now = performance.now();
      const entry = store.find(key, now);
      // Next renders after a miss, and in the background after a stale hit: note when.
      if (!entry || Date.now() >= entry.staleAt) store.noteAsk(key, now);
      return entry;
    },

    /** @param {string} key @param {number} now @returns {Entry | null} */
    find(key, now) {
      // A process that cannot tell what was dropped serves nothing from memory.
      if (now > store.trustedUntil) return null;
      const entry = store.entries.get(key);
      if (!entry) return null;
      store.entries.delete(key);
      if (!store.isCurrent(entry)) return null;
      store.entries.set(key, entry); // most recently used last
      return entry;
    },

    /** @param {string} key @param {unknown} value @param {string[]} tags @param {number} [revalidateSeconds] */
    set(key, value, tags, revalidateSeconds) {
      // Born at its ask, so a render that read before a drop and ended after it is stale.
      const bornAt = store.askedAt.get(key) ?? performance.now();
      store.askedAt.delete(key);
      const lastModified = Date.now();
      const staleAt = typeof revalidateSeconds === "number" ? lastModified + revalidateSeconds * 1000 : Infinity;
      const entry = { value, tags, bornAt, lastModified, staleAt };
      if (!store.isCurrent(entry)) return;
      store.entries.set(key, entry);
      while (store.entries.size > maxEntries) store.entries.delete(/** @type {string} */ (store.entries.keys().next().value));
    },

    /** @param {string} key @param {number} now */
    noteAsk(key, now) {
      // The earliest ask a render may still work on (a failed one's expires after MAX_RENDER_MS).
      const asked = store.askedAt.get(key);
      if (asked !== undefined && now - asked < MAX_RENDER_MS) return;
      store.askedAt.set(key, now);
      if (store.askedAt.size > 2 * maxEntries) {
        for (const [k, at] of store.askedAt) if (now - at > MAX_RENDER_MS) store.askedAt.delete(k);
      }
    },

    /** @param {Pick<Entry, "bornAt" | "tags">} entry */
    isCurrent(entry) {
      if (entry.bornAt <= store.clearedAt) return false;
      for (const tag of entry.tags) {
        const dropped = store.droppedAt.get(tag);
        if (dropped !== undefined && dropped >= entry.bornAt) return false;
      }
      return true;
    },

    /** Drops every entry carrying one of `tags`, here, at once. */
    /** @param {string[]} tags */
    dropLocally(tags) {
      const now = performance.now();
      const dropped = new Set(tags);
      for (const tag of dropped) store.droppedAt.set(tag, now);
      for (const [key, entry] of store.entries) if (entry.tags.some((t) => dropped.has(t))) store.entries.delete(key);
      store.dropSerial++;
      metrics().renderDrops.inc({ kind: "tags" });
      for (const listener of store.listeners) listener(tags);
    },

    /** Forgets everything: after a time in which drops may have been missed. */
    clear() {
      store.clearedAt = performance.now();
      store.entries.clear();
      store.dropSerial++;
      metrics().renderDrops.inc({ kind: "clear" });
      for (const listener of store.listeners) listener(null);
    },

    /**
     * Drops `tags` here and in every other web process: resolves once each live one
     * has dropped them, or its lease ran out (then it serves nothing from memory).
     */
    /** @param {string[]} tags */
    async drop(tags) {
      store.dropLocally(tags);
      if (store.peers) await store.peers.publish(tags);
    },
  };
  if (databaseUrl) {
    store.trustedUntil = -Infinity; // until the first heartbeat
    store.peers = startPeers(store, databaseUrl);
  }
  return store;
}

/** The one store of this process, shared by Next's handler instances and the desk. */
function renderCache() {
  const slot = /** @type {{ __ledeRenderCache?: ReturnType<typeof createStore> }} */ (globalThis);
  slot.__ledeRenderCache ??= createStore();
  return slot.__ledeRenderCache;
}

/** The tags Next gave an entry: a page's in its headers, a data entry's in the context. */
/** @param {any} value @param {any} ctx @returns {string[]} */
function tagsOf(value, ctx) {
  const header = value && value.headers && value.headers["x-next-cache-tags"];
  const fromHeader = typeof header === "string" && header ? header.split(",") : [];
  return [...fromHeader, ...((ctx && ctx.tags) || [])];
}

class LedeCacheHandler {
  /** @param {string} key */
  async get(key) {
    const entry = renderCache().get(key);
    metrics().renderCache.inc({ result: entry ? "hit" : "miss" });
    return entry ? { value: entry.value, lastModified: entry.lastModified } : null;
  }

  /** @param {string} key @param {any} value @param {any} ctx */
  async set(key, value, ctx) {
    const revalidate = (ctx && ctx.cacheControl && ctx.cacheControl.revalidate) ?? (value && value.revalidate);
    renderCache().set(key, value, tagsOf(value, ctx), revalidate);
  }

  /** Next's revalidateTag()/revalidatePath(); Lede's own changes call drop() and wait. */
  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await renderCache().drop(Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
}

module.exports = LedeCacheHandler;
module.exports.renderCache = renderCache;
module.exports.createStore = createStore;
