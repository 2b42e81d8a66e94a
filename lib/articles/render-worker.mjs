// The render worker (lib/articles/render-pool.ts): turns article markdown into the stored
// parts off the server's event loop. It runs the TypeScript of lib/articles through tsx,
// as `npm run worker` does, and answers one message per job: { id, ok, result | error }.
import { parentPort } from "node:worker_threads";
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

// Both hooks, as the tsx command sets them: lib/ is CommonJS TypeScript importing ES modules.
registerCjs();
register();
const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);
/** @typedef {{ renderBody: (body: string, premium: boolean) => unknown, splitOf: (body: string) => unknown }} Parts */
const mod = /** @type {Partial<Parts> & { default?: Parts }} */ (await import(new URL("./render-parts.ts", import.meta.url).href));
// Loaded as CommonJS: its exports may arrive as the default export.
const { renderBody, splitOf } = /** @type {Parts} */ (mod.default ?? mod);

port.on("message", ({ id, kind, body, premium }) => {
  try {
    port.postMessage({ id, ok: true, result: kind === "split" ? splitOf(body) : renderBody(body, premium) });
  } catch (err) {
    port.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
