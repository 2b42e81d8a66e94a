// What a save derives from an article's markdown: the rendered lede and rest, a plain
// summary, the split rule's version, and whether (and why) the split is missing. Plain
// functions with no server-only imports, so the render worker (render-worker.mjs) runs
// the very same code off the request thread (lib/articles/render-pool.ts).
import { renderMarkdown } from "./markdown";
import { plainText, SPLIT_VERSION, splitError, splitLede, storedSplit, type LedeSplit } from "./teaser";

/**
 * Derived columns: the rendered lede, the rendered rest, a plain summary, and the version
 * of the split rule they were made with. `fallback`: the body had no valid split, so a
 * premium article keeps (at most) the default lede or none (lib/articles/teaser.ts).
 */
export function renderedParts(body: string, premium = true) {
  const { lede, rest, fallback } = storedSplit(body, premium);
  return {
    ledeHtml: renderMarkdown(lede),
    restHtml: renderMarkdown(rest),
    summary: plainText(lede),
    splitVersion: SPLIT_VERSION,
    fallback,
  };
}

export type StoredParts = Omit<ReturnType<typeof renderedParts>, "fallback">;

/** A body as a save needs it: its stored parts, and why a published premium article could not use its split (or null). */
export type RenderedBody = { parts: StoredParts; splitProblem: string | null };

export function renderBody(body: string, premium: boolean): RenderedBody {
  const { fallback: _fallback, ...parts } = renderedParts(body, premium);
  return { parts, splitProblem: splitError({ premium: true, status: "published", body }) };
}

/** Where a body's free part ends, as the editor's note says it (a plain object: it crosses threads). */
export function splitOf(body: string): LedeSplit {
  return splitLede(body);
}
