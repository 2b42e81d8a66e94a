import type { UnsubscribeLink } from "@/lib/newsletter/unsubscribe";

function InvalidLink() {
  return (
    <>
      <h1>This unsubscribe link is not valid</h1>
      <p role="status">
        It may have been cut short by your mail program. Use the link in a recent newsletter, or sign in and change your
        newsletter setting on <a href="/account">your account page</a>.
      </p>
    </>
  );
}

/** GET /unsubscribe: a confirm button, and nothing changed yet (scanners fetch links). */
export function UnsubscribeConfirm({ siteName, link, token }: { siteName: string; link: UnsubscribeLink; token: string }) {
  if (link.kind === "invalid") return <InvalidLink />;
  if (link.kind === "gone" || link.status === "unsubscribed" || link.status === "none") {
    return (
      <>
        <h1>You are not subscribed</h1>
        <p role="status">
          {link.kind === "found" && link.newsletter
            ? `This address does not get ${link.newsletter} from ${siteName}.`
            : `This address gets no newsletters from ${siteName}.`}
        </p>
        <p>
          <a href="/account">Your account</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{link.newsletter ? `Unsubscribe from ${link.newsletter}?` : "Unsubscribe from all newsletters?"}</h1>
      <p>
        We will stop sending {link.newsletter ?? `any newsletter from ${siteName}`} to <strong>{link.maskedEmail}</strong>.
        {link.newsletter ? " Your other newsletters and your account stay as they are." : " Your account stays as it is."}
      </p>
      <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
        <button type="submit">Unsubscribe</button>
      </form>
    </>
  );
}

/** POST /unsubscribe: the answer after unsubscribing (mail clients ignore it; people see it). */
export function UnsubscribeDone({ siteName, link }: { siteName: string; link: UnsubscribeLink }) {
  if (link.kind === "invalid") return <InvalidLink />;
  return (
    <>
      <h1>You are unsubscribed</h1>
      <p role="status">
        {link.kind === "found" ? <strong>{link.maskedEmail}</strong> : "This address"}
        {` will get no more ${link.kind === "found" && link.newsletter ? `of ${link.newsletter}` : "newsletters"} from ${siteName}.`}
      </p>
      <p>
        Changed your mind? You can subscribe again on <a href="/account">your account page</a>.
      </p>
    </>
  );
}
