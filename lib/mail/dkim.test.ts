// Integration: with DKIM_* set, every mail Lede sends is signed with a signature that
// verifies against the public key: the sign-in mail (queued, sent by the worker, as a
// reader gets it) and newsletters, whose signature covers both List-Unsubscribe headers.
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { SmtpRecorder, waitUntil } from "@/test/smtp-recorder";
import { issueMail, prepareIssue } from "@/lib/newsletter/compose/issue-mail";
import { renderIssue } from "@/lib/newsletter/compose/render";

const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const smtp = new SmtpRecorder();
const DKIM_ENV = {
  EMAIL_SERVER: `smtp://127.0.0.1:${await smtp.start()}`,
  EMAIL_FROM: '"Signed News" <news@signed.example>',
  DKIM_DOMAIN: "signed.example",
  DKIM_SELECTOR: "lede2026",
  // Written with \n escapes, as an environment variable usually holds it.
  DKIM_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n"),
};
Object.assign(process.env, DKIM_ENV);

useTestDatabase();
afterAll(async () => {
  await smtp.stop();
  for (const k of Object.keys(DKIM_ENV)) delete process.env[k];
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
  it("signs the sign-in mail, with a signature that verifies", async () => {
    const { issueSignIn } = await import("@/lib/auth/sign-in-tokens");
    const { startWorkers } = await import("@/lib/jobs/worker");
    await issueSignIn({ email: "joiner@example.org", asTyped: "Joiner@example.org", callbackUrl: "/", article: null, newsletterConsent: false, joining: true });
    await startWorkers();
    await waitUntil(() => smtp.count("joiner@example.org") === 1, 20_000, "the sign-in mail");
    const { mail, raw } = smtp.accepted.find((m) => m.to === "joiner@example.org")!;
    expect(mail.subject).toMatch(/^Sign in to .+ with code \d{6}$/);
    const { tags, bodyOk, headerOk } = verifyDkim(raw, publicKey);
    expect(tags).toMatchObject({ d: "signed.example", s: "lede2026", a: "rsa-sha256" });
    expect(tags.h.toLowerCase().split(":")).toEqual(expect.arrayContaining(["from", "to", "subject", "date", "message-id"]));
    expect(bodyOk).toBe(true);
    expect(headerOk).toBe(true);
    // A wrong key does not verify it: the check above can fail.
    expect(verifyDkim(raw, crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey).headerOk).toBe(false);
  });

  it("signs List-Unsubscribe and List-Unsubscribe-Post, with a signature that verifies", async () => {
    const { mailSender } = await import("./sender");
    const issue = renderIssue(
      { subject: "Signed issue", intro: "Hello  there,\n\nfriends.", articles: [{ slug: "a", title: "A", dek: "", premium: true }] },
      { siteName: "Signed News", siteUrl: "https://signed.example" },
    );
    const outcome = await mailSender().send(
      issueMail({
        to: "reader@example.org",
        issue: prepareIssue(issue),
        unsubscribeUrl: "https://signed.example/unsubscribe?token=u.abc",
        messageId: "<newsletter.1.1@signed.example>",
      }),
    );
    expect(outcome).toEqual({ kind: "sent" });
    const { tags, bodyOk, headerOk } = verifyDkim(smtp.accepted.find((m) => m.to === "reader@example.org")!.raw, publicKey);
    expect(tags).toMatchObject({ d: "signed.example", s: "lede2026", a: "rsa-sha256" });
    const signedHeaders = tags.h.toLowerCase().split(":");
    expect(signedHeaders).toEqual(expect.arrayContaining(["from", "subject", "list-unsubscribe", "list-unsubscribe-post"]));
    expect(bodyOk).toBe(true);
    expect(headerOk).toBe(true);
  });
});
