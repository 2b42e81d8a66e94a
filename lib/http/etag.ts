/**
 * Does an If-None-Match list name `etag`? Compared weakly (RFC 9110 §13.1.2: `W/` ignored on
 * either side), as a GET's revalidation is. The feeds and the front server's cached pages ask.
 */
export function namesEtag(ifNoneMatch: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = bare(etag);
  return ifNoneMatch.split(",").some((tag) => bare(tag) === wanted);
}
