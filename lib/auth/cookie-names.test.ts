import { describe, expect, it } from "vitest";
import { sessionCookie, whoCookieUpdate } from "./cookie-names";

describe("sessionCookie", () => {
  it("finds either session cookie name and ignores empty ones and look-alikes", () => {
    expect(sessionCookie("a=1; authjs.session-token=abc")).toBe("abc");
    expect(sessionCookie("__Secure-authjs.session-token=xyz; b=2")).toBe("xyz");
    expect(sessionCookie("authjs.session-token=; b=2")).toBeNull();
    expect(sessionCookie("notauthjs.session-token=abc")).toBeNull();
    expect(sessionCookie(undefined)).toBeNull();
  });
});

describe("whoCookieUpdate", () => {
  it("sets the address when it is missing or different, and says nothing when it is current", () => {
    expect(whoCookieUpdate("", "a@example.com", false)).toBe("lede-who=a%40example.com; Path=/; SameSite=Lax");
    expect(whoCookieUpdate("lede-who=b%40example.com", "a@example.com", true)).toBe(
      "lede-who=a%40example.com; Path=/; SameSite=Lax; Secure",
    );
    expect(whoCookieUpdate("x=1; lede-who=a%40example.com", "a@example.com", false)).toBeNull();
  });

  it("clears a leftover address when there is no member's session", () => {
    expect(whoCookieUpdate("lede-who=a%40example.com", null, false)).toBe("lede-who=; Max-Age=0; Path=/; SameSite=Lax");
    expect(whoCookieUpdate("x=1", null, false)).toBeNull();
  });
});
