import { env } from "@/lib/config/env";
import { routedBySiteServer } from "./site-server";

/**
 * The client's address. server.js stamps x-lede-client-ip from the socket (dropping
 * anything a client sent); without server.js in front (`next dev`, `next start`) that
 * header could be forged, so it is not read there. X-Forwarded-For is believed only
 * when TRUST_PROXY is set, and then its last hop, the one the trusted proxy added.
 */
export function clientIp(headers: Pick<Headers, "get">): string {
  if (env.trustProxy) {
    const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1];
  }
  return (routedBySiteServer() && headers.get("x-lede-client-ip")) || "unknown";
}
