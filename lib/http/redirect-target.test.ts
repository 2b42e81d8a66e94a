// Property test of the one redirect check: whatever path is thrown at it, what it
// accepts keeps the site's origin for a browser, on a second pass, after one more
// decoding, and through Next's own redirect().
import fc from "fast-check";
import { redirect } from "next/navigation";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { addPathPrefix } from "next/dist/shared/lib/router/utils/add-path-prefix";
import { describe, expect, it } from "vitest";
import { safeCallbackPath, siteLocation } from "./redirect-target";

const SITE = "https://site.example";
const REFUSED = "/__refused__";

/** Pieces attackers combine: separators, dots, encodings of both, controls, look-alikes. */
const PIECES = [
  "/", "\\", ".", "..", "%", ":", "@", "?", "#", "\t", "\n", "\r", " ", "\u0000", "\u007f",
  "%2F", "%2f", "%5C", "%5c", "%2E", "%2e", "%2e%2e", "%09", "%0a", "%0D", "%00", "%20", "%3A", "%40", "%3F", "%23",
  "%252F", "%255C", "%25", "%%", "%zz",
  "evil.example", "site.example", "a", "x", "articles", "desk", "http:", "https:", "javascript:", "data:", "//", "///",
  "\u00fc", "\u3002", "\uff0f", "\uff3c", "\u2215", "\u200b", "\ufeff", "\u{1f600}", "\ud800",
];
const PREFIXES = ["", "/", "/.", "/..", "//", "/\\", "\\", "/./", "/../", "/.//", "/%2e/", "/%2e%2e/", "/%2F", "/\t/", "https:", "http:/", "javascript:"];

const attack = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 12 }))
  .map(([prefix, parts]) => prefix + parts.join(""));

function sameOrigin(target: string, base = `${SITE}/signin/check?x=1`): boolean {
  return new URL(target, base).origin === SITE;
}

/** The Location header Next writes for redirect(target) in a page, route or action. */
function nextLocation(target: string): string {
  try {
    redirect(target);
  } catch (err) {
    if (!isRedirectError(err)) throw err;
    return addPathPrefix(getURLFromRedirectError(err), "");
  }
  throw new Error("redirect() did not throw");
}

describe("safeCallbackPath, property-based", () => {
  it("every accepted target keeps the site's origin, however it is read again", () => {
    fc.assert(
      fc.property(attack, (value) => {
        const target = safeCallbackPath(value, REFUSED);
        if (target === REFUSED) return;
        expect(target.startsWith("/") && !/^\/[/\\]/.test(target), target).toBe(true);
        expect(sameOrigin(target), target).toBe(true);
        expect(safeCallbackPath(target, REFUSED), `second pass of ${target}`).toBe(target);
        let decoded: string | null = null;
        try {
          decoded = decodeURIComponent(target);
        } catch {
          // not decodable: nothing downstream can decode it either
        }
        if (decoded !== null) expect(sameOrigin(decoded), `decoded ${decoded}`).toBe(true);
        // A lenient decoder (valid escapes undone, stray "%" left) may see more than that.
        const lenient = target.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        expect(sameOrigin(lenient), `leniently decoded ${lenient}`).toBe(true);
        const location = nextLocation(target);
        expect(() => new Headers({ Location: location }), location).not.toThrow();
        expect(sameOrigin(location), `Next's Location ${location}`).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps ordinary paths as they are", () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    const query = fc.option(fc.stringMatching(/^[a-z]{1,5}=[a-z0-9]{0,5}$/), { nil: undefined });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 0, maxLength: 5 }), query, (segments, q) => {
        const path = `/${segments.join("/")}${q ? `?${q}` : ""}`;
        expect(safeCallbackPath(path, REFUSED)).toBe(path);
      }),
    );
  });

  it("never returns an unchecked fallback", () => {
    fc.assert(
      fc.property(attack, attack, (value, fallback) => {
        expect(sameOrigin(safeCallbackPath(value, fallback))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("siteLocation (the front server, for every Location header)", () => {
  it.each([
    ["/articles/x?y=1", "/articles/x?y=1"],
    ["/.//evil.example/phish", "/"],
    ["/%2F%2Fevil.example", "/"],
    [`${SITE}/signin?error=x`, `${SITE}/signin?error=x`],
    ["https://evil.example/signin?x=1", "/signin?x=1"],
    ["https://evil.example//evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["//evil.example/", "/"],
    ["\\evil.example/", "/"],
  ])("%j leaves as %j", (location, expected) => {
    expect(siteLocation(location, SITE)).toBe(expected);
  });
});
