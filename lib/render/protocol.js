// What web processes (peers.js) and writers of changes (drop.ts) agree on.
"use strict";

const { heartbeatMs, leaseMs } = require("../deployment").renderCacheSettings();

module.exports = {
  /** NOTIFY channel: the payload is the new cache_drop version. */
  CHANNEL: "lede_cache_drop",
  /** Serialises cache_drop inserts, so that versions commit in order (a reader that saw N saw all below). */
  DROP_LOCK: 0x1edecac,
  HEARTBEAT_MS: heartbeatMs,
  /** A process whose lease ran out serves nothing from memory; writers stop waiting for it. */
  LEASE_MS: leaseMs,
};
