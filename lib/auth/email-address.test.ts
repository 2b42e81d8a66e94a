import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkEmail, normaliseEmail, parseEmail } from "./email-address";

describe("parseEmail", () => {
  it("takes the whole address, lowercased, as the identity and keeps it as typed", () => {
    expect(parseEmail("  Reader.One@Example.COM ")).toEqual({ email: "reader.one@example.com", asTyped: "Reader.One@Example.COM" });
    expect(normaliseEmail("Alice@X.example")).toBe(normaliseEmail("alice@x.example"));
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
    ["reader@example.com\u2028", "line separator"],
    ["reader@example.com\u0085", "next line (C1)"],
    ['"quoted"@example.com', "quoted local part"],
    ["Reader <reader@example.com>", "display name"],
    ["x".repeat(10_000) + "@example.com", "10 KB field"],
    [`${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`, "over 254 characters"],
  ])("rejects %j (%s)", (input) => {
    expect(parseEmail(input)).toBeNull();
  });

  it("rejects non-strings", () => {
    expect(normaliseEmail(undefined)).toBeNull();
    expect(normaliseEmail(["a@example.com"])).toBeNull();
  });

  it("accepts plus addressing and internationalised domains (as punycode)", () => {
    expect(normaliseEmail("reader+news@example.co.uk")).toBe("reader+news@example.co.uk");
    expect(normaliseEmail("leser@bücher.de")).toBe("leser@xn--bcher-kva.de");
    expect(normaliseEmail("Leser@BÜCHER.de")).toBe("leser@xn--bcher-kva.de");
  });
});

// Addresses built from parts that are valid on their own, in any mix of case.
const localPart = fc.stringMatching(/^[A-Za-z0-9+_-]{1,20}(\.[A-Za-z0-9+_-]{1,10}){0,2}$/);
const domain = fc.stringMatching(/^[A-Za-z0-9]{1,12}(\.[A-Za-z0-9]{1,12}){0,2}\.[A-Za-z]{2,6}$/);
const address = fc.tuple(localPart, domain).map(([l, d]) => `${l}@${d}`);
const flipCase = (s: string, mask: boolean[]) =>
  [...s].map((c, i) => (mask[i % mask.length] ? c.toUpperCase() : c.toLowerCase())).join("");

describe("address identity (properties)", () => {
  it("is the same for every spelling of case and surrounding blanks", () => {
    fc.assert(
      fc.property(address, fc.array(fc.boolean(), { minLength: 1 }), fc.constantFrom("", " ", "\t", "  "), (a, mask, pad) => {
        const one = normaliseEmail(a);
        expect(one).not.toBeNull();
        expect(normaliseEmail(`${pad}${flipCase(a, mask)}${pad}`)).toBe(one);
      }),
    );
  });

  it("is lowercase, idempotent, and shown as typed", () => {
    fc.assert(
      fc.property(address, (a) => {
        const parsed = parseEmail(a)!;
        expect(parsed.email).toBe(parsed.email.toLowerCase());
        expect(normaliseEmail(parsed.email)).toBe(parsed.email);
        expect(parsed.asTyped).toBe(a);
      }),
    );
  });

  it("never lets a control character, a second @ or a blank inside through", () => {
    const bad = fc.constantFrom("\r", "\n", "\u0000", "\u001b", "\u007f", "\u0085", "\u2028", " ", "@", "<", ">", '"', ",", ";");
    fc.assert(
      fc.property(address, bad, fc.nat(), (a, c, at) => {
        const i = 1 + (at % (a.length - 1));
        expect(parseEmail(a.slice(0, i) + c + a.slice(i))).toBeNull();
      }),
    );
  });

  it("accepts nothing that is not one plain address, for any input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const parsed = parseEmail(s);
        if (!parsed) return;
        expect(parsed.email).toMatch(/^[^@\s]+@[a-z0-9.-]+$/);
        expect(parsed.email.length).toBeLessThanOrEqual(254);
      }),
    );
  });
});

describe("checkEmail", () => {
  it("refuses disposable domains and their subdomains, in any case", () => {
    expect(checkEmail("x@mailinator.com")).toEqual({ ok: false, reason: "blocked" });
    expect(checkEmail("x@eu.mailinator.com")).toEqual({ ok: false, reason: "blocked" });
    expect(checkEmail("x@MailInator.COM")).toEqual({ ok: false, reason: "blocked" });
    // From the maintained list, not from a hand-typed one.
    expect(checkEmail("x@wegwerfmail.de")).toEqual({ ok: false, reason: "blocked" });
    expect(checkEmail("x@gmail.com")).toMatchObject({ ok: true });
  });

  it("refuses the publisher's BLOCKED_EMAIL_DOMAINS", () => {
    expect(checkEmail("x@spam.example", ["spam.example"])).toEqual({ ok: false, reason: "blocked" });
    expect(checkEmail("X@Fine.example", ["spam.example"])).toEqual({ ok: true, email: "x@fine.example", asTyped: "X@Fine.example" });
  });

  it("says invalid before blocked", () => {
    expect(checkEmail("not an address", ["example.com"])).toEqual({ ok: false, reason: "invalid" });
  });
});
