import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { devMailboxOpenTo, latestDevMail } from "@/lib/mail/dev-mailbox";

export const dynamic = "force-dynamic";

// Even the title is kept from a request the mailbox does not answer: its 404 is the
// same as that of a page that does not exist.
export async function generateMetadata(): Promise<Metadata> {
  if (!devMailboxOpenTo(await headers())) notFound();
  return { title: "Dev mailbox", robots: { index: false, follow: false } };
}

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

/**
 * Mail "sent" on the embedded demo, for this machine only. Anywhere else (another
 * machine, through a proxy, with DATABASE_URL or EMAIL_SERVER set) it does not exist.
 */
export default async function DevMailboxPage() {
  if (!devMailboxOpenTo(await headers())) notFound();
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
