// A local stand-in for Fastly's and Cloudflare's purge APIs: it takes only the requests
// their documentation describes and records what each purged; anything else is refused
// the way the real API would (401 for a bad token, 400 for a malformed body).
//   Fastly:     POST /service/{service_id}/purge, Fastly-Key, and either a Surrogate-Key
//               header (space-separated keys) or a JSON body {"surrogate_keys": [...]} (≤ 256).
//   Cloudflare: POST /client/v4/zones/{zone_id}/purge_cache, Authorization: Bearer <token>,
//               JSON body {"tags": [...]} (≤ 30); answers {success, errors, messages, result}.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Purge = { api: "fastly" | "cloudflare"; keys: string[] };

export async function startEdgeApis(opts: { fastly: { serviceId: string; token: string }; cloudflare: { zoneId: string; token: string } }) {
  const purges: Purge[] = [];
  const refusals: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(value));
      };
      const refuse = (status: number, why: string) => {
        refusals.push(why);
        json(status, { msg: why, success: false, errors: [{ code: status, message: why }] });
      };
      const url = new URL(req.url ?? "/", "http://stand-in");
      const fastly = /^\/service\/([^/]+)\/purge$/.exec(url.pathname);
      const cloudflare = /^\/client\/v4\/zones\/([^/]+)\/purge_cache$/.exec(url.pathname);
      if (req.method !== "POST") return refuse(405, `${req.method} ${url.pathname}`);
      if (fastly) {
        if (decodeURIComponent(fastly[1]) !== opts.fastly.serviceId) return refuse(404, "fastly: unknown service");
        if (req.headers["fastly-key"] !== opts.fastly.token) return refuse(401, "fastly: bad Fastly-Key");
        let keys: string[];
        if (typeof req.headers["surrogate-key"] === "string") keys = req.headers["surrogate-key"].split(" ").filter(Boolean);
        else {
          if (!/^application\/json/.test(req.headers["content-type"] ?? "")) return refuse(400, "fastly: body is not JSON");
          const parsed = JSON.parse(body || "null") as { surrogate_keys?: unknown } | null;
          if (!parsed || !Array.isArray(parsed.surrogate_keys) || !parsed.surrogate_keys.every((k) => typeof k === "string")) return refuse(400, "fastly: no surrogate_keys");
          keys = parsed.surrogate_keys as string[];
        }
        if (keys.length === 0 || keys.length > 256) return refuse(400, "fastly: 1 to 256 keys");
        purges.push({ api: "fastly", keys });
        return json(200, Object.fromEntries(keys.map((k, i) => [k, `purge-${purges.length}-${i}`])));
      }
      if (cloudflare) {
        if (decodeURIComponent(cloudflare[1]) !== opts.cloudflare.zoneId) return refuse(404, "cloudflare: unknown zone");
        if (req.headers.authorization !== `Bearer ${opts.cloudflare.token}`) return refuse(401, "cloudflare: bad token");
        if (!/^application\/json/.test(req.headers["content-type"] ?? "")) return refuse(400, "cloudflare: body is not JSON");
        const parsed = JSON.parse(body || "null") as { tags?: unknown } | null;
        const tags = parsed?.tags;
        if (!Array.isArray(tags) || tags.length === 0 || tags.length > 30 || !tags.every((t) => typeof t === "string" && /^[\x21-\x7e]+$/.test(t))) {
          return refuse(400, "cloudflare: tags must be 1 to 30 printable strings");
        }
        purges.push({ api: "cloudflare", keys: tags as string[] });
        return json(200, { success: true, errors: [], messages: [], result: { id: `purge-${purges.length}` } });
      }
      return refuse(404, `no such API: ${url.pathname}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, purges, refusals, close: () => new Promise<void>((r) => server.close(() => r())) };
}
