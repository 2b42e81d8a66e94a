// Is this request from this machine, straight to the socket? For the front server, before Next
// adds X-Forwarded-* headers of its own.

/** Headers a proxy adds: any of them means the socket's peer is not the client. */
const FORWARDING = /^(forwarded|via|x-forwarded-.*|x-original-.*|x-real-ip|x-client-ip|client-ip|true-client-ip|x-cluster-client-ip|cf-connecting-ip|fastly-client-ip|x-proxyuser-ip)$/;

/** @param {string | null | undefined} address */
function isLoopbackAddress(address) {
  const a = String(address || "").toLowerCase();
  return a === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** Host names a local request may carry: any other (DNS rebinding, say) is not local, whatever the socket. */
/** @param {string | null | undefined} host @param {string} siteUrl */
function isLocalHostHeader(host, siteUrl) {
  const value = String(host || "").toLowerCase();
  let name;
  try {
    name = new URL(`http://${value}`).hostname;
  } catch {
    return false;
  }
  if (name === "localhost" || name.endsWith(".localhost") || name === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(name)) return true;
  try {
    return Boolean(siteUrl) && new URL(siteUrl).host === value;
  } catch {
    return false;
  }
}

/** True for a request whose socket is loopback, with no forwarding header and a local Host. */
/** @param {{ socket?: { remoteAddress?: string }, headers: import("node:http").IncomingHttpHeaders }} req @param {string} siteUrl */
function isDirectLocalRequest(req, siteUrl) {
  if (!isLoopbackAddress(req.socket && req.socket.remoteAddress)) return false;
  if (Object.keys(req.headers).some((name) => FORWARDING.test(name))) return false;
  return isLocalHostHeader(req.headers.host, siteUrl);
}

module.exports = { isDirectLocalRequest, isLoopbackAddress, isLocalHostHeader };
