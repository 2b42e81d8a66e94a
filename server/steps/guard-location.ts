// Step: every Location and Refresh header leaves on this site, whoever set it: Lede,
// Next's trailing-slash and RSC redirects, a library (lib/http/redirect-target.js).
import { siteLocation } from "@/lib/http/redirect-target";
import type { Step } from "../pipeline";

type HeaderValue = number | string | string[] | undefined;

/** "5; url=…" (any case, quotes, a comma for the semicolon): the delay, and the URL when one is named. */
const REFRESH = /^\s*([\d.]*)\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$/i;

/** A Refresh value whose URL is checked like a Location; one that cannot be read goes nowhere but here. */
export function siteRefresh(value: string, siteOrigin: string): string {
  const m = REFRESH.exec(value);
  if (!m) return "0";
  const delay = m[1] || "0";
  const target = (m[2] ?? "").trim().replace(/^(['"])(.*)\1$/, "$2");
  return target ? `${delay}; url=${siteLocation(target, siteOrigin)}` : delay;
}

export function guardLocation({ siteOrigin }: { siteOrigin: string }): Step {
  const check = (name: string) => (name === "refresh" ? (v: string) => siteRefresh(v, siteOrigin) : (v: string) => siteLocation(v, siteOrigin));
  const onSite = (name: string, v: HeaderValue): HeaderValue => {
    const one = check(name);
    return typeof v === "string" ? one(v) : Array.isArray(v) ? v.map(one) : typeof v === "number" ? one(String(v)) : v;
  };
  const GUARDED = new Set(["location", "refresh"]);
  return {
    name: "guard the location",
    run({ res, beforeHeaders }, next) {
      beforeHeaders((args) => {
        for (const name of GUARDED) {
          const set = res.getHeader(name);
          if (set !== undefined) res.setHeader(name, onSite(name, set) as string | string[]);
        }
        // Headers given to writeHead itself: an object, or a flat [name, value, …] array.
        const given = args.find((a) => a && typeof a === "object") as Record<string, HeaderValue> | HeaderValue[] | undefined;
        if (Array.isArray(given)) {
          for (let i = 0; i + 1 < given.length; i += 2) {
            const name = String(given[i]).toLowerCase();
            if (GUARDED.has(name)) given[i + 1] = onSite(name, given[i + 1]);
          }
        } else if (given) {
          for (const k of Object.keys(given)) if (GUARDED.has(k.toLowerCase())) given[k] = onSite(k.toLowerCase(), given[k]);
        }
      });
      return next();
    },
  };
}
