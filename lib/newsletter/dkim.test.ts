// Integration: with DKIM_* set, newsletters are signed over both List-Unsubscribe headers,
// and the signature verifies against the public key.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpRecorder } from "@/test/smtp-recorder";
import { renderIssue } from "./compose/render";

const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const smtp = new SmtpRecorder();

beforeAll(async () => {
  process.env.EMAIL_SERVER = `smtp://127.0.0.1:${await smtp.start()}`;
  process.env.EMAIL_FROM = '"Signed News" <news@signed.example>';
  process.env.AUTH_SECRET ??= "test-secret-0123456789abcdefghijklmnopqrstuvwxyz";
  process.env.DKIM_DOMAIN = "signed.example";
  process.env.DKIM_SELECTOR = "lede2026";
  // Written with \n escapes, as an environment variable usually holds it.
  process.env.DKIM_PRIVATE_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n");
});
afterAll(async () => {
  (await import("./transport")).closeNewsletterSender();
  await smtp.stop();
  for (const k of ["EMAIL_SERVER", "EMAIL_FROM", "DKIM_DOMAIN", "DKIM_SELECTOR", "DKIM_PRIVATE_KEY"]) delete process.env[k];
});

/** Relaxed/relaxed DKIM verification (RFC 6376 §3.4.2, §3.4.4) of one message. */
function verifyDkim(raw: Buffer, key: crypto.KeyObject) {
  const text = raw.toString("latin1");
  const split = text.indexOf("\r\n\r\n");
  const headerLines = text.slice(0, split).split(/\r\n(?![ \t])/);
  const header = (name: string) => headerLines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  const relaxed = (line: string) => {
    const i = line.indexOf(":");
    return `${line.slice(0, i).trim().toLowerCase()}:${line.slice(i + 1).replace(/\r\n/g, "").replace(/[ \t]+/g, " ").trim()}`;
  };
  const sig = header("DKIM-Signature")!;
  const tags = Object.fromEntries(
    sig.slice(sig.indexOf(":") + 1).replace(/\s+/g, "").split(";").filter(Boolean).map((t) => [t.slice(0, t.indexOf("=")), t.slice(t.indexOf("=") + 1)]),
  );
  const body = text.slice(split + 4).replace(/[ \t]+\r\n/g, "\r\n").replace(/[ \t]+/g, " ").replace(/(\r\n)*$/, "\r\n");
  const bodyOk = crypto.createHash("sha256").update(body, "latin1").digest("base64") === tags.bh;
  // The signed headers in h= order, then the signature header itself with b= emptied.
  const signed = tags.h.split(":").map((name: string) => relaxed(header(name)!)).join("\r\n");
  const data = `${signed}\r\n${relaxed(sig).replace(/\bb=[^;]*$/, "b=")}`;
  const headerOk = crypto.verify("sha256", Buffer.from(data, "latin1"), key, Buffer.from(tags.b, "base64"));
  return { tags, bodyOk, headerOk };
}

describe("DKIM", () => {
  it("signs List-Unsubscribe and List-Unsubscribe-Post, with a signature that verifies", async () => {
    const { newsletterSender, prepareIssue } = await import("./transport");
    const issue = renderIssue(
      { subject: "Signed issue", intro: "Hello  there,\n\nfriends.", articles: [{ slug: "a", title: "A", dek: "", premium: true }] },
      { siteName: "Signed News", siteUrl: "https://signed.example" },
    );
    const outcome = await newsletterSender().send({
      to: "reader@example.org",
      issue: prepareIssue(issue),
      unsubscribeUrl: "https://signed.example/unsubscribe?token=u.abc",
      messageId: "<newsletter.1.1@signed.example>",
    });
    expect(outcome).toEqual({ kind: "sent" });
    const { tags, bodyOk, headerOk } = verifyDkim(smtp.accepted[0].raw, publicKey);
    expect(tags).toMatchObject({ d: "signed.example", s: "lede2026", a: "rsa-sha256" });
    const signedHeaders = tags.h.toLowerCase().split(":");
    expect(signedHeaders).toEqual(expect.arrayContaining(["from", "subject", "list-unsubscribe", "list-unsubscribe-post"]));
    expect(bodyOk).toBe(true);
    expect(headerOk).toBe(true);
  });
});
