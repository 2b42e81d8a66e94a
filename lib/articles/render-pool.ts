import "server-only";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { renderBody, splitOf, type RenderedBody } from "./render-parts";
import type { LedeSplit } from "./teaser";

// Article markdown is rendered when it is saved (pages serve the stored HTML), and a
// 200,000-character paste can take the parser seconds, or minutes for some shapes (a
// long run of unclosed links). That work runs here, in up to two worker threads, so the
// server's event loop keeps answering every other request meanwhile; a render that passes
// LEDE_ARTICLE_RENDER_MS is stopped (its worker ended, a new one started on demand) and
// the save is refused with a message. Where no worker can start (the worker file or tsx
// missing), bodies are rendered in-line as before, with one warning.

export const DEFAULT_RENDER_MS = 10_000;
const POOL_SIZE = 2;
const WORKER_FILE = path.join(process.cwd(), "lib", "articles", "render-worker.mjs");

/** A render stopped at the time limit: nothing was saved. */
export class RenderTooSlow extends Error {
  constructor(readonly limitMs: number) {
    super(`rendering took longer than ${limitMs} ms`);
  }
}

/** LEDE_ARTICLE_RENDER_MS, a whole number of milliseconds (the start check refuses anything else). */
export function renderLimitMs(): number {
  const v = Number(process.env.LEDE_ARTICLE_RENDER_MS);
  return Number.isInteger(v) && v >= 100 ? v : DEFAULT_RENDER_MS;
}

/** What an editor reads when a render was stopped. */
export function tooSlowMessage(err: RenderTooSlow): string {
  const seconds = Math.round(err.limitMs / 100) / 10;
  return `took more than ${seconds.toLocaleString("en")} seconds to format, so it was not saved. Look for a long run of unusual markup (unclosed links or brackets, pasted code), or split it into two articles.`;
}

type Kind = "render" | "split";
type Job = { id: number; kind: Kind; body: string; premium: boolean; resolve: (r: never) => void; reject: (e: Error) => void };
const inline = (job: Pick<Job, "kind" | "body" | "premium">) => (job.kind === "split" ? splitOf(job.body) : renderBody(job.body, job.premium));
type Slot = { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null; gone: boolean };
type Message = { ready: true } | { id: number; ok: true; result: never } | { id: number; ok: false; error: string };

class RenderPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private inline = !fs.existsSync(WORKER_FILE);

  run<T>(kind: Kind, body: string, premium: boolean): Promise<T> {
    if (this.inline) return Promise.resolve(inline({ kind, body, premium }) as T);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, body, premium, resolve: resolve as (r: never) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.inline) {
        const job = this.queue.shift()!;
        try {
          job.resolve(inline(job) as never);
        } catch (err) {
          job.reject(err as Error);
        }
        continue;
      }
      const idle = this.slots.find((s) => s.ready && !s.job);
      if (!idle) {
        const starting = this.slots.filter((s) => !s.ready).length;
        if (this.slots.length < POOL_SIZE && starting < this.queue.length) this.spawn();
        return;
      }
      this.start(idle, this.queue.shift()!);
    }
  }

  private spawn(): void {
    let worker: Worker;
    try {
      // Started from a one-line script, not the file's path: Next's bundler follows a path
      // given to new Worker() and would bundle the worker, tsx and esbuild into the app.
      worker = new Worker(`import(${JSON.stringify(pathToFileURL(WORKER_FILE).href)})`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    } catch (err) {
      this.fallBack(err as Error);
      return;
    }
    // Idle workers never keep a process alive; a job's timer does while it runs.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null, gone: false };
    this.slots.push(slot);
    worker.on("message", (m: Message) => {
      if ("ready" in m) {
        slot.ready = true;
        this.pump();
        return;
      }
      const job = slot.job;
      if (!job || m.id !== job.id) return;
      this.release(slot);
      if (m.ok) job.resolve(m.result);
      else job.reject(new Error(m.error));
      this.pump();
    });
    const ended = (err: Error) => {
      const wasReady = slot.ready;
      const job = this.remove(slot);
      job?.reject(err);
      // A worker that never came up will not come up next time either.
      if (!wasReady) this.fallBack(err);
      else this.pump();
    };
    worker.on("error", ended);
    worker.on("exit", (code) => ended(new Error(`the render worker stopped (exit code ${code})`)));
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    const limit = renderLimitMs();
    slot.timer = setTimeout(() => {
      const stopped = this.remove(slot);
      void slot.worker.terminate();
      stopped?.reject(new RenderTooSlow(limit));
      this.pump();
    }, limit);
    slot.worker.postMessage({ id: job.id, kind: job.kind, body: job.body, premium: job.premium });
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  /** Takes a slot out of the pool (once); answers the job it was running, if any. */
  private remove(slot: Slot): Job | null {
    if (slot.gone) return null;
    slot.gone = true;
    const job = slot.job;
    this.release(slot);
    this.slots = this.slots.filter((s) => s !== slot);
    return job;
  }

  private fallBack(err: Error): void {
    if (!this.inline) console.warn(`[articles] the render worker could not start (${err.message}); rendering in-line`);
    this.inline = true;
    this.pump();
  }
}

const g = globalThis as { __ledeRenderPool?: RenderPool };

/**
 * A body's stored parts and split check, rendered off the event loop. Rejects with
 * RenderTooSlow past the time limit.
 */
export function renderOffThread(body: string, premium: boolean): Promise<RenderedBody> {
  g.__ledeRenderPool ??= new RenderPool();
  return g.__ledeRenderPool.run<RenderedBody>("render", body, premium);
}

/** Where a body's free part ends (the editor's note), worked out off the event loop too. */
export function splitOffThread(body: string): Promise<LedeSplit> {
  g.__ledeRenderPool ??= new RenderPool();
  return g.__ledeRenderPool.run<LedeSplit>("split", body, false);
}
