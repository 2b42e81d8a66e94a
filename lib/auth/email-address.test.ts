import { describe, expect, it } from "vitest";
import { checkEmail, normaliseEmail } from "./email-address";

describe("normaliseEmail", () => {
  it("trims and lowercases the domain, keeping the local part", () => {
    expect(normaliseEmail("  Reader.One@Example.COM ")).toBe("Reader.One@example.com");
  });

  it.each([
    ["", "empty"],
    ["reader", "no @"],
    ["reader@", "no domain"],
    ["@example.com", "no local part"],
    ["a@b@example.com", "two @"],
    ["reader@example", "no dot in domain"],
    ["reader@exa mple.com", "space in domain"],
    ["reader..x@example.com", "double dot"],
    ["reader@example.com\r\nBcc: victim@example.com", "CR/LF header injection"],
    ["reader@example.com\u0000", "NUL"],
    ["read\ner@example.com", "LF inside"],
    ['"quoted"@example.com', "quoted local part"],
    ["x".repeat(10_000) + "@example.com", "10 KB field"],
    [`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`, "over 254 characters"],
  ])("rejects %j (%s)", (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });

  it("rejects non-strings", () => {
    expect(normaliseEmail(undefined)).toBeNull();
    expect(normaliseEmail(["a@example.com"])).toBeNull();
  });

  it("accepts plus addressing and internationalised domains (as punycode)", () => {
    expect(normaliseEmail("reader+news@example.co.uk")).toBe("reader+news@example.co.uk");
    expect(normaliseEmail("leser@bücher.de")).toBe("leser@xn--bcher-kva.de");
  });
});

describe("checkEmail", () => {
  it("refuses disposable domains and their subdomains", () => {
    expect(checkEmail("x@mailinator.com")).toEqual({ ok: false, reason: "blocked" });
    expect(checkEmail("x@eu.mailinator.com")).toEqual({ ok: false, reason: "blocked" });
  });

  it("refuses the publisher's BLOCKED_EMAIL_DOMAINS", () => {
    expect(checkEmail("x@spam.example", ["spam.example"])).toEqual({ ok: false, reason: "blocked" });
    expect(checkEmail("x@fine.example", ["spam.example"])).toEqual({ ok: true, email: "x@fine.example" });
  });

  it("says invalid before blocked", () => {
    expect(checkEmail("not an address", ["example.com"])).toEqual({ ok: false, reason: "invalid" });
  });
});
