// The front server's request path: named steps run in order, each given the request and
// `next` (the steps after it). A step that answers itself does not call `next`.
import type { IncomingMessage, ServerResponse } from "node:http";

export type Context = {
  req: IncomingMessage;
  res: ServerResponse;
  /** Runs `fn` just before the response headers go out, with writeHead's arguments (Next sets its own until then). */
  beforeHeaders(fn: (args: unknown[]) => void): void;
};

export type Next = () => Promise<void>;

export type Step = { name: string; run(ctx: Context, next: Next): void | Promise<void> };

function contextFor(req: IncomingMessage, res: ServerResponse): Context {
  let hooks: ((args: unknown[]) => void)[] | null = null;
  return {
    req,
    res,
    beforeHeaders(fn) {
      if (!hooks) {
        hooks = [];
        const list = hooks;
        const writeHead = res.writeHead;
        res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
          if (!res.headersSent) for (const hook of list) hook(args);
          return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
        } as ServerResponse["writeHead"];
      }
      hooks.push(fn);
    },
  };
}

/** The steps as one request handler; a step's failure rejects (main.ts answers 500). */
export function pipeline(steps: Step[]): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return (req, res) => {
    const ctx = contextFor(req, res);
    const run = (i: number): Promise<void> => {
      if (i === steps.length) return Promise.resolve();
      try {
        return Promise.resolve(steps[i].run(ctx, () => run(i + 1)));
      } catch (err) {
        return Promise.reject(err);
      }
    };
    return run(0);
  };
}
