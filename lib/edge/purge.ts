// Tells the edge cache what a change made stale: the purger LEDE_EDGE_PURGE names (Varnish's
// xkey, Fastly's or Cloudflare's purge API), called before the desk answers (lib/cache/drops.ts).
import edge from "./settings";
import { metrics } from "../metrics/registry";

/** What lib/edge/settings.js reads for each purger. */
export type EdgeSettings =
  | { purger: "varnish"; ttl: number; urls: string[] }
  | { purger: "fastly"; ttl: number; serviceId: string; token: string; apiUrl: string }
  | { purger: "cloudflare"; ttl: number; zoneId: string; token: string; apiUrl: string };
type Settings = EdgeSettings;

export const edgeSettings = (env: Record<string, string | undefined> = process.env) => edge.edgeSettings(env) as EdgeSettings | null;

/** Fastly takes up to 256 surrogate keys per batch purge; Cloudflare 30 tags per call. */
const FASTLY_BATCH = 256;
const CLOUDFLARE_BATCH = 30;
const ATTEMPTS = 3;
const TIMEOUT_MS = 5_000;

const chunks = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** The requests one purge of `keys` makes, each as documented by the edge it goes to. */
export function purgeRequests(settings: Settings, keys: string[]): { url: string; init: RequestInit }[] {
  if (settings.purger === "varnish") {
    // xkey's purge, answered by the VCL on Varnish's purge-only listener (deploy/varnish/lede.vcl).
    return settings.urls.map((url) => ({ url, init: { method: "PURGE", headers: { "xkey-purge": keys.join(" ") } } }));
  }
  if (settings.purger === "fastly") {
    return chunks(keys, FASTLY_BATCH).map((batch) => ({
      url: `${settings.apiUrl}/service/${encodeURIComponent(settings.serviceId)}/purge`,
      init: {
        method: "POST",
        headers: { "Fastly-Key": settings.token, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ surrogate_keys: batch }),
      },
    }));
  }
  return chunks(keys, CLOUDFLARE_BATCH).map((batch) => ({
    url: `${settings.apiUrl}/client/v4/zones/${encodeURIComponent(settings.zoneId)}/purge_cache`,
    init: {
      method: "POST",
      headers: { Authorization: `Bearer ${settings.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ tags: batch }),
    },
  }));
}

/** Whether an edge's answer says the purge was taken (Cloudflare answers 200 with success:false on some errors). */
async function accepted(settings: Settings, res: Response): Promise<boolean> {
  if (!res.ok) return false;
  if (settings.purger !== "cloudflare") return true;
  const body = (await res.json().catch(() => null)) as { success?: boolean } | null;
  return body?.success === true;
}

async function send(settings: Settings, request: { url: string; init: RequestInit }): Promise<void> {
  let last = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (await accepted(settings, res)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 100 * attempt));
  }
  throw new Error(`${settings.purger} purge at ${new URL(request.url).origin} failed: ${last}`);
}

/**
 * Purges `keys` at the edge and resolves once every edge took it; a purge that still fails
 * after retries is logged and counted (lede_edge_purges_total{result="failed"}), never thrown:
 * the change is saved, and the edge keeps the old page at most LEDE_EDGE_TTL.
 */
export async function purgeEdge(keys: string[], settings: Settings | null = edgeSettings()): Promise<boolean> {
  if (!settings || keys.length === 0) return true;
  const results = await Promise.allSettled(purgeRequests(settings, keys).map((r) => send(settings, r)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  metrics().edgePurges.inc({ purger: settings.purger, result: failed.length ? "failed" : "ok" });
  for (const f of failed) console.error(`[edge] ${(f.reason as Error).message}: the edge may serve the old page for up to ${settings.ttl} s`);
  return failed.length === 0;
}
