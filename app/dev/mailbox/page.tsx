import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { latestDevMail } from "@/lib/mail/dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={p}>
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </pre>
  );
}

/** Mail "sent" while no EMAIL_SERVER is configured. Gone as soon as one is. */
export default async function DevMailboxPage() {
  if (env.emailServer) notFound();
  const messages = await latestDevMail();
  return (
    <main id="main" className="mailbox">
      <h1>Dev mailbox</h1>
      <p>Mail is not sent anywhere because EMAIL_SERVER is not set. It lands here instead.</p>
      {messages.length === 0 && <p>No mail yet.</p>}
      {messages.map((m) => (
        <article key={m.id} data-testid="dev-mail">
          <h2>{m.subject}</h2>
          <p>
            To <strong data-testid="dev-mail-to">{m.to}</strong> · {m.createdAt.toISOString()}
          </p>
          <Linked text={m.text} />
        </article>
      ))}
    </main>
  );
}
