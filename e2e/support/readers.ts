// Every kind of request a page gets (browsers, Next's router, prefetchers), asked by an
// anonymous reader and a member of each web process, with what they would notice that
// differs from what they must see (e2e/two-processes.spec.ts).
import type { APIRequestContext } from "@playwright/test";
import { MAIN_URL, SECOND_URL } from "./env";

export const PROCESSES = { main: MAIN_URL, second: SECOND_URL } as const;
export type Process = keyof typeof PROCESSES;

export const KINDS: { name: string; method?: "HEAD"; query?: string; headers?: Record<string, string> }[] = [
  { name: "GET" },
  { name: "HEAD", method: "HEAD" },
  // Answered with a redirect to ?_rsc=<hash>, followed with the same headers, as the router does.
  { name: "RSC: 1", headers: { RSC: "1" } },
  { name: "?_rsc=", query: "_rsc=two-processes" },
  { name: "Purpose: prefetch", headers: { Purpose: "prefetch" } },
  { name: "Next-Router-Prefetch: 1", headers: { "Next-Router-Prefetch": "1" } },
  { name: "segment prefetch /_tree", headers: { RSC: "1", "Next-Router-Segment-Prefetch": "/_tree" } },
];

export type Reader = { name: "anonymous" | "member"; request: APIRequestContext };

/** What a reader must notice on a page: its status (any, when not said) and texts shown or not. */
export type Sees = { status?: 200 | 404; shows: string[]; hides: string[] };
export type SeesFor = (reader: Reader["name"]) => Sees;

/** One thing a reader got wrong; a leak is text that must not be there. */
export type Problem = { at: string; what: string; leak: boolean };

type Answer = { status: number; body: string; etag: string | undefined; cache: string | undefined };

async function ask(reader: Reader, url: string, kind: (typeof KINDS)[number]): Promise<Answer> {
  const res = await reader.request.fetch(kind.query ? `${url}?${kind.query}` : url, {
    method: kind.method ?? "GET",
    headers: kind.headers,
    failOnStatusCode: false,
  });
  const headers = res.headers();
  return { status: res.status(), body: await res.text(), etag: headers.etag, cache: headers["x-nextjs-cache"] };
}

/**
 * The readers of one page on every process. Asks each kind of request in turn (each
 * round another kind comes first, where a stale entry would be met) and says what
 * differs from what the reader must see; a HEAD, which has no body, must at least not
 * carry the ETag the page had when it was expected to show something else. With `kept`
 * (the default), it ends with a plain GET that must come from the cache: the next
 * change then meets warm caches.
 */
export class PageReaders {
  /** Per process and reader: the ETag of the last plain GET, and what it was expected to show. */
  private readonly last = new Map<string, { etag: string | undefined; sees: SeesFor }>();
  private round = 0;

  constructor(
    private readonly readers: Reader[],
    private readonly path: string,
  ) {}

  async problems(process: Process, sees: SeesFor, { kept = true } = {}): Promise<Problem[]> {
    const start = this.round++ % KINDS.length;
    const kinds = [...KINDS.slice(start), ...KINDS.slice(0, start)];
    const url = `${PROCESSES[process]}${this.path}`;
    const out: Problem[] = [];
    const asks = this.readers.flatMap((reader) => kinds.map((kind) => ({ reader, kind })));
    // Nothing to keep (a process out of touch may take seconds to fail): all at once.
    const early = kept ? [] : await Promise.all(asks.map(({ reader, kind }) => ask(reader, url, kind)));
    for (const [i, { reader, kind }] of asks.entries()) {
      const answer = early[i] ?? (await ask(reader, url, kind));
      const want = sees(reader.name);
      const note = (what: string, leak = false) => out.push({ at: `${process} · ${reader.name} · ${kind.name}`, what, leak });
      if (want.status !== undefined && answer.status !== want.status) note(`status ${answer.status}, not ${want.status}`);
      if (kind.method === "HEAD") {
        const before = this.last.get(`${process} ${reader.name}`);
        if (before && before.sees !== sees && answer.etag !== undefined && answer.etag === before.etag) {
          note(`the previous version's ETag ${answer.etag}`, true);
        }
        continue;
      }
      for (const text of want.shows) if (!answer.body.includes(text)) note(`lacks “${text}”`);
      for (const text of want.hides) if (answer.body.includes(text)) note(`shows “${text}”`, true);
    }
    if (!kept) return out;
    for (const reader of this.readers) {
      // A few tries: another spec's change of a list (a publish) drops every article's render.
      let again = await ask(reader, url, KINDS[0]);
      for (let i = 0; i < 2 && again.cache !== "HIT"; i++) again = await ask(reader, url, KINDS[0]);
      if (again.cache !== "HIT") out.push({ at: `${process} · ${reader.name} · GET`, what: `answered without the cache (x-nextjs-cache: ${again.cache})`, leak: false });
      this.last.set(`${process} ${reader.name}`, { etag: again.etag, sees });
    }
    return out;
  }
}

/** Problems as lines an assertion can print. */
export const described = (problems: Problem[]) => problems.map((p) => `${p.at}: ${p.what}`);
