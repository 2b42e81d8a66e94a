/**
 * True in a process started by server.js, which sets the x-lede-* request headers from
 * the socket (dropping any a client sent) and refuses any request naming the members'
 * render. Under `next start` or `next dev` nothing guards either: such headers may be
 * forged, and the members' render shows "not found".
 */
export function routedBySiteServer(): boolean {
  return (globalThis as { __ledeSiteServer?: boolean }).__ledeSiteServer === true;
}
