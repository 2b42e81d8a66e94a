import { configuredProviders } from "@/lib/auth/providers/configured";
import { JoinForm } from "./join-form";

type Props = {
  siteName: string;
  articleSlug: string;
  /** The meter's wall: this reader's free articles for the period are used up. */
  spent?: { allowance: number; period: string } | null;
  /** The newsletters the consent box names. */
  offer?: string[];
};

/** The registration wall shown after the lede of a premium article. */
export function JoinGate({ siteName, articleSlug, spent = null, offer = [] }: Props) {
  const returnTo = `/articles/${articleSlug}`;
  return (
    <section className="gate" aria-labelledby="gate-heading" data-testid="gate">
      {spent && (
        <p className="meter-spent" data-testid="meter-spent">
          {`You’ve read your ${spent.allowance} free ${spent.allowance === 1 ? "article" : "articles"} ${spent.period}.`}
        </p>
      )}
      <h2 id="gate-heading">Join {siteName} to access this content</h2>
      <p className="pitch">
        Plus special access to featured articles and other premium content through your account, for free.
      </p>
      <JoinForm siteName={siteName} articleSlug={articleSlug} callbackUrl={returnTo} mode="join" source={spent ? "meter-wall" : undefined} providers={configuredProviders()} offer={offer} />
    </section>
  );
}
