import type { ProviderChoice } from "@/lib/auth/providers/configured";

type Props = { providers: ProviderChoice[]; callbackUrl: string; articleSlug: string | null };

/**
 * "Continue with Google" (and the site's own OpenID Connect provider): plain form posts to
 * Lede's start route, so they work without JavaScript and a cross-site page cannot start them.
 */
export function ProviderButtons({ providers, callbackUrl, articleSlug }: Props) {
  if (providers.length === 0) return null;
  return (
    <div className="provider-buttons">
      {providers.map((p) => (
        <form key={p.id} method="post" action={`/signin/provider/start/${p.id}`}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          {articleSlug && <input type="hidden" name="article" value={articleSlug} />}
          <button type="submit" className="secondary">
            Continue with {p.label}
          </button>
        </form>
      ))}
    </div>
  );
}
