import { configuredProviders } from "@/lib/auth/providers/configured";
import { JoinForm } from "./join-form";

type Props = { left: number; period: string; siteName: string; articleSlug: string; offer?: string[] };

/** The slim notice above a premium article the meter let a reader sample. */
export function MeterNotice({ left, period, siteName, articleSlug, offer = [] }: Props) {
  const count =
    left === 0
      ? `This is your last free article ${period}.`
      : `You have ${left} free ${left === 1 ? "article" : "articles"} left ${period}.`;
  return (
    <aside className="meter-notice" aria-labelledby="meter-notice-text" data-testid="meter-notice">
      <p id="meter-notice-text">
        <strong>{count}</strong> Join free to read without limits.
      </p>
      <JoinForm siteName={siteName} articleSlug={articleSlug} callbackUrl={`/articles/${articleSlug}`} mode="join" source="meter-notice" providers={configuredProviders()} offer={offer} />
    </aside>
  );
}
