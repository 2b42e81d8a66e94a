// Step: the headers every answer carries, whoever makes it (Next, a route handler, the 413
// below), unless the answer says its own. The Content-Security-
// Policy allows inline scripts and styles: the cached renders are the same bytes for every
// reader, so no per-request nonce can be in them, and Next's App Router inlines its flight
// data; what it refuses is every other origin for scripts and frames, frames of Lede anywhere,
// plugins, and a <base> that would move relative links off the site.
import type { Step } from "../pipeline";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  // Article images may be absolute URLs on any https host (README: "Article files").
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  // The desk frames its own email previews (sandboxed; they allow frame-ancestors 'self'): nothing else.
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "manifest-src 'self'",
].join("; ");

export function securityHeaders({ https }: { https: boolean }): Step {
  const headers: [string, string][] = [
    ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    // Only over https: a browser told this over http by anyone would refuse the demo's http.
    ...(https ? [["Strict-Transport-Security", "max-age=31536000"] as [string, string]] : []),
  ];
  return {
    name: "security headers",
    run({ res, beforeHeaders }, next) {
      // As the headers go out, where the answer set none of its own: a route's own (the
      // sandboxed email preview's CSP, a gift page's Referrer-Policy) stands. Set before
      // Next answers, they would hide those: Next adds a route's header only when absent.
      beforeHeaders(() => {
        for (const [name, value] of headers) if (!res.hasHeader(name)) res.setHeader(name, value);
      });
      return next();
    },
  };
}
