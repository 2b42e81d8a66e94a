import { switchMetered } from "@/app/desk/articles/actions";
import { SwitchToggle } from "@/components/desk/switch-toggle";

type Props = { articleId: number; title: string; metered: boolean; returnTo: string };

/**
 * One click makes a premium article members only (always gated) or metered again (it may
 * be one of an anonymous reader's free articles).
 */
export function MeteredToggle({ articleId, title, metered, returnTo }: Props) {
  return (
    <SwitchToggle
      action={switchMetered}
      articleId={articleId}
      to={metered ? "off" : "on"}
      pressed={!metered}
      label="Members only"
      title={metered ? `Make “${title}” members only` : `Let the meter count “${title}” as a free read`}
      returnTo={returnTo}
    />
  );
}
