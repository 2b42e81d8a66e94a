// .env files read the way Next reads them, for every command that starts before Next or
// without it (README: "Environment"). Required by entry points only, never bundled.
"use strict";

const path = require("node:path");
const { loadEnvConfig } = require("@next/env");

const ROOT = path.resolve(__dirname, "..");

/** Next's own loader (loadEnvConfig); development files only under NODE_ENV=development, as `next start`. */
function loadEnvFiles(dir = ROOT) {
  loadEnvConfig(dir, process.env.NODE_ENV === "development");
  return process.env;
}

/** For tests: marks `env` loaded, so neither this nor Next (the same flag) reads .env files. */
function skipEnvFiles(env = process.env) {
  env.__NEXT_PROCESSED_ENV = "true";
  return env;
}

module.exports = { loadEnvFiles, skipEnvFiles };
