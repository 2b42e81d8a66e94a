// Embedded demo or production, read from the environment at start. Plain CommonJS:
// scripts/start.mjs, server.js and the worker check it before anything opens.

const isSet = (v) => typeof v === "string" && v.trim() !== "";

/**
 * The embedded demo: no DATABASE_URL and no EMAIL_SERVER. Only then do the dev mailbox
 * and the generated secret exist, and the server listens on this machine only.
 */
function embeddedDemo(env) {
  return !isSet(env.DATABASE_URL) && !isSet(env.EMAIL_SERVER);
}

/** Why this environment must not start (one line naming the variable), or null. */
function startProblem(env) {
  if (!isSet(env.DATABASE_URL)) return null;
  if (!isSet(env.EMAIL_SERVER)) {
    return "EMAIL_SERVER is required when DATABASE_URL is set (e.g. smtp://user:pass@smtp.example.com:587): the dev mailbox exists only on the embedded demo.";
  }
  if (!isSet(env.AUTH_SECRET)) {
    return "AUTH_SECRET is required when DATABASE_URL is set: every process must share it (try: openssl rand -base64 33).";
  }
  return null;
}

/**
 * Where server.js listens: LEDE_LISTEN_HOST (comma list) when set; else this machine
 * only (IPv4 and IPv6 loopback) on the embedded demo, and every interface otherwise.
 */
function listenHosts(env) {
  if (isSet(env.LEDE_LISTEN_HOST)) return env.LEDE_LISTEN_HOST.split(",").map((h) => h.trim()).filter(Boolean);
  return embeddedDemo(env) ? ["127.0.0.1", "::1"] : ["0.0.0.0"];
}

module.exports = { embeddedDemo, startProblem, listenHosts };
