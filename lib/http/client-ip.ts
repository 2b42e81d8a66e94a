import { env } from "@/lib/env";

/**
 * The client's address. server.js stamps x-lede-client-ip from the socket (overwriting
 * anything a client sent); X-Forwarded-For is believed only when TRUST_PROXY is set,
 * and then its last hop, the one the trusted proxy added.
 */
export function clientIp(headers: Headers): string {
  if (env.trustProxy) {
    const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1];
  }
  return headers.get("x-lede-client-ip") ?? "unknown";
}
