// How soon a pool tries the database again after losing it: postgres.js's default
// backs off towards 20 s, so a process stayed unable to serve long after a short outage.
"use strict";

/** Seconds before reconnect attempt `retries` (0.25, 0.5, 1, then every 2 s). */
/** @param {number} retries */
function reconnectDelaySeconds(retries) {
  return Math.min(0.25 * 2 ** retries, 2);
}

module.exports = { reconnectDelaySeconds };
