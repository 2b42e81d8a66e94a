// Lede's Prometheus metrics (prom-client): one registry per process, shared by the front server,
// the worker and Next's bundles (each bundle has its own copy of this file, so the registry
// lives on globalThis). Every metric Lede exports is declared here; README: "Metrics".
"use strict";

const client = require("prom-client");

const KEY = Symbol.for("lede.metrics");

/** The metric families, made once per process. */
function create() {
  const registry = new client.Registry();
  const on = { registers: [registry] };
  const metrics = {
    registry,
    requests: new client.Counter({
      name: "lede_http_requests_total",
      help: "Requests answered, by the render chosen (none: not a page with renders) and status code",
      labelNames: ["render", "status"],
      ...on,
    }),
    requestSeconds: new client.Histogram({
      name: "lede_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its answer, by render",
      labelNames: ["render"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      ...on,
    }),
    renderCache: new client.Counter({
      name: "lede_render_cache_lookups_total",
      help: "Lookups in this process's render cache, by result (hit, miss)",
      labelNames: ["result"],
      ...on,
    }),
    renderAnswered: new client.Counter({
      name: "lede_render_cache_answered_total",
      help: "Cached renders the front server answered itself, without Next (each also a hit in lede_render_cache_lookups_total)",
      ...on,
    }),
    renderDrops: new client.Counter({
      name: "lede_render_cache_drops_total",
      help: "Drops applied to this process's render cache (a change's tags, or clear: everything forgotten)",
      labelNames: ["kind"],
      ...on,
    }),
    renderEntries: new client.Gauge({
      name: "lede_render_cache_entries",
      help: "Entries kept in this process's render cache",
      collect() {
        // The front contract's slot (server/contract.ts), read here by its symbol: a CommonJS
        // module cannot require the TypeScript that owns it under vitest.
        const contract = /** @type {import("../../server/contract").FrontContract | undefined} */ (
          /** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for("lede.front")]
        );
        const store = contract?.renderCache;
        this.set(store ? store.entries.size : 0);
      },
      ...on,
    }),
    gateViews: new client.Counter({
      name: "lede_gate_views_total",
      help: "Page views of a premium article's lede and gate (render anonymous) or the meter's wall (spent)",
      labelNames: ["render"],
      ...on,
    }),
    joins: new client.Counter({
      name: "lede_joins_total",
      help: "Sign-in mails asked for that would make an account or join from an article, by way in",
      labelNames: ["way"],
      ...on,
    }),
    signIns: new client.Counter({
      name: "lede_sign_ins_total",
      help: "Sessions started, by way in (link, code, passkey, provider)",
      labelNames: ["way"],
      ...on,
    }),
    mails: new client.Counter({
      name: "lede_mails_total",
      help: "Mails by kind (sign_in, newsletter) and outcome (queued, sent, failed, suppressed)",
      labelNames: ["kind", "outcome"],
      ...on,
    }),
    edgePurges: new client.Counter({
      name: "lede_edge_purges_total",
      help: "Purges sent to the edge cache, by purger and result (ok, failed)",
      labelNames: ["purger", "result"],
      ...on,
    }),
  };
  client.collectDefaultMetrics({ register: registry, prefix: "lede_", eventLoopMonitoringPrecision: 20 });
  return metrics;
}

/** @returns {ReturnType<typeof create>} */
function metrics() {
  const g = /** @type {Record<symbol, ReturnType<typeof create>>} */ (/** @type {unknown} */ (globalThis));
  return (g[KEY] ??= create());
}

/**
 * Registers a gauge whose value is read at scrape time (queue depth, pool use), once per
 * name per process: a second bundle's registration is ignored. A value that cannot be
 * read is left out (labelled) or NaN.
 * @param {{ name: string, help: string, labelNames?: string[], collect: (set: (labels: Record<string, string>, value: number) => void) => Promise<void> | void }} spec
 */
function scrapeGauge(spec) {
  const { registry } = metrics();
  if (registry.getSingleMetric(spec.name)) return;
  new client.Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        await spec.collect((labels, value) => this.set(labels, value));
      } catch {
        // Not read this time (the database down, say): NaN, not a made-up 0.
        this.reset();
        if ((spec.labelNames ?? []).length === 0) this.set(NaN);
      }
    },
  });
}

module.exports = { metrics, scrapeGauge };
