#!/usr/bin/env node
// Fills a deploy/ template (nginx.conf, lede.vcl, Procfile) from the environment and prints it:
//   node deploy/render.js deploy/nginx.conf > /etc/nginx/nginx.conf
// ${NAME} is the variable NAME; a name that is not set stops it with one line naming it.
// From LEDE_UPSTREAM (nginx's upstreams) and LEDE_BACKENDS (Varnish's web processes), both
// comma lists of host:port, it makes the blocks the templates list; from SITE_URL, the
// site's host name (LEDE_SITE_HOST) and host[:port] (LEDE_SITE_AUTHORITY).
"use strict";
const fs = require("node:fs");

/** @param {string | undefined} list @param {string} name @returns {{ host: string, port: string }[]} */
const hostPorts = (list, name) =>
  (list ?? "").split(",").map((/** @type {string} */ s) => s.trim()).filter(Boolean).map((/** @type {string} */ hp) => {
    const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(hp);
    if (!m) throw new Error(`${name}: "${hp}" is not host:port`);
    return { host: m[1].replace(/^\[|\]$/g, ""), port: m[2] };
  });

/** The blocks made from the lists, then every ${NAME} from `env`. */
/**
 * @param {string} template
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
function render(template, env) {
  /** @type {Record<string, string>} */
  const derived = {};
  // The site's public name and authority (host[:port]) as SITE_URL says: the only Host Lede
  // is ever asked for (Next's server actions check Origin against it).
  if (env.SITE_URL) {
    const site = new URL(env.SITE_URL);
    derived.LEDE_SITE_HOST = site.hostname;
    derived.LEDE_SITE_AUTHORITY = site.host;
  }
  if (env.LEDE_UPSTREAM) {
    derived.LEDE_UPSTREAM_SERVERS = hostPorts(env.LEDE_UPSTREAM, "LEDE_UPSTREAM").map((/** @type {{ host: string, port: string }} */ b) => `server ${b.host.includes(":") ? `[${b.host}]` : b.host}:${b.port};`).join("\n    ");
  }
  if (env.LEDE_BACKENDS) {
    const backends = hostPorts(env.LEDE_BACKENDS, "LEDE_BACKENDS");
    derived.LEDE_VARNISH_BACKENDS = backends
      .map((/** @type {{ host: string, port: string }} */ b, /** @type {number} */ i) => `backend web${i} {\n  .host = "${b.host}";\n  .port = "${b.port}";\n  .probe = ready;\n}`)
      .join("\n\n");
    derived.LEDE_VARNISH_DIRECTOR_ADDS = backends.map((/** @type {unknown} */ _, /** @type {number} */ i) => `web.add_backend(web${i});`).join("\n  ");
  }
  const all = { ...env, ...derived };
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (/** @type {string} */ _, /** @type {string} */ name) => {
    const value = all[name];
    if (value === undefined || value === "") throw new Error(`${name} is not set`);
    if (/[\n;{}"]/.test(value) && !(name in derived)) throw new Error(`${name} may not hold a newline, ; { } or "`);
    return value;
  });
}

module.exports = { render };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node deploy/render.js <template>");
    process.exit(2);
  }
  try {
    process.stdout.write(render(fs.readFileSync(file, "utf8"), process.env));
  } catch (err) {
    console.error(`deploy/render.js ${file}: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
