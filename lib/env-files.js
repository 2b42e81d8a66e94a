// .env files, read the way Next reads them (@next/env's loadEnvConfig), for the commands
// that start before Next or without it: npm start, server.js, the worker, the scripts and
// the benchmark. Plain CommonJS, required only by those entry points (never bundled).
"use strict";

const path = require("node:path");
const { loadEnvConfig } = require("@next/env");

const ROOT = path.resolve(__dirname, "..");

/**
 * Loads .env.<mode>.local, .env.local (not in test), .env.<mode> and .env from the
 * project folder into process.env, the first file to set a variable winning; mode is NODE_ENV's "development" or "test", else
 * "production" (as for `next build` and `next start`). A variable already set wins, and
 * a process started by one that loaded them (it inherits the result) loads none again.
 */
function loadEnvFiles(dir = ROOT) {
  loadEnvConfig(dir, process.env.NODE_ENV === "development");
  return process.env;
}

/**
 * For the test suite: marks `env` as loaded already, so neither loadEnvFiles nor Next
 * (which reads this same flag of @next/env's) reads a developer's .env files.
 */
function skipEnvFiles(env = process.env) {
  env.__NEXT_PROCESSED_ENV = "true";
  return env;
}

module.exports = { loadEnvFiles, skipEnvFiles };
