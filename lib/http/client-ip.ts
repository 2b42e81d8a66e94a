import { env } from "@/lib/config/env";
import { parseForwardedHop } from "./client-address";
import { routedBySiteServer } from "./site-server";

/**
 * The client's address. the front server stamps x-lede-client-ip from the socket (dropping
 * anything a client sent); without the front server in front (`next dev`, `next start`) that
 * header could be forged, so it is not read there. X-Forwarded-For is believed only
 * when TRUST_PROXY is set, and then its last hop, the one the trusted proxy added, read
 * the ways proxies write it (a port, brackets). A hop that is not an address is refused:
 * the request counts as the proxy's own (the socket's address), never as a new network.
 */
export function clientIp(headers: Pick<Headers, "get">): string {
  const socket = (routedBySiteServer() && headers.get("x-lede-client-ip")) || "unknown";
  if (!env.trustProxy) return socket;
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded === null || forwarded.trim() === "") return socket;
  const last = forwarded.slice(forwarded.lastIndexOf(",") + 1);
  return parseForwardedHop(last) ?? socket;
}
