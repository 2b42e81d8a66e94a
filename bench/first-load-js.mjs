// The JavaScript a browser loads for a page before it is interactive: every script the
// HTML names (script src, and preloads of scripts), gzipped as the server would send it.
import zlib from "node:zlib";

const LIMIT_BYTES = 100_000; // 100 kB gzipped

export async function firstLoadJs(baseUrl, path) {
  const html = await (await fetch(baseUrl + path)).text();
  const urls = new Set();
  for (const m of html.matchAll(/<script[^>]*>/g)) {
    // nomodule scripts (legacy polyfills) are never loaded by browsers that run modules.
    const src = /\ssrc="([^"]+)"/.exec(m[0]);
    if (src && !/\snomodule/i.test(m[0])) urls.add(src[1]);
  }
  for (const m of html.matchAll(/<link[^>]*>/g)) {
    if (/\sas="script"/.test(m[0]) || /rel="modulepreload"/.test(m[0])) {
      const href = /\shref="([^"]+)"/.exec(m[0]);
      if (href) urls.add(href[1]);
    }
  }
  const files = [];
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(new URL(url, baseUrl))).arrayBuffer());
    files.push({ url, bytes: body.length, gzipBytes: zlib.gzipSync(body).length });
  }
  const gzipBytes = files.reduce((n, f) => n + f.gzipBytes, 0);
  return { page: path, files, bytes: files.reduce((n, f) => n + f.bytes, 0), gzipBytes, limitBytes: LIMIT_BYTES, met: gzipBytes <= LIMIT_BYTES };
}
