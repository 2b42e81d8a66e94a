import { switchPremium } from "@/app/desk/articles/actions";
import { SwitchToggle } from "./switch-toggle";

type Props = { articleId: number; title: string; premium: boolean; returnTo: string };

/** One click switches premium on or off. */
export function PremiumToggle({ articleId, title, premium, returnTo }: Props) {
  return (
    <SwitchToggle
      action={switchPremium}
      articleId={articleId}
      to={premium ? "off" : "on"}
      pressed={premium}
      label="Premium"
      title={premium ? `Make “${title}” free` : `Make “${title}” premium`}
      returnTo={returnTo}
    />
  );
}
