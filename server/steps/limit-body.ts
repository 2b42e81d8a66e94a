// Step: count the body against its path's limit (lib/http/body-limits.js) where Node's
// parser hands bytes to the request, before any reader: 413 at once when Content-Length
// says too much, else at the first chunk past it; nothing past the limit reaches a reader,
// not even the end of the body. A connection answered before its body ended is closed:
// FIN first, the reset two seconds later, so the client reads the answer first.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { bodyCeiling, tooLargeAnswer } from "@/lib/http/body-limits";
import type { Step } from "../pipeline";

/** How long a connection answered before its body ended stays half-open. */
const LINGER_MS = 2_000;

function closeWhenAnsweredEarly(req: IncomingMessage, res: ServerResponse) {
  res.once("finish", () => {
    if (req.complete) return;
    req.socket.end();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}

/** Answers 413 itself; whatever Next still answers (its read of the body now fails) goes nowhere. */
function refuse(req: IncomingMessage, res: ServerResponse) {
  if (res.headersSent) return;
  const { contentType, body } = tooLargeAnswer(req.headers.accept);
  // Through the answer's own writeHead: the steps' headers (security, request id) go with it.
  res.writeHead(413, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    // No "Connection: close": Node would reset at once; closeWhenAnsweredEarly is gentler.
  });
  (http.ServerResponse.prototype.end as (this: ServerResponse, chunk: string) => void).call(res, body);
  const mute = res as unknown as Record<string, unknown>;
  mute.writeHead = () => res;
  mute.setHeader = () => res;
  mute.appendHeader = () => res;
  mute.write = () => true;
  mute.end = () => res;
}

export function limitBody(): Step {
  return {
    name: "limit the body",
    run({ req, res }, next) {
      const ceiling = bodyCeiling(req.url ?? "/", req.headers);
      closeWhenAnsweredEarly(req, res);
      let refused = false;
      const declared = req.headers["content-length"];
      if (declared !== undefined && Number(declared) > ceiling) {
        refused = true;
        refuse(req, res);
        return;
      }
      let seen = 0;
      const push = req.push;
      req.push = function (this: IncomingMessage, chunk: Buffer | null, encoding?: BufferEncoding) {
        // Past the ceiling nothing reaches a reader, not even the end (no part passes for
        // the whole body); false stops the socket.
        if (refused) return false;
        if (chunk !== null) {
          seen += chunk.length;
          if (seen > ceiling) {
            refused = true;
            refuse(req, res);
            return false;
          }
        }
        return push.call(this, chunk, encoding);
      };
      return next();
    },
  };
}
