/** Started by server.js, the only one that makes x-lede-* headers trustworthy and guards the renders. */
export function routedBySiteServer(): boolean {
  return (globalThis as { __ledeSiteServer?: boolean }).__ledeSiteServer === true;
}
