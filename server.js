// `node server.js`: starts the front server as the build made it (server/ compiled into
// <build folder>-server/ by scripts/build-server.mjs, during `npm run build` or `npm start`).
// Plain Node, no loader: production runs what was built. README: "How a page is served".
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** @type {Record<string, string | undefined>} */ (process.env).NODE_ENV ||= "production";
require("./lib/env-files").loadEnvFiles(); // first: the server's schema reads the result
// The build folder's name is checked by the schema (lib/config/env.ts) once the server runs.
const entry = path.join(__dirname, `${process.env.LEDE_DIST_DIR || ".next"}-server`, "server.js");
if (!fs.existsSync(entry)) {
  console.error(`Lede could not start: ${path.relative(__dirname, entry)} is missing: run npm run build (or npm start) first.`);
  process.exit(1);
}
require(entry);
