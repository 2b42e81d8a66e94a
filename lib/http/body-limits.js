// How many bytes a request body may have, per route: for the front server (before Next),
// next.config.js (server actions) and the route handlers (lib/http/forms.ts).

/** Sign-in, sign-out, account and small desk forms: a few fields, far under this. */
const FORM_LIMIT = 16 * 1024;

/**
 * The article editor's server action: up to 500,000 characters of Markdown (and, without
 * JavaScript, a refused post's text sent back with the next one). Next's own limit for
 * server actions (next.config.ts), as it is the largest; the front server holds every other
 * path to its own.
 */
const ARTICLE_LIMIT = 4 * 1024 * 1024;

/** A members CSV (file or pasted): about 200,000 rows of address, name and consent. */
const IMPORT_LIMIT = 10 * 1024 * 1024;

/** Server actions but the article editor's (the newsletter composer's is the largest). */
const ACTION_LIMIT = 1024 * 1024;

/**
 * Provider webhooks (/api/email-events/<provider>): SendGrid posts batches of up to
 * 768 KB, an SNS message is at most 256 KB, the others one event of a few KB.
 */
const EVENTS_LIMIT = 1024 * 1024;

/** Paths whose bodies may be larger than a form's; every other path gets FORM_LIMIT. */
const LARGER_BODIES = [
  { path: /^\/desk\/members\/import\/?$/, limit: IMPORT_LIMIT },
  // Server actions post to their page (a Next-Action header, or without JavaScript a multipart form).
  { path: /^\/desk\/articles\/(new|\d+)\/?$/, limit: ARTICLE_LIMIT },
  { path: /^\/desk\/newsletters(\/|$)/, limit: ACTION_LIMIT },
  { path: /^\/api\/email-events\/[a-z]+\/?$/, limit: EVENTS_LIMIT },
];

/** The most bytes a body sent to `url` may have; an unknown spelling gets FORM_LIMIT (refuses more). */
/** @param {string} url @param {import("node:http").IncomingHttpHeaders} headers */
function bodyCeiling(url, headers) {
  const path = String(url).split("?")[0];
  const match = LARGER_BODIES.find((r) => r.path.test(path));
  if (match) return match.limit;
  return headers["next-action"] !== undefined ? ACTION_LIMIT : FORM_LIMIT;
}

const TOO_LARGE = "This request is too large.";

/** The 413 the front server answers itself: JSON for fetch(), else a small page. */
/** @param {string | undefined} acceptHeader */
function tooLargeAnswer(acceptHeader) {
  if (String(acceptHeader || "").includes("application/json")) {
    return {
      contentType: "application/json",
      body: JSON.stringify({ ok: false, error: "too_large", message: TOO_LARGE }),
    };
  }
  return {
    contentType: "text/html; charset=utf-8",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large</title></head><body><main><h1>Too large</h1><p role="status">${TOO_LARGE} Nothing was changed.</p><p><a href="/">Go to the front page</a></p></main></body></html>`,
  };
}

module.exports = { FORM_LIMIT, ARTICLE_LIMIT, IMPORT_LIMIT, ACTION_LIMIT, EVENTS_LIMIT, bodyCeiling, tooLargeAnswer };
