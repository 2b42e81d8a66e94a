import { JoinForm } from "@/components/gate/join-form";

/** Above a gifted article: who made it readable. */
export function GiftNote({ siteName }: { siteName: string }) {
  return (
    <p className="gift-note" data-testid="gift-note">
      Shared by a member of {siteName}
    </p>
  );
}

/** Below a gifted article: the join form, its join credited to the gift. */
export function GiftJoin({ siteName, articleSlug, token, offer = [] }: { siteName: string; articleSlug: string; token: string; offer?: string[] }) {
  return (
    <section className="gate gift-join" aria-labelledby="gift-join-heading" data-testid="gift-join">
      <h2 id="gift-join-heading">Join {siteName} to read more like this</h2>
      <p className="pitch">Special access to featured articles and other premium content through your account, for free.</p>
      <JoinForm siteName={siteName} articleSlug={articleSlug} callbackUrl={`/articles/${articleSlug}`} mode="join" giftToken={token} offer={offer} />
    </section>
  );
}
