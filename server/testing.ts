// For the steps' tests: a real node:http server running some steps, then an answer that
// says what reached it (method, URL, headers, body), on a free loopback port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline, type Step } from "./pipeline";

export type Seen = { url: string; headers: http.IncomingHttpHeaders; body: string };

/** Answers 200 with what reached it as JSON, or runs `answer` when given. */
export function echo(answer?: (req: http.IncomingMessage, res: http.ServerResponse) => void): Step {
  return {
    name: "echo",
    run: ({ req, res }) =>
      new Promise<void>((resolve) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("error", () => resolve());
        req.on("end", () => {
          if (answer) answer(req, res);
          else {
            const seen: Seen = { url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() };
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify(seen));
          }
          resolve();
        });
      }),
  };
}

export async function serveSteps(steps: Step[]): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = pipeline(steps);
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
