import { JoinForm } from "./join-form";

type Props = { siteName: string; articleSlug: string };

/** The registration wall shown after the lede of a premium article. */
export function JoinGate({ siteName, articleSlug }: Props) {
  const returnTo = `/articles/${articleSlug}`;
  return (
    <section className="gate" aria-labelledby="gate-heading" data-testid="gate">
      <h2 id="gate-heading">Join {siteName} to access this content</h2>
      <p className="pitch">
        Plus special access to featured articles and other premium content through your account, for free.
      </p>
      <JoinForm siteName={siteName} articleSlug={articleSlug} callbackUrl={returnTo} mode="join" />
    </section>
  );
}
