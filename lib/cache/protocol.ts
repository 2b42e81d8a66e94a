// What web processes (peers.ts) and the one writer of drops (drops.ts) agree on.

/** NOTIFY channel: the payload is the new cache_drop version. */
export const CHANNEL = "lede_cache_drop";

/** Serialises cache_drop inserts, so that versions commit in order (a reader that saw N saw all below). */
export const DROP_LOCK = 0x1edecac;
