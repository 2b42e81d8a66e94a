import { setMetered } from "@/lib/desk/article-commands";
import { articleSwitch } from "@/lib/desk/article-switch";

/** The one-click switch of a premium article in the article list: metered=on, or off (members only). */
export const POST = articleSwitch({
  field: "metered",
  set: setMetered,
  notices: { on: "metered-on", off: "members-only" },
  refused: "Nothing was switched.",
});
