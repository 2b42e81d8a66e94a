// Where the front server (server/) and the Next app meet: one typed object per process.
// The server says what it is (`server`, filled in server/main.ts); the app gives the server
// what only the app can answer (`app`, filled in instrumentation.ts); the render cache of
// the process (`renderCache`, made by lib/cache/store.ts) is shared by both, and by the
// cache handler Next loads. The two sides are built apart (esbuild for the server, Next's
// bundler for the app), so the object lives on globalThis under one symbol; this file is
// its only reader and writer of that slot (but for lib/metrics/registry.js, CommonJS, which
// reads it typed by its symbol), and its types are what both sides compile against.
import type { AsyncLocalStorage } from "node:async_hooks";
import type { RenderStore } from "@/lib/cache/store";
import type { View } from "@/lib/insight/counts";
import type { MeterRequest } from "@/lib/meter/decide";

/** The render a signed-in request gets, from its session (lib/render/session-render.ts). */
export type SessionRender = {
  render: "anonymous" | "member" | "personal";
  email?: string;
  /** Set-Cookie for a session just extended (rolling sessions). */
  renewedCookie?: string;
  /** The session lookup did not answer in time: served as anonymous, premium text withheld. */
  timedOut?: boolean;
};

/** What the meter is asked for one request: lib/meter/decide.ts's request, the clock left to the app. */
export type MeterQuestion = Omit<MeterRequest, "now">;

/** The meter's answer: its render, the cookie it sets, and whether a free read was used. */
export type MeterAnswer = { render: string; setCookie?: string; freeRead?: "free" | "last" };

/** What the wall experiments are asked for one request (lib/experiments/choose.ts). */
export type WallQuestion = { slug: string; cookieHeader: string | undefined; userAgent: string | undefined };

/**
 * The reader's variant of a running wall experiment: none (null) for a bot, a free article or
 * while none runs; with its Set-Cookie when newly assigned, and the free reads it gives.
 */
export type WallAnswer = { experimentId: number; variant: number; setCookie?: string; allowance: number | null } | null;

/** One page view of an article, counted in memory: lib/insight/counts.ts says what it holds. */
export type ViewCount = View;

/** What the app answers for the front server. */
export interface AppSide {
  renderForSession(sessionCookie: string): Promise<SessionRender>;
  /** At once when the process knows the article and the meter, else a promise. */
  meterChoice(question: MeterQuestion): MeterAnswer | Promise<MeterAnswer>;
  /** At once when the process knows the experiment and the article, else a promise. */
  wallChoice(question: WallQuestion): WallAnswer | Promise<WallAnswer>;
  countView(view: ViewCount): void | Promise<void>;
  /** Saves the counts kept in memory (at shutdown). */
  flushCounts(): Promise<void>;
  /** Records a drop for every web process and waits for them (Next's own revalidateTag). */
  dropEverywhere(tags: string[]): Promise<void>;
}

/** What the front server tells the app. */
export interface ServerSide {
  /** Tests only (LEDE_COUNT_QUERIES=1): the queries of the request being served. */
  queryCounts: AsyncLocalStorage<{ queries: number }> | null;
}

export interface FrontContract {
  /** Present only in a process the front server started: x-lede-* headers are its own, renders are guarded. */
  server?: ServerSide;
  /** Present once the app has started (instrumentation.ts). */
  app?: AppSide;
  renderCache?: RenderStore;
}

const SLOT = Symbol.for("lede.front");

/** This process's contract object (empty until each side fills its part). */
export function frontContract(): FrontContract {
  const g = globalThis as { [SLOT]?: FrontContract };
  return (g[SLOT] ??= {});
}
