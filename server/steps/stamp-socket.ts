// Step: say what the socket says. Only this server sets x-lede-* request headers (whatever
// a client sent under such a name is dropped): the client's address, and on the embedded
// demo whether the request came straight from this machine (the dev mailbox).
import { isDirectLocalRequest } from "@/lib/http/local-request";
import type { Step } from "../pipeline";

export function stampSocket({ embeddedDemo, siteUrl }: { embeddedDemo: boolean; siteUrl: string }): Step {
  return {
    name: "stamp what the socket says",
    run({ req }, next) {
      for (const name of Object.keys(req.headers)) if (name.startsWith("x-lede-")) delete req.headers[name];
      req.headers["x-lede-client-ip"] = req.socket.remoteAddress || "unknown";
      if (embeddedDemo && isDirectLocalRequest(req, siteUrl)) req.headers["x-lede-local"] = "1";
      return next();
    },
  };
}
