// Step: Next's own endpoints Lede does not use, answered 404 before Next sees them. The
// image optimiser (/_next/image) fetches any path of the site from inside the process, past
// the front server: the render folders (a member's render included) among them. Lede's
// pages use plain <img>, so the optimiser has nothing to do.
import type { Step } from "../pipeline";

const INTERNAL = /^\/_next\/image(?:[/?]|$)/i;

/** The path as Next would route it: percent-decoded where it decodes, dot segments resolved. */
function routedPath(url: string): string {
  const path = url.split("?")[0];
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Next answers 400 for a path that does not decode.
  }
  try {
    return new URL(`http://x${decoded.startsWith("/") ? "" : "/"}${decoded.replace(/\\/g, "/")}`).pathname;
  } catch {
    return path;
  }
}

export function guardInternals(): Step {
  return {
    name: "guard Next's internal endpoints",
    run({ req, res }, next) {
      const url = req.url ?? "/";
      if (INTERNAL.test(url) || INTERNAL.test(routedPath(url))) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
        res.end("Not found.\n");
        return;
      }
      return next();
    },
  };
}
