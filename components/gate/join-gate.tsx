import { configuredProviders } from "@/lib/auth/providers/configured";
import { JoinForm } from "./join-form";

/** The gate's words, the site's name already in them (lib/experiments/gate-copy.ts). */
type Copy = { heading: string; sentence: string; button: string };

type Props = {
  siteName: string;
  articleSlug: string;
  /** The meter's wall: this reader's free articles for the period are used up. */
  spent?: { allowance: number; period: string } | null;
  /** A wall experiment's variant, or the gate an experiment kept; Lede's own without. */
  copy?: Copy;
  /** The newsletters the consent box names. */
  offer?: string[];
};

/** The registration wall shown after the lede of a premium article. */
export function JoinGate({ siteName, articleSlug, spent = null, copy, offer = [] }: Props) {
  const returnTo = `/articles/${articleSlug}`;
  return (
    <section className="gate" aria-labelledby="gate-heading" data-testid="gate">
      {spent && (
        <p className="meter-spent" data-testid="meter-spent">
          {`You’ve read your ${spent.allowance} free ${spent.allowance === 1 ? "article" : "articles"} ${spent.period}.`}
        </p>
      )}
      <h2 id="gate-heading">{copy?.heading ?? `Join ${siteName} to access this content`}</h2>
      <p className="pitch">
        {copy?.sentence ?? "Plus special access to featured articles and other premium content through your account, for free."}
      </p>
      <JoinForm
        siteName={siteName}
        articleSlug={articleSlug}
        callbackUrl={returnTo}
        mode="join"
        source={spent ? "meter-wall" : undefined}
        buttonLabel={copy?.button}
        providers={configuredProviders()}
        offer={offer}
      />
    </section>
  );
}
